import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { BatchOperationsConfig } from '../config/batch-operations.config';
import { WorkSignal } from '../submission/work-signal';
import { ChunkProcessor } from './chunk-processor';
import { WorkQueue } from './work-queue';

/** Pause after the database failed a claim, before trying again. */
const CLAIM_FAILURE_PAUSE_MS = 2000;

/**
 * Applies accepted batches in the background: BATCH_WORKER_CHUNKS loops per replica, each
 * claiming one chunk at a time from the database queue. Stopping (SIGTERM) lets the chunks in
 * hand record what they did and release the rest; a SIGKILL leaves them to run out their lease.
 */
@Injectable()
export class BatchWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BatchWorker.name);
  /** Names this process in lease_owner. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly queue: WorkQueue,
    private readonly processor: ChunkProcessor,
    private readonly signal: WorkSignal,
    private readonly config: BatchOperationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.BATCH_WORKER_ENABLED) {
      this.logger.log('Batch worker disabled in this replica (BATCH_WORKER_ENABLED=false)');
      return;
    }
    this.running = true;
    this.loops = Array.from({ length: this.config.BATCH_WORKER_CHUNKS }, () => this.loop());
  }

  /** First shutdown hook: stop claiming and let the chunks in hand settle while broker and database are still up. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await Promise.allSettled(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const chunk = await this.queue.claim(this.owner, this.config.BATCH_CHUNK_LEASE_SECONDS);
        if (!chunk) {
          await this.signal.wait(this.config.BATCH_WORKER_POLL_MS);
          continue;
        }
        const completion = await this.processor.process(chunk, this.owner, () => this.running);
        // More work is likely right behind a finished chunk: wake the idle loops.
        if (completion.chunkDone && !completion.batchFinished) this.signal.notify();
      } catch (error) {
        this.logger.warn(`Batch worker round failed: ${(error as Error).message}`);
        await this.signal.wait(CLAIM_FAILURE_PAUSE_MS);
      }
    }
  }
}
