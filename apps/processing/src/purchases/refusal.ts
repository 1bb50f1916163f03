import { OperationReply, ProcessingResultCode } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';

/** A business refusal with a Loymax result code; nothing was changed. */
export class Refusal extends Error {
  constructor(
    readonly code: Exclude<ProcessingResultCode, 'Ok'>,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/**
 * Runs a purchase RPC and turns a refusal into the RPC error the gateway maps: `code` is the
 * Loymax code and `details` the reply object carrying it, shaped like a successful reply.
 */
export async function answering<T>(operationId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const details: OperationReply = {
      transactionId: null,
      deviceLogicalId: null,
      operationId: operationId ?? '',
      code: error.code,
      errorMessage: error.message,
      cashierMessage: null,
      chequeMessage: null,
      cheque: null,
    };
    throw new RpcFault(error.code, error.message, details);
  }
}
