import { RpcFault, RpcTimeoutError } from '@loyalty/messaging';
import { outcomeOfError } from './item-outcome';

describe('outcomeOfError', () => {
  it('records a refusal of processing as the item failing', () => {
    expect(outcomeOfError(new RpcFault('NotEnoughMoney', 'Not enough bonuses'))).toEqual({ kind: 'failed', code: 'NotEnoughMoney', message: 'Not enough bonuses' });
    expect(outcomeOfError(new RpcFault('MemberNotFound', 'gone'))).toMatchObject({ kind: 'failed', code: 'MemberNotFound' });
  });

  it.each([
    ['a timeout', new RpcTimeoutError('processing.balance.accrue', 5000)],
    ['an internal error', new RpcFault('InternalError', 'Internal error 0123')],
    ['a malformed reply', new RpcFault('InvalidReply', 'bad')],
    ['a broken channel', new Error('Channel closed')],
  ])('retries the item after %s', (_what, error) => {
    expect(outcomeOfError(error).kind).toBe('retry');
  });
});
