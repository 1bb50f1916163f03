import { RpcErrorCode, RpcFault } from '@loyalty/messaging';
import type { ItemOutcome } from './balance-command';

/** Answers that say nothing about the item: processing timed out, crashed, or the broker is away. */
const RETRYABLE_CODES = new Set<string>([RpcErrorCode.Timeout, RpcErrorCode.Internal, 'InvalidReply']);

/**
 * A refusal by processing (NotEnoughMoney, MemberNotFound, …) is final for the item: it is
 * recorded as failed and the batch goes on. Anything else is retried later under the same
 * idempotency key, which makes a command that did get through harmless to send again.
 */
export function outcomeOfError(error: unknown): ItemOutcome {
  if (error instanceof RpcFault && !RETRYABLE_CODES.has(error.code)) {
    return { kind: 'failed', code: error.code, message: error.message };
  }
  return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
}
