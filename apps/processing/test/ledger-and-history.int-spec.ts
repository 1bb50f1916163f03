import { BalanceCommandReply, HistoryReply, InternalRoutingKey, LOYALTY_EVENTS_EXCHANGE, ProcessingRpc } from '@loyalty/contracts';
import { waitFor } from '@loyalty/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { ExpiryJob } from '../src/ledger/expiry.job';
import {
  accrue,
  ledgerInvariants,
  linkCard,
  MERCHANT,
  newCardNumber,
  newMember,
  outcome,
  ProcessingHarness,
  refusalCode,
  startProcessing,
  TestCard,
  TestMember,
} from './support/processing-test-app';

const operationId = () => randomUUID().replace(/-/g, '');
const DAY_MS = 86_400_000;

describe('processing: ledger, balance commands and History', () => {
  let harness: ProcessingHarness;

  beforeAll(async () => {
    harness = await startProcessing();
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function memberWithCard(): Promise<{ member: TestMember; card: TestCard }> {
    const member = newMember();
    const card: TestCard = { cardNumber: newCardNumber(), cardId: randomInt(1, 2_000_000_000), category: 'Standard' };
    await linkCard(harness, member, card);
    return { member, card };
  }

  const paymentOn = (card: TestCard, amount: number, total: number) => ({
    purchaseId: `c-${randomUUID()}`,
    operationId: operationId(),
    operationDate: new Date().toISOString(),
    identifier: { type: 'Card', value: card.cardNumber },
    merchant: MERCHANT,
    cheque: { number: '1', lines: [{ position: 1, amount: total, quantity: 1 }] },
    amount,
  });

  describe('concurrency', () => {
    it('50 concurrent payments on one account never overdraw it, and the balance stays the sum of the ledger', async () => {
      const { member, card } = await memberWithCard();
      await accrue(harness, member, 100);
      const payments = Array.from({ length: 50 }, () => paymentOn(card, 3, 10));
      const results = await Promise.all(payments.map((payment) => outcome(harness.rpc.call(ProcessingRpc.Payment, payment))));

      const accepted = results.filter((result) => result.ok);
      const refused = results.filter((result) => !result.ok);
      expect(accepted).toHaveLength(33); // 33 × 3 = 99 ≤ 100 < 102
      expect(new Set(refused.map((result) => (result.ok ? 'Ok' : result.code)))).toEqual(new Set(['NotEnoughMoney']));
      expect(await ledgerInvariants(harness, member.customerId)).toEqual({
        balance: '100.0000',
        held: '99.0000',
        entries: '100.0000',
        holds: '99.0000',
        lots: '100.0000',
      });

      // Confirming them all at once turns every hold into a withdrawal, exactly once.
      const confirmed = payments.filter((_payment, index) => results[index].ok);
      await Promise.all(
        confirmed.map((payment) =>
          harness.rpc.call(ProcessingRpc.Confirm, { purchaseId: payment.purchaseId, operationId: operationId(), operationDate: payment.operationDate, merchant: MERCHANT }),
        ),
      );
      expect(await ledgerInvariants(harness, member.customerId)).toEqual({
        balance: '1.0000',
        held: '0.0000',
        entries: '1.0000',
        holds: '0.0000',
        lots: '1.0000',
      });
    });
  });

  describe('balance commands', () => {
    it('applies an idempotency key once: a repeat replays the reply, another command under the key is refused', async () => {
      const { member } = await memberWithCard();
      const command = { idempotencyKey: `batch-${randomUUID()}`, member: { customerUid: member.customerUid }, amount: 12.5, description: 'Бонус за отзыв', source: 'batch-operations' };
      const replies = await Promise.all(Array.from({ length: 10 }, () => harness.rpc.call<BalanceCommandReply>(ProcessingRpc.Accrue, command)));
      expect(replies.filter((reply) => reply.applied)).toHaveLength(1);
      expect(new Set(replies.map((reply) => reply.entryId)).size).toBe(1);
      expect(replies[0]).toMatchObject({ amount: 12.5, balance: 12.5, customerId: member.customerId });

      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Accrue, { ...command, amount: 13 }))).toBe('IdempotencyKeyReused');
      expect((await ledgerInvariants(harness, member.customerId)).entries).toBe('12.5000');
    });

    it('withdraws only what is available unless allowed below zero; names members by card, uuid or id', async () => {
      const { member, card } = await memberWithCard();
      await accrue(harness, member, 10);
      const withdraw = (amount: number, extra: Record<string, unknown> = {}) =>
        harness.rpc.call<BalanceCommandReply>(ProcessingRpc.Withdraw, { idempotencyKey: randomUUID(), member: { cardNumber: card.cardNumber }, amount, ...extra });
      expect(await refusalCode(withdraw(10.01))).toBe('NotEnoughMoney');
      await expect(withdraw(4, { member: { customerId: member.customerId } })).resolves.toMatchObject({ amount: -4, balance: 6 });
      await expect(withdraw(8, { allowNegative: true })).resolves.toMatchObject({ amount: -8, balance: -2 });
      // A later accrual pays the debt first: only what is above zero becomes spendable.
      await accrue(harness, member, 5);
      expect(await ledgerInvariants(harness, member.customerId)).toMatchObject({ balance: '3.0000', entries: '3.0000', lots: '3.0000' });
      expect(await refusalCode(withdraw(1.005))).toBe('InvalidAmount');
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Accrue, { idempotencyKey: randomUUID(), member: { cardNumber: newCardNumber() }, amount: 1 }))).toBe(
        'MemberNotFound',
      );
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.Accrue, { idempotencyKey: randomUUID(), member: { customerUid: member.customerUid }, amount: 1, currencyExternalId: 'nope' })),
      ).toBe('CurrencyNotFound');
    });

    it('announces every balance change on processing.balance.changed', async () => {
      const queue = await harness.probe.bindTemporaryQueue(LOYALTY_EVENTS_EXCHANGE, [InternalRoutingKey.ProcessingBalanceChanged]);
      const { member } = await memberWithCard();
      // customerId alone names a member processing knows (here: through the card projection).
      await harness.rpc.call(ProcessingRpc.Accrue, { idempotencyKey: randomUUID(), member: { customerId: member.customerId }, amount: 7 });
      const events = await waitFor(async () => {
        const messages = await harness.probe.drain(queue);
        const mine = messages.filter((message) => message.body['customerId'] === member.customerId);
        return mine.length > 0 ? mine : undefined;
      });
      expect(events[0].raw.properties.type).toBe('OnBalanceChanged');
      expect(events[events.length - 1].body).toMatchObject({ customerUid: member.customerUid, currencyId: 1, reasons: ['Accrual'], eventCode: 'OnBalanceChanged' });
    });
  });

  describe('accrual lots and expiry', () => {
    it('spends the earliest-expiring lots first and writes off expired ones, sparing bonuses held by a payment', async () => {
      const lifetime = (days: number) => harness.rpc.call<{ externalId: string }>(ProcessingRpc.PutLifetime, { externalId: `days-${days}-${randomUUID()}`, name: `${days} days`, durationDays: days });
      const month = await lifetime(30);
      const day = await lifetime(1);
      const { member, card } = await memberWithCard();
      await accrue(harness, member, 10, { lifetimeExternalId: month.externalId });
      await accrue(harness, member, 10); // never expires
      await accrue(harness, member, 10, { lifetimeExternalId: day.externalId });

      await harness.rpc.call(ProcessingRpc.Withdraw, { idempotencyKey: randomUUID(), member: { customerUid: member.customerUid }, amount: 15 });
      const lots: Array<{ remaining: string; expires: boolean }> = await harness.dataSource.query(
        `SELECT l.remaining::text AS remaining, l.expires_at IS NOT NULL AS expires FROM accrual_lot l JOIN account a ON a.id = l.account_id
         WHERE a.customer_id = $1 ORDER BY l.id`,
        [member.customerId],
      );
      expect(lots).toEqual([
        { remaining: '5.0000', expires: true }, // 30 days: second to go
        { remaining: '10.0000', expires: false }, // never expires: last
        { remaining: '0.0000', expires: true }, // 1 day: spent first
      ]);

      const expiry = harness.app.get(ExpiryJob);
      await expiry.runOnce(new Date(Date.now() + 2 * DAY_MS));
      expect((await ledgerInvariants(harness, member.customerId)).balance).toBe('15.0000'); // the 1-day lot was already spent

      // A payment holds 12 of the 15: when the 30-day lot expires only the 3 not held may go.
      await harness.rpc.call(ProcessingRpc.Payment, paymentOn(card, 12, 30));
      await expiry.runOnce(new Date(Date.now() + 31 * DAY_MS));
      expect(await ledgerInvariants(harness, member.customerId)).toMatchObject({ balance: '12.0000', held: '12.0000', entries: '12.0000', lots: '12.0000' });

      const history = await harness.rpc.call<HistoryReply>(ProcessingRpc.History, { customerId: member.customerId, toDate: new Date(Date.now() + 40 * DAY_MS).toISOString(), count: 1 });
      expect(history.rows[0]).toMatchObject({ type: 'WithdrawData', data: { withdrawType: 'Withdraw', amount: { amount: -3 } } });
      expect(history.rows[0].description).toMatch(/Сгорание/);
    });
  });

  describe('History', () => {
    let member: TestMember;
    let card: TestCard;

    beforeAll(async () => {
      ({ member, card } = await memberWithCard());
      const command = (kind: string, amount: number, description: string, operationDate: string) =>
        harness.rpc.call(kind, { idempotencyKey: randomUUID(), member: { cardNumber: card.cardNumber }, amount, description, operationDate });
      await command(ProcessingRpc.Accrue, 100, 'Начисление за покупку в партнёрском магазине', '2024-05-01T10:00:00Z');
      await command(ProcessingRpc.Withdraw, 10, 'Ручное списание', '2024-05-02T10:00:00Z');
      const purchase = paymentOn(card, 20, 60);
      purchase.operationDate = '2024-05-03T10:00:00.000Z';
      await harness.rpc.call(ProcessingRpc.Payment, purchase);
      await harness.rpc.call(ProcessingRpc.Bonus, { ...purchase, operationId: operationId(), amount: undefined, pays: [{ type: 'Loymax', amount: 20 }, { type: 'Card', amount: 40 }] });
      await harness.rpc.call(ProcessingRpc.Confirm, { purchaseId: purchase.purchaseId, operationId: operationId(), operationDate: purchase.operationDate, merchant: MERCHANT });
    });

    const history = (filter: Record<string, unknown>) => harness.rpc.call<HistoryReply>(ProcessingRpc.History, { customerId: member.customerId, ...filter });

    it('without toDate (nothing, or only count) answers 0 rows', async () => {
      await expect(history({})).resolves.toEqual({ allCount: 0, rows: [] });
      await expect(history({ count: 10 })).resolves.toEqual({ allCount: 0, rows: [] });
    });

    it('with only toDate answers the count without rows', async () => {
      await expect(history({ toDate: '2024-12-31' })).resolves.toEqual({ allCount: 3, rows: [] });
      await expect(history({ toDate: '2024-05-02' })).resolves.toEqual({ allCount: 2, rows: [] });
    });

    it('with toDate and count answers rows newest first, in the seed row model', async () => {
      const reply = await history({ toDate: '2024-12-31', count: 10 });
      expect(reply.allCount).toBe(3);
      expect(reply.rows.map((row) => row.type)).toEqual(['Purchase', 'WithdrawData', 'RewardData']);
      const [purchase, withdrawal, reward] = reply.rows;
      const currencyInfo = {
        id: 1,
        name: 'Бонусы',
        externalId: expect.any(String),
        description: expect.any(String),
        isDeleted: false,
        nameCases: { nominative: 'бонус', genitive: 'бонуса', plural: 'бонусов', abbreviation: 'б.' },
      };
      expect(reward).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        dateTime: '2024-05-01T10:00:00.000Z',
        type: 'RewardData',
        userId: member.customerId,
        identity: card.cardNumber,
        description: 'Начисление за покупку в партнёрском магазине',
        location: null,
        partnerId: null,
        brandId: null,
        brand: null,
        data: {
          offerExternalId: null,
          rewardType: 'Bonus',
          description: 'Начисление за покупку в партнёрском магазине',
          amount: { amount: 100, currency: 'Бонусы', currencyInfo },
        },
      });
      expect(withdrawal.data).toEqual({ withdrawType: 'Withdraw', description: 'Ручное списание', amount: { amount: -10, currency: 'Бонусы', currencyInfo } });
      expect(purchase).toMatchObject({ type: 'Purchase', description: MERCHANT.description, partnerId: MERCHANT.partnerId, brandId: MERCHANT.brandId });
      expect(purchase.data).toMatchObject({
        chequeItems: [{ description: '', count: 1, amount: 60 }],
        withdraws: [{ withdrawType: 'Bonus', amount: { amount: -20, currencyInfo } }],
        rewards: [{ rewardType: 'Bonus', amount: { amount: 2, currencyInfo } }], // 5% of the 40 paid in money
        isRefund: false,
        chequeNumber: '1',
        amount: { amount: 60, currency: 'Рубли' },
      });
    });

    it('pages with from/count and filters by fromDate, card and type', async () => {
      await expect(history({ toDate: '2024-12-31', count: 1, from: 1 })).resolves.toMatchObject({ allCount: 3, rows: [{ type: 'WithdrawData' }] });
      await expect(history({ toDate: '2024-12-31', fromDate: '2024-05-02', count: 10 })).resolves.toMatchObject({ allCount: 2 });
      await expect(history({ toDate: '2024-12-31', count: 10, historyItemType: 'RewardData' })).resolves.toMatchObject({ allCount: 1, rows: [{ type: 'RewardData' }] });
      await expect(history({ toDate: '2024-12-31', count: 10, cardId: card.cardId + 1 })).resolves.toEqual({ allCount: 0, rows: [] });
      // Only the member's own rows: another member sees none of them.
      await expect(harness.rpc.call(ProcessingRpc.History, { customerId: member.customerId + 1, toDate: '2024-12-31', count: 10 })).resolves.toEqual({ allCount: 0, rows: [] });
    });
  });
});
