import { Injectable, Logger } from '@nestjs/common';
import { BalanceCommandReply } from '@loyalty/contracts';
import { RpcClient } from '@loyalty/messaging';
import { MetricsService } from '@loyalty/runtime';
import type { Counter, Histogram } from 'prom-client';
import { BatchOperationsConfig } from '../config/batch-operations.config';
import { balanceCommand, BatchForWork, ItemOutcome, PendingItem } from './balance-command';
import { outcomeOfError } from './item-outcome';
import { ClaimedChunk, ChunkCompletion, ItemResult, WorkQueue } from './work-queue';

/** Longest wait before a chunk whose items could not be applied is tried again. */
const MAX_RETRY_DELAY_SECONDS = 60;

/**
 * Applies the pending items of one claimed chunk through processing's balance commands, a few at
 * a time, keeps the lease alive meanwhile, and records the outcome. It stops taking new items at
 * the first answer that is not a real one (timeout, broker away), on shutdown, or when the lease is
 * lost; what is left stays pending for a later claim.
 */
@Injectable()
export class ChunkProcessor {
  private readonly logger = new Logger(ChunkProcessor.name);
  private readonly batches = new Map<string, BatchForWork>();
  private readonly items: Counter<'outcome'>;
  private readonly chunkDuration: Histogram<'outcome'>;

  constructor(
    private readonly queue: WorkQueue,
    private readonly rpc: RpcClient,
    private readonly config: BatchOperationsConfig,
    metrics: MetricsService,
  ) {
    this.items = metrics.counter({
      name: 'batch_items_total',
      help: 'Batch items handled, by outcome: applied, failed (refused by processing), retried (no answer, tried again later).',
      labelNames: ['outcome'],
    });
    this.chunkDuration = metrics.histogram({
      name: 'batch_chunk_duration_seconds',
      help: 'Time to apply one claimed chunk of a batch, by outcome (done or released).',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
  }

  async process(chunk: ClaimedChunk, owner: string, keepGoing: () => boolean): Promise<ChunkCompletion> {
    const stopTimer = this.chunkDuration.startTimer();
    const batch = await this.batchOf(chunk.batchId);
    const items = await this.queue.pendingItems(chunk);
    const results: ItemResult[] = [];
    let interrupted = false;
    let leaseLost = false;

    const leaseSeconds = this.config.BATCH_CHUNK_LEASE_SECONDS;
    const heartbeat = setInterval(() => {
      this.queue.extendLease(chunk, owner, leaseSeconds).then(
        (kept) => (leaseLost ||= !kept),
        (error: Error) => this.logger.warn(`Lease of chunk ${chunk.id} not extended: ${error.message}`),
      );
    }, (leaseSeconds * 1000) / 3);

    let next = 0;
    const applyNext = async (): Promise<void> => {
      while (next < items.length && !interrupted && !leaseLost && keepGoing()) {
        const item = items[next++];
        const outcome = await this.apply(batch, item);
        if (outcome.kind === 'retry') {
          interrupted = true;
          this.items.inc({ outcome: 'retried' });
          this.logger.warn({ msg: 'Batch item not applied, retrying later', requestId: batch.requestId, itemIndex: item.itemIndex, reason: outcome.reason });
        } else {
          results.push({ itemIndex: item.itemIndex, outcome });
          this.items.inc({ outcome: outcome.kind });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.config.BATCH_ITEM_CONCURRENCY, items.length) }, applyNext));
    } finally {
      clearInterval(heartbeat);
    }
    const retryAfter = interrupted ? Math.min(MAX_RETRY_DELAY_SECONDS, 2 ** Math.min(chunk.attempts, 6)) : 0;
    const completion = await this.queue.complete(chunk, owner, results, retryAfter);
    stopTimer({ outcome: completion.chunkDone ? 'done' : 'released' });
    if (completion.batchFinished) {
      this.batches.delete(chunk.batchId);
      this.logger.log({ msg: 'Batch finished', requestId: batch.requestId });
    }
    return completion;
  }

  private async apply(batch: BatchForWork, item: PendingItem): Promise<ItemOutcome> {
    const { routingKey, request } = balanceCommand(batch, item);
    try {
      const reply = await this.rpc.call<BalanceCommandReply>(routingKey, request, this.config.PROCESSING_RPC_TIMEOUT_MS);
      return { kind: 'applied', entryId: reply.entryId };
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  private async batchOf(batchId: string): Promise<BatchForWork> {
    let batch = this.batches.get(batchId);
    if (!batch) {
      batch = await this.queue.batch(batchId);
      // Headers never change; a handful of batches is active at a time.
      if (this.batches.size > 1000) this.batches.clear();
      this.batches.set(batchId, batch);
    }
    return batch;
  }
}
