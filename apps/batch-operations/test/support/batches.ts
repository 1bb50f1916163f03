import {
  BATCH_SUBMIT_TIMEOUT_MS,
  BATCH_UPLOAD_PART_MAX_ITEMS,
  BATCH_UPLOAD_TIMEOUT_MS,
  BatchItemInput,
  BatchOperationsRpc,
  BatchProgressReply,
  BatchState,
  BatchSubmitReply,
  BatchUploadReply,
} from '@loyalty/contracts';
import { RpcClient } from '@loyalty/messaging';
import { waitFor } from '@loyalty/testing';
import { randomUUID } from 'node:crypto';

/** A request body of the seed's batch API. */
export interface BatchRequestBody {
  requestId: string;
  type: number;
  accrueDescription?: string | null;
  currencyExternalId?: string | null;
  lifeTimeDefinitionExternalId?: string | null;
  accrue: BatchItemInput[];
}

/**
 * Sends a request the way the gateway does: inline when it fits one part, else uploaded in parts
 * (a few at a time) and then submitted.
 */
export async function submitBatch(rpc: RpcClient, body: BatchRequestBody, partSize = BATCH_UPLOAD_PART_MAX_ITEMS): Promise<BatchSubmitReply> {
  const { accrue, ...header } = body;
  if (accrue.length <= partSize && partSize === BATCH_UPLOAD_PART_MAX_ITEMS) {
    return rpc.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { ...header, itemCount: accrue.length, items: accrue }, BATCH_SUBMIT_TIMEOUT_MS);
  }
  const uploadId = randomUUID();
  const offsets: number[] = [];
  for (let offset = 0; offset < accrue.length; offset += partSize) offsets.push(offset);
  let next = 0;
  const upload = async (): Promise<void> => {
    while (next < offsets.length) {
      const offset = offsets[next++];
      await rpc.call<BatchUploadReply>(BatchOperationsRpc.Upload, { uploadId, offset, items: accrue.slice(offset, offset + partSize) }, BATCH_UPLOAD_TIMEOUT_MS);
    }
  };
  await Promise.all([upload(), upload(), upload()]);
  return rpc.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { ...header, itemCount: accrue.length, uploadId }, BATCH_SUBMIT_TIMEOUT_MS);
}

export function progressOf(rpc: RpcClient, requestId: string, errors: { errorsFrom?: number; errorsCount?: number } = {}): Promise<BatchProgressReply> {
  return rpc.call<BatchProgressReply>(BatchOperationsRpc.Progress, { requestId, ...errors });
}

/** Waits until the batch is Processed or ProcessedWithError. */
export async function waitUntilFinished(rpc: RpcClient, requestId: string, timeoutMs = 30_000): Promise<BatchProgressReply> {
  return waitFor(
    async () => {
      const progress = await progressOf(rpc, requestId);
      return (progress.state === BatchState.Processed || progress.state === BatchState.ProcessedWithError) && progress;
    },
    { timeoutMs, intervalMs: 100, description: `batch ${requestId} to finish` },
  );
}

export function newRequestId(): string {
  return `it-${randomUUID()}`;
}
