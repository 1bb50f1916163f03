import {
  BATCH_PROGRESS_TIMEOUT_MS,
  BATCH_SUBMIT_TIMEOUT_MS,
  BATCH_UPLOAD_PART_MAX_ITEMS,
  BATCH_UPLOAD_TIMEOUT_MS,
  BatchErrorCode,
  BatchItemInput,
  BatchOperationsRpc,
  BatchProgressReply,
  BatchSubmitReply,
  BatchUploadReply,
} from '@loyalty/contracts';
import { BrokerReadinessCheck, RpcClient, RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError, ResourceNotFoundError } from '../http/api-errors';
import type { BatchRequestHeaderDto } from './batch-operations.dto';

/** Parts uploaded at the same time: keeps a 100,000-item request moving without flooding the service. */
const PARALLEL_PARTS = 3;

/** The batch service's answer when a request is longer than it accepts; submitting then says so in the reply. */
const TOO_MANY_ITEMS = 'TooManyItems';

/**
 * Calls the batch-operations service. A request that fits one part is submitted with its items;
 * a larger one is uploaded in parts of BATCH_UPLOAD_PART_MAX_ITEMS under a fresh upload id and
 * then submitted, so no single broker message carries tens of megabytes. Uses its own timeouts:
 * validating and storing 100,000 items takes longer than an ordinary call may.
 */
@Injectable()
export class BatchOperationsClient {
  constructor(
    private readonly rpc: RpcClient,
    private readonly broker: BrokerReadinessCheck,
  ) {}

  async submit(header: BatchRequestHeaderDto, items: BatchItemInput[]): Promise<BatchSubmitReply> {
    const request = {
      requestId: header.requestId,
      type: header.type,
      accrueDescription: header.accrueDescription ?? null,
      currencyExternalId: header.currencyExternalId ?? null,
      lifeTimeDefinitionExternalId: header.lifeTimeDefinitionExternalId ?? null,
      itemCount: items.length,
    };
    if (items.length <= BATCH_UPLOAD_PART_MAX_ITEMS) {
      return this.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { ...request, items }, BATCH_SUBMIT_TIMEOUT_MS);
    }
    const uploadId = randomUUID();
    await this.upload(uploadId, items);
    return this.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { ...request, uploadId }, BATCH_SUBMIT_TIMEOUT_MS);
  }

  async progress(requestId: string, errorsFrom?: number, errorsCount?: number): Promise<BatchProgressReply> {
    try {
      return await this.call<BatchProgressReply>(BatchOperationsRpc.Progress, { requestId, errorsFrom, errorsCount }, BATCH_PROGRESS_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof RpcFault && error.code === BatchErrorCode.BatchNotFound) throw new ResourceNotFoundError(`No batch with requestId ${requestId}`);
      throw error;
    }
  }

  private async upload(uploadId: string, items: BatchItemInput[]): Promise<void> {
    const offsets: number[] = [];
    for (let offset = 0; offset < items.length; offset += BATCH_UPLOAD_PART_MAX_ITEMS) offsets.push(offset);
    let next = 0;
    let stop = false;
    const uploadParts = async (): Promise<void> => {
      while (!stop && next < offsets.length) {
        const offset = offsets[next++];
        try {
          await this.call<BatchUploadReply>(
            BatchOperationsRpc.Upload,
            { uploadId, offset, items: items.slice(offset, offset + BATCH_UPLOAD_PART_MAX_ITEMS) },
            BATCH_UPLOAD_TIMEOUT_MS,
          );
        } catch (error) {
          // Too long a request: stop uploading, the submit that follows answers status 1.
          if (error instanceof RpcFault && error.code === TOO_MANY_ITEMS) stop = true;
          else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, offsets.length) }, uploadParts));
  }

  private async call<T>(routingKey: string, payload: object, timeoutMs: number): Promise<T> {
    if (!(await this.broker.isReady())) throw new DependencyUnavailableError('broker');
    try {
      return await this.rpc.call<T>(routingKey, payload, timeoutMs);
    } catch (error) {
      if (error instanceof RpcFault) {
        if (error.code === BatchErrorCode.ProcessingUnavailable) throw new DependencyUnavailableError('processing', error);
        throw error;
      }
      // The channel went away between the readiness check and the publish.
      throw new DependencyUnavailableError('broker', error);
    }
  }
}
