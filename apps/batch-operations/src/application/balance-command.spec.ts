import { ProcessingRpc } from '@loyalty/contracts';
import { balanceCommand, BatchForWork, PendingItem } from './balance-command';

const batch: BatchForWork = {
  id: '8d7f3c2a-1b4e-4f6a-9c8d-7e6f5a4b3c2d',
  requestId: '123',
  type: 2,
  accrueDescription: 'Начисление за покупки во внешней системе',
  currencyExternalId: null,
  lifetimeExternalId: null,
  allowNegative: false,
};
const item: PendingItem = {
  itemIndex: 7,
  memberNo: '012345',
  description: 'string',
  operationDate: new Date('2013-08-14T12:26:14Z'),
  pointsAmount: '1522.46',
};

describe('balanceCommand', () => {
  it('accrues types 2 and 4 under a per-item idempotency key', () => {
    for (const type of [2, 4] as const) {
      expect(balanceCommand({ ...batch, type }, item)).toEqual({
        routingKey: ProcessingRpc.Accrue,
        request: {
          idempotencyKey: 'batch:123:7',
          member: { cardNumber: '012345' },
          amount: 1522.46,
          description: 'string',
          currencyExternalId: null,
          operationDate: '2013-08-14T12:26:14.000Z',
          source: 'batch-operations',
          lifetimeExternalId: null,
          rewardType: 'Bonus',
        },
      });
    }
  });

  it('withdraws types 3 and 5 with the policy fixed on the batch, falling back to accrueDescription', () => {
    for (const type of [3, 5] as const) {
      const command = balanceCommand({ ...batch, type, allowNegative: true }, { ...item, description: null, memberNo: '5e4c3b2a-1d0f-4a9b-8c7d-6e5f4a3b2c1d' });
      expect(command.routingKey).toBe(ProcessingRpc.Withdraw);
      expect(command.request).toMatchObject({
        member: { customerUid: '5e4c3b2a-1d0f-4a9b-8c7d-6e5f4a3b2c1d' },
        description: 'Начисление за покупки во внешней системе',
        allowNegative: true,
        withdrawType: 'Withdraw',
      });
    }
  });
});
