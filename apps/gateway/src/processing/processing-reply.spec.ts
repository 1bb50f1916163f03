import { RpcFault } from '@loyalty/messaging';
import { HttpStatus } from '@nestjs/common';
import { ApiError, DependencyUnavailableError } from '../http/api-errors';
import type { ServiceRpc } from '../rpc/service-rpc';
import { processingCall } from './processing-reply';

const rpcAnswering = (answer: () => Promise<unknown>) => ({ call: jest.fn(answer) }) as unknown as ServiceRpc & { call: jest.Mock };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('processingCall', () => {
  const reply = { code: 'Ok', operationId: 'op-1', errorMessage: null };

  it('wraps a reply as data: [reply] in the success envelope', async () => {
    const rpc = rpcAnswering(async () => reply);
    await expect(processingCall(rpc, 'processing.purchase.calculate', { purchaseId: 'P1' })).resolves.toEqual({
      data: [reply],
      result: { state: 'Success', message: null, validationErrors: null },
    });
    expect(rpc.call).toHaveBeenCalledWith('processing.purchase.calculate', { purchaseId: 'P1' });
  });

  it('answers a Loymax refusal 422 with data: [details]', async () => {
    const details = { ...reply, code: 'NotEnoughMoney', errorMessage: 'Недостаточно бонусов', transactionId: null };
    const error = (await failureOf(processingCall(rpcAnswering(async () => Promise.reject(new RpcFault('NotEnoughMoney', 'Недостаточно бонусов', details))), 'k', {}))) as ApiError;
    expect({ status: error.getStatus(), state: error.state, message: error.message, data: error.data }).toEqual({
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      state: 'Error',
      message: 'Недостаточно бонусов',
      data: [details],
    });
  });

  it('answers NotUniqueOperationID 409 with the same data shape', async () => {
    const details = { ...reply, code: 'NotUniqueOperationID', errorMessage: 'x' };
    const error = (await failureOf(processingCall(rpcAnswering(async () => Promise.reject(new RpcFault('NotUniqueOperationID', 'x', details))), 'k', {}))) as ApiError;
    expect({ status: error.getStatus(), data: error.data }).toEqual({ status: HttpStatus.CONFLICT, data: [details] });
  });

  it('keeps the code and message when a refusal has no reply object', async () => {
    const error = (await failureOf(processingCall(rpcAnswering(async () => Promise.reject(new RpcFault('CardNotFound', 'Card not found'))), 'k', {}))) as ApiError;
    expect(error.data).toEqual([{ code: 'CardNotFound', errorMessage: 'Card not found' }]);
  });

  it('leaves other faults and errors to the global filter unchanged', async () => {
    const validation = new RpcFault('ValidationFailed', 'Invalid request', ['purchaseId: too long']);
    await expect(failureOf(processingCall(rpcAnswering(async () => Promise.reject(validation)), 'k', {}))).resolves.toBe(validation);
    const down = new DependencyUnavailableError('broker');
    await expect(failureOf(processingCall(rpcAnswering(async () => Promise.reject(down)), 'k', {}))).resolves.toBe(down);
  });
});
