import { ProcessingResultCode } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { ok, type ApiEnvelope } from '../http/envelope';
import { apiErrorForRpcFault } from '../http/rpc-faults';
import type { ServiceRpc } from '../rpc/service-rpc';

const RESULT_CODES = new Set<string>(Object.values(ProcessingResultCode));

/**
 * Processing methods answer `data` as an array of one result (SPEC §3.0, seed 001), refusals
 * included: the status comes from the one table in http/rpc-faults.ts (422, 409 for
 * NotUniqueOperationID), `data` is `[details]`, the reply object carrying the Loymax code.
 * Other faults (ValidationFailed, Timeout, InternalError…) go to the filter unchanged.
 */
export async function processingCall<T>(rpc: ServiceRpc, routingKey: string, payload: object): Promise<ApiEnvelope<T[]>> {
  try {
    return ok([await rpc.call<T>(routingKey, payload)]);
  } catch (error) {
    throw error instanceof RpcFault && RESULT_CODES.has(error.code) ? (apiErrorForRpcFault(error, { data: refusalData }) ?? error) : error;
  }
}

/** `[details]`; a refusal without a reply object still carries its code and message. */
export function refusalData(fault: RpcFault): unknown[] {
  const details = typeof fault.details === 'object' && fault.details !== null && !Array.isArray(fault.details) ? fault.details : {};
  return [{ code: fault.code, errorMessage: fault.message, ...details }];
}
