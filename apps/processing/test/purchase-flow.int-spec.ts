/* eslint-disable @typescript-eslint/no-explicit-any -- event bodies and replies are read as loose JSON */
import { Injectable } from '@nestjs/common';
import {
  CARD_LOOKUP_ROUTING_KEY,
  CardLookupReply,
  CardLookupRequest,
  InternalRoutingKey,
  LOYALTY_EVENTS_EXCHANGE,
  loadFixture,
  ProcessingRpc,
  RoutingKey,
  seedShapeMismatches,
  validateMessage,
  PurchaseConfirmedEvent,
  PurchaseRefundedEvent,
} from '@loyalty/contracts';
import { RpcFault, RpcHandler } from '@loyalty/messaging';
import { waitFor } from '@loyalty/testing';
import { randomInt, randomUUID } from 'node:crypto';
import {
  accrue,
  APPLICATION_ID,
  blockCard,
  changeLoyaltyGroup,
  deleteCard,
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

/** Test stand-in for the cards service's `cards.card.get`, which processing asks on a projection miss. */
@Injectable()
class FakeCardsServer {
  readonly cards = new Map<string, CardLookupReply>();
  readonly slow = new Set<string>();
  calls = 0;

  @RpcHandler({ routingKey: CARD_LOOKUP_ROUTING_KEY, request: CardLookupRequest })
  async get(request: CardLookupRequest): Promise<CardLookupReply> {
    this.calls += 1;
    if (this.slow.has(request.cardNumber)) await new Promise((resolve) => setTimeout(resolve, 1500));
    const card = this.cards.get(request.cardNumber);
    if (!card) throw new RpcFault('CardNotFound', 'No such card');
    return card;
  }
}

// The seed's Calculate request body (seed 001, "Покупка с использованием API").
const seedCheque = (amount: number, discount: number) => ({
  number: 'string',
  date: '2019-04-09T07:24:26.628Z',
  lines: [
    { position: 1, amount, goodsId: '0036961', barcode: '8765653477', quantity: 1, cashback: 0, discount, name: 'Товар100', price: 100, correction: 0 },
  ],
});

// The keys of the seed's reply objects; the replies must have exactly these.
const SEED_CALCULATE_KEYS = [
  'availableAmount', 'availableBonusAmount', 'transactionId', 'deviceLogicalId', 'operationId', 'code',
  'errorMessage', 'cashierMessage', 'chequeMessage', 'cheque',
].sort();
const SEED_PAYMENT_KEYS = [
  'amount', 'bonusAmount', 'transactionId', 'deviceLogicalId', 'operationId', 'code', 'errorMessage', 'cashierMessage', 'chequeMessage', 'cheque',
].sort();
const SEED_OPERATION_KEYS = ['transactionId', 'deviceLogicalId', 'operationId', 'code', 'errorMessage', 'cashierMessage', 'chequeMessage', 'cheque'].sort();
const SEED_CHEQUE_KEYS = ['totalAmount', 'totalDiscount', 'totalCashback', 'lines'].sort();
const SEED_LINE_KEYS = ['payAmount', 'message', 'position', 'amount', 'goodsId', 'barcode', 'quantity', 'cashback', 'discount'].sort();

const operationId = () => randomUUID().replace(/-/g, '');
const now = () => new Date().toISOString();

describe('processing: purchases over RPC', () => {
  let harness: ProcessingHarness;
  let cards: FakeCardsServer;
  let eventsQueue: string;

  beforeAll(async () => {
    harness = await startProcessing({ PAYMENT_DAILY_SOFT_LIMIT: '45', PAYMENT_DAILY_HARD_LIMIT: '50' }, [FakeCardsServer]);
    cards = harness.app.get(FakeCardsServer);
    eventsQueue = await harness.probe.bindTemporaryQueue(LOYALTY_EVENTS_EXCHANGE, [
      RoutingKey.PurchasesConfirmModelUpdate,
      RoutingKey.PurchasesRefundModelUpdate,
      InternalRoutingKey.ProcessingBalanceChanged,
    ]);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const received: Array<{ routingKey: string; body: Record<string, unknown> }> = [];
  /** The next event with this routing key matching `where`, read from the queue bound to the exchange. */
  async function nextEvent(routingKey: string, where: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return waitFor(
      async () => {
        for (const message of await harness.probe.drain(eventsQueue)) received.push({ routingKey: message.raw.fields.routingKey, body: message.body });
        const index = received.findIndex((message) => message.routingKey === routingKey && where(message.body));
        return index >= 0 ? received.splice(index, 1)[0].body : undefined;
      },
      { description: `an event on ${routingKey}` },
    );
  }

  function purchaseCall(card: TestCard, purchaseId: string, extra: Record<string, unknown> = {}) {
    return {
      purchaseId,
      operationId: operationId(),
      operationDate: now(),
      cashier: '666',
      identifier: { type: 'Card', value: card.cardNumber },
      merchant: MERCHANT,
      applicationId: APPLICATION_ID,
      ...extra,
    };
  }

  async function memberWithCard(card: Partial<TestCard> = {}, balance = 0): Promise<{ member: TestMember; card: TestCard }> {
    const member = newMember();
    const full: TestCard = { cardNumber: newCardNumber(), cardId: randomInt(1, 2_000_000_000), ...card };
    await linkCard(harness, member, full);
    if (balance > 0) await accrue(harness, member, balance);
    return { member, card: full };
  }

  async function balanceOf(card: TestCard) {
    return harness.rpc.call<{ amount: number; heldAmount: number; availableAmount: number; pendingAmount: number }>(ProcessingRpc.Balance, {
      identifier: { type: 'Card', value: card.cardNumber },
    });
  }

  describe('the seed purchase of a VIP member (Calculate → Payment → Bonus → Confirm)', () => {
    let vip: { member: TestMember; card: TestCard };
    const purchaseId = `321674212224E23EA7242ED28-${randomInt(1e9)}`;
    let confirmOperation: Record<string, unknown>;

    beforeAll(async () => {
      vip = await memberWithCard({ category: 'VIP' }, 100);
    });

    it('Calculate applies the 10% VIP discount: totalAmount 76.5, totalDiscount 23.5, availableBonusAmount 38.25', async () => {
      const reply = await harness.rpc.call<Record<string, any>>(ProcessingRpc.Calculate, purchaseCall(vip.card, purchaseId, { cheque: seedCheque(85, 15), coupons: [{ number: 'string' }] }));
      expect(reply).toMatchObject({
        availableAmount: 38.25,
        availableBonusAmount: 38.25,
        transactionId: null,
        code: 'Ok',
        errorMessage: null,
        cheque: { totalAmount: 76.5, totalDiscount: 23.5, totalCashback: 0, lines: [{ position: 1, amount: 76.5, discount: 23.5, payAmount: null, quantity: 1, barcode: '8765653477' }] },
      });
      expect(Object.keys(reply).sort()).toEqual(SEED_CALCULATE_KEYS);
      expect(Object.keys(reply.cheque).sort()).toEqual(SEED_CHEQUE_KEYS);
      expect(Object.keys(reply.cheque.lines[0]).sort()).toEqual(SEED_LINE_KEYS);
    });

    it('Payment of 36.5 holds the bonuses and answers like the seed', async () => {
      const reply = await harness.rpc.call<Record<string, any>>(
        ProcessingRpc.Payment,
        purchaseCall(vip.card, purchaseId, { cheque: seedCheque(76.5, 23.5), amount: 36.5, pinCode: 'string' }),
      );
      expect(reply).toMatchObject({
        amount: 36.5,
        bonusAmount: 36.5,
        code: 'Ok',
        cheque: { totalAmount: 76.5, totalDiscount: 23.5, lines: [{ position: 1, payAmount: 36.5, amount: 76.5, discount: 23.5 }] },
      });
      expect(Number.isInteger(reply.transactionId)).toBe(true);
      expect(Object.keys(reply).sort()).toEqual(SEED_PAYMENT_KEYS);
      expect(await balanceOf(vip.card)).toMatchObject({ amount: 100, heldAmount: 36.5, availableAmount: 63.5 });
    });

    it('Bonus records the pays and echoes the calculated discount', async () => {
      const cheque = seedCheque(76.5, 0);
      delete (cheque.lines[0] as Record<string, unknown>)['discount'];
      const reply = await harness.rpc.call<Record<string, any>>(
        ProcessingRpc.Bonus,
        purchaseCall(vip.card, purchaseId, { cheque, pays: [{ type: 'Card', amount: 40, details: 'string' }, { type: 'Loymax', amount: 36.5, details: 'string' }] }),
      );
      expect(reply).toMatchObject({ code: 'Ok', cheque: { totalAmount: 76.5, totalDiscount: 23.5, totalCashback: 0 } });
      expect(Object.keys(reply).sort()).toEqual(SEED_OPERATION_KEYS);
    });

    it('Confirm → Ok; the confirm event has every field of the seed model, with the seed signs and our sources', async () => {
      confirmOperation = { purchaseId, operationId: operationId(), operationDate: '2019-04-09T07:24:26.628Z', merchant: MERCHANT };
      const reply = await harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Confirm, confirmOperation);
      expect(reply).toEqual({
        transactionId: null,
        deviceLogicalId: null,
        operationId: confirmOperation['operationId'],
        code: 'Ok',
        errorMessage: null,
        cashierMessage: null,
        chequeMessage: null,
        cheque: null,
      });

      const event = (await nextEvent(RoutingKey.PurchasesConfirmModelUpdate, (body) =>
        (body['purchaseOperationInfo'] as any)?.purchaseData?.externalPurchaseId === purchaseId,
      )) as any;
      expect(seedShapeMismatches(event, loadFixture('purchases.confirm.modelUpdate'))).toEqual([]);
      expect(validateMessage(PurchaseConfirmedEvent, event)).toMatchObject({ ok: true });
      const info = event.purchaseOperationInfo;
      expect(info).toMatchObject({
        merchantId: MERCHANT.merchantId,
        merchantUid: MERCHANT.merchantUid,
        deviceCode: MERCHANT.deviceCode,
        partnerId: MERCHANT.partnerId,
        brandId: MERCHANT.brandId,
        description: MERCHANT.description,
        cashierIdentifier: '666',
        identity: vip.card.cardNumber,
        type: 'PurchaseData',
        dateTime: '2019-04-09T07:24:26Z',
      });
      expect(info.purchaseData).toMatchObject({
        chequeNumber: 'string',
        externalPurchaseId: purchaseId,
        amount: 76.5,
        isRefund: false,
        purchaseAttributes: [],
        chequeItems: [{ positionId: 1, description: 'Товар100', quantity: 1, unit: null, amount: 76.5, itemId: '0036961' }],
        withdraws: [{ moneyAmount: 36.5, amount: -36.5, positionInfo: { '1': -36.5 }, withdrawType: 'Bonus', description: null }],
        rewards: [{ rewardType: 'Discount', amount: 8.5, positionInfo: { '1': 8.5 } }],
      });
      expect(Number.isInteger(info.purchaseData.purchaseId)).toBe(true);
      expect(event.customerInfo).toEqual({
        customerId: vip.member.customerId,
        accountgroupId: vip.member.accountgroupId,
        customerUid: vip.member.customerUid,
        customerCode: vip.member.customerUid,
        mobileDeviceId: null,
        identifierId: vip.card.cardId,
        applicationId: APPLICATION_ID,
      });
      expect(event.eventCode).toBe('OnPurchaseConfirm');

      const balanceEvent = await nextEvent(InternalRoutingKey.ProcessingBalanceChanged, (body) => body['sourceId'] === confirmOperation['operationId']);
      expect(balanceEvent).toMatchObject({ customerId: vip.member.customerId, change: -36.5, balance: 63.5, reasons: ['PurchasePayment'] });
      expect(await balanceOf(vip.card)).toMatchObject({ amount: 63.5, heldAmount: 0 });
      expect(await ledgerInvariants(harness, vip.member.customerId)).toEqual({
        balance: '63.5000',
        held: '0.0000',
        entries: '63.5000',
        holds: '0.0000',
        lots: '63.5000',
      });
    });

    it('a repeated Confirm returns the stored reply and changes nothing; another operationId gets OperationIsConfirmed', async () => {
      const again = await harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Confirm, confirmOperation);
      expect(again).toMatchObject({ code: 'Ok', operationId: confirmOperation['operationId'] });
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Confirm, { ...confirmOperation, operationId: operationId() }))).toBe('OperationIsConfirmed');
      expect(await balanceOf(vip.card)).toMatchObject({ amount: 63.5 });
      const entries: Array<{ count: string }> = await harness.dataSource.query(
        `SELECT count(*) FROM ledger_entry e JOIN account a ON a.id = e.account_id WHERE a.customer_id = $1`,
        [vip.member.customerId],
      );
      expect(Number(entries[0].count)).toBe(2); // the starting accrual and the payment
    });

    it('a confirmed purchase cannot be canceled or paid again', async () => {
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Cancel, { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT }))).toBe(
        'OperationIsConfirmed',
      );
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.Payment, purchaseCall(vip.card, purchaseId, { cheque: seedCheque(76.5, 23.5), amount: 1 }))),
      ).toBe('OperationIsConfirmed');
    });
  });

  describe('operation order, cancel and idempotency', () => {
    let buyer: { member: TestMember; card: TestCard };
    beforeAll(async () => {
      buyer = await memberWithCard({ category: 'Standard' }, 100);
    });

    it('refuses out-of-order operations with IncorrectOperationOrder and unknown purchases with PurchaseNotFound', async () => {
      const purchaseId = `order-${randomUUID()}`;
      await harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(50, 0) }));
      const confirm = { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT };
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Confirm, confirm))).toBe('IncorrectOperationOrder');

      await harness.rpc.call(ProcessingRpc.Bonus, purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(50, 0) }));
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.Payment, purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(50, 0), amount: 5 }))),
      ).toBe('IncorrectOperationOrder');
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Confirm, { ...confirm, purchaseId: `unknown-${randomUUID()}` }))).toBe('PurchaseNotFound');
    });

    it('a Payment repeated with the same body returns the stored reply once held; a different body under its operationId → NotUniqueOperationID', async () => {
      const purchaseId = `idem-${randomUUID()}`;
      const payment = purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(40, 0), amount: 20 });
      const [first, second] = await Promise.all([
        harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Payment, payment),
        harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Payment, payment),
      ]);
      expect(second).toEqual(first);
      const third = await harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Payment, payment);
      expect(third).toEqual(first);
      expect(await balanceOf(buyer.card)).toMatchObject({ heldAmount: 20 });

      const conflict = await outcome(harness.rpc.call(ProcessingRpc.Payment, { ...payment, amount: 19 }));
      expect(conflict).toMatchObject({ ok: false, code: 'NotUniqueOperationID', details: { code: 'NotUniqueOperationID', operationId: payment.operationId } });
      expect(await balanceOf(buyer.card)).toMatchObject({ heldAmount: 20 });
    });

    it('Cancel releases the hold; the canceled purchase cannot be confirmed', async () => {
      const purchaseId = `cancel-${randomUUID()}`;
      const before = await balanceOf(buyer.card);
      await harness.rpc.call(ProcessingRpc.Payment, purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(20, 0), amount: 10 }));
      expect((await balanceOf(buyer.card)).heldAmount).toBe(before.heldAmount + 10);
      const cancel = await harness.rpc.call(ProcessingRpc.Cancel, { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT });
      expect(cancel).toMatchObject({ code: 'Ok' });
      expect(await balanceOf(buyer.card)).toMatchObject({ heldAmount: before.heldAmount, amount: before.amount });
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Confirm, { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT }))).toBe(
        'OperationIsCanceled',
      );
    });

    it('Operations/{id}/Cancel undoes one Payment; the purchase can be paid again and confirmed', async () => {
      const purchaseId = `opcancel-${randomUUID()}`;
      const before = await balanceOf(buyer.card);
      const payment = purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(20, 0), amount: 10 });
      await harness.rpc.call(ProcessingRpc.Payment, payment);
      const cancelOperation = { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT, targetOperationId: payment.operationId };
      expect(await harness.rpc.call(ProcessingRpc.CancelOperation, cancelOperation)).toMatchObject({ code: 'Ok' });
      expect((await balanceOf(buyer.card)).heldAmount).toBe(before.heldAmount);
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.CancelOperation, { ...cancelOperation, operationId: operationId() }))).toBe('OperationIsCanceled');
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Payment, payment))).toBe('OperationIsCanceled');
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.CancelOperation, { ...cancelOperation, operationId: operationId(), targetOperationId: 'nope' })),
      ).toBe('OperationNotFound');

      await harness.rpc.call(ProcessingRpc.Payment, purchaseCall(buyer.card, purchaseId, { cheque: seedCheque(20, 0), amount: 5 }));
      await harness.rpc.call(ProcessingRpc.Confirm, { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT });
      expect(await balanceOf(buyer.card)).toMatchObject({ amount: before.amount - 5, heldAmount: before.heldAmount });
    });
  });

  describe('refunds (the seed 000 purchase: lines 90/45, 10 paid, 62.51 accrued)', () => {
    let buyer: { member: TestMember; card: TestCard };
    const purchaseId = `5226324048-${randomInt(1e9)}`;
    let confirmed: any;

    beforeAll(async () => {
      // A bonus group at 50% reproduces the seed's figures: 50% of (90 − 6.67) and of (45 − 3.33).
      await changeLoyaltyGroup(harness, { id: 50, title: 'Seed50', loyaltyType: 'bonuses', loyaltyQuantity: 50, active: true });
      buyer = await memberWithCard({ category: 'Seed50' }, 20);
      const cheque = {
        number: '123',
        lines: [
          { position: 1, amount: 90, quantity: 10, goodsId: '1', name: 'Aqva' },
          { position: 2, amount: 45, quantity: 1, goodsId: '2', name: 'Вода' },
        ],
      };
      await harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(buyer.card, purchaseId, { cheque }));
      await harness.rpc.call(ProcessingRpc.Payment, purchaseCall(buyer.card, purchaseId, { cheque, amount: 10 }));
      const bonus = await harness.rpc.call<any>(ProcessingRpc.Bonus, purchaseCall(buyer.card, purchaseId, { cheque, pays: [{ type: 'Loymax', amount: 10 }, { type: 'Cash', amount: 125 }] }));
      expect(bonus.cheque).toMatchObject({ totalCashback: 62.51, lines: [{ payAmount: 6.67, cashback: 41.67 }, { payAmount: 3.33, cashback: 20.84 }] });
      await harness.rpc.call(ProcessingRpc.Confirm, { purchaseId, operationId: operationId(), operationDate: now(), merchant: MERCHANT });
      confirmed = await nextEvent(RoutingKey.PurchasesConfirmModelUpdate, (body) => (body['purchaseOperationInfo'] as any)?.purchaseData?.externalPurchaseId === purchaseId);
    });

    it('the confirm event splits the payment and the accrual over the lines as the seed does', () => {
      expect(seedShapeMismatches(confirmed, loadFixture('purchases.confirm.modelUpdate'))).toEqual([]);
      expect(confirmed.purchaseOperationInfo.purchaseData).toMatchObject({
        amount: 135,
        withdraws: [{ moneyAmount: 10, amount: -10, positionInfo: { '1': -6.67, '2': -3.33 } }],
        rewards: [{ rewardType: 'Bonus', amount: 62.51, positionInfo: { '1': 41.67, '2': 20.84 } }],
      });
    });

    it('returning line 1 gives back 6.67 and takes back 41.67; the refund event has the seed model', async () => {
      const refundId = `9335645011-${randomInt(1e9)}`;
      const before = await balanceOf(buyer.card);
      expect(before.amount).toBeCloseTo(72.51, 10);
      const reply = await harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Refund, {
        purchaseId: refundId,
        operationId: operationId(),
        operationDate: '2021-08-13T16:53:47.000Z',
        refundPurchaseId: purchaseId,
        merchant: { ...MERCHANT, description: 'Test store' },
        cheque: { number: '123', date: '2021-08-13T16:53:47.000Z', lines: [{ position: 1, quantity: 10, amount: 90 }] },
      });
      expect(reply).toMatchObject({ code: 'Ok', returnedBonusAmount: 6.67, withdrawnBonusAmount: 41.67 });
      expect((await balanceOf(buyer.card)).amount).toBeCloseTo(before.amount + 6.67 - 41.67, 10);

      const event = (await nextEvent(RoutingKey.PurchasesRefundModelUpdate, (body) =>
        (body['refundOperationInfo'] as any)?.purchaseData?.externalPurchaseId === refundId,
      )) as any;
      expect(seedShapeMismatches(event, loadFixture('purchases.refundModelUpdate'))).toEqual([]);
      expect(validateMessage(PurchaseRefundedEvent, event)).toMatchObject({ ok: true });
      expect(event.refundedPurchaseViewModel).toEqual({
        refundedPurchaseId: confirmed.purchaseOperationInfo.purchaseData.purchaseId,
        refundedPurchaseExternalId: purchaseId,
      });
      expect(event.refundOperationInfo).toMatchObject({ description: 'Refund. Test store', dateTime: '2021-08-13T16:53:47Z', identity: buyer.card.cardNumber });
      expect(event.refundOperationInfo.purchaseData).toMatchObject({
        amount: 90,
        isRefund: true,
        chequeNumber: '123',
        chequeItems: [{ positionId: 1, description: 'Aqva', quantity: 10, amount: 90, itemId: '1', unit: null }],
        withdraws: [{ moneyAmount: 6.67, amount: -6.67, positionInfo: { '1': -6.67 }, withdrawType: 'Bonus' }],
        rewards: [{ rewardType: 'Bonus', amount: 41.67, positionInfo: { '1': 41.67 } }],
      });
      expect(event.refundOperationInfo.purchaseData.purchaseId).not.toBe(confirmed.purchaseOperationInfo.purchaseData.purchaseId);
    });

    it('returns what is left of a line exactly and refuses to return more than was bought', async () => {
      const refund = (quantity: number) =>
        harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Refund, {
          purchaseId: `refund-${randomUUID()}`,
          operationId: operationId(),
          operationDate: now(),
          refundPurchaseId: purchaseId,
          merchant: MERCHANT,
          cheque: { lines: [{ position: 2, quantity, amount: 45 * quantity }] },
        });
      expect(await refusalCode(refund(2))).toBe('DifferentCheque');
      expect(await refund(1)).toMatchObject({ returnedBonusAmount: 3.33, withdrawnBonusAmount: 20.84 });
      expect(await refusalCode(refund(1))).toBe('DifferentCheque');
      const invariants = await ledgerInvariants(harness, buyer.member.customerId);
      expect(invariants.balance).toBe(invariants.entries);
      expect(invariants.balance).toBe('20.0000'); // everything given back and taken back: the starting 20
    });

    it('under SuppressNegative a refund takes back only what the member still has', async () => {
      const spender = await memberWithCard({ category: 'Seed50' }, 20);
      const spentPurchase = `spent-${randomUUID()}`;
      const cheque = { number: '7', lines: [{ position: 1, amount: 90, quantity: 10, goodsId: '1', name: 'Aqva' }, { position: 2, amount: 45, quantity: 1, goodsId: '2', name: 'Вода' }] };
      await harness.rpc.call(ProcessingRpc.Payment, purchaseCall(spender.card, spentPurchase, { cheque, amount: 10 }));
      await harness.rpc.call(ProcessingRpc.Bonus, purchaseCall(spender.card, spentPurchase, { cheque }));
      await harness.rpc.call(ProcessingRpc.Confirm, { purchaseId: spentPurchase, operationId: operationId(), operationDate: now(), merchant: MERCHANT });
      // 72.51 on the account; 70 of it spent elsewhere.
      await harness.rpc.call(ProcessingRpc.Withdraw, { idempotencyKey: randomUUID(), member: { cardNumber: spender.card.cardNumber }, amount: 70 });

      const refundId = `refund-${randomUUID()}`;
      const reply = await harness.rpc.call(ProcessingRpc.Refund, {
        purchaseId: refundId,
        operationId: operationId(),
        operationDate: now(),
        refundPurchaseId: spentPurchase,
        merchant: MERCHANT,
        cheque: { lines: [{ position: 1, quantity: 10, amount: 90 }] },
      });
      // 2.51 left + 6.67 given back = 9.18: that much of the 41.67 accrued can be taken back.
      expect(reply).toMatchObject({ returnedBonusAmount: 6.67, withdrawnBonusAmount: 9.18 });
      expect(await balanceOf(spender.card)).toMatchObject({ amount: 0 });
      const event = (await nextEvent(RoutingKey.PurchasesRefundModelUpdate, (body) =>
        (body['refundOperationInfo'] as any)?.purchaseData?.externalPurchaseId === refundId,
      )) as any;
      expect(event.refundOperationInfo.purchaseData.rewards).toMatchObject([{ amount: 9.18, positionInfo: { '1': 9.18 } }]);
    });

    it('a refund of an unconfirmed or unknown purchase is refused', async () => {
      const openId = `open-${randomUUID()}`;
      await harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(buyer.card, openId, { cheque: seedCheque(10, 0) }));
      const refund = (refundPurchaseId: string) =>
        harness.rpc.call(ProcessingRpc.Refund, {
          purchaseId: `refund-${randomUUID()}`,
          operationId: operationId(),
          operationDate: now(),
          refundPurchaseId,
          merchant: MERCHANT,
          cheque: { lines: [{ position: 1, quantity: 1, amount: 10 }] },
        });
      expect(await refusalCode(refund(openId))).toBe('IncorrectOperationOrder');
      expect(await refusalCode(refund(`nope-${randomUUID()}`))).toBe('PurchaseNotFound');
    });
  });

  describe('card and balance refusals', () => {
    it('an unknown card → CardNotFound, also when the cards service does not answer in time; Phone → CardNotFound', async () => {
      const unknown: TestCard = { cardNumber: newCardNumber(), cardId: 1 };
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(unknown, `x-${randomUUID()}`, { cheque: seedCheque(10, 0) })))).toBe(
        'CardNotFound',
      );
      cards.slow.add(unknown.cardNumber);
      const started = Date.now();
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Balance, { identifier: { type: 'Card', value: unknown.cardNumber } }))).toBe('CardNotFound');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.Balance, { identifier: { type: 'Phone', value: '79123487979' } })),
      ).toBe('CardNotFound');
    });

    it('a card the projection has not seen is looked up from the cards service and then used', async () => {
      const member = newMember();
      const cardNumber = newCardNumber();
      cards.cards.set(cardNumber, {
        cardId: randomInt(1, 1e9),
        cardNumber,
        cardState: 'Activated',
        activationDate: null,
        cardType: 'General',
        cardCategory: 'VIP',
        barCode: cardNumber,
        isBlocked: false,
        isDeleted: false,
        customerId: member.customerId,
        customerUid: member.customerUid,
        accountgroupId: member.accountgroupId,
      });
      const calls = cards.calls;
      const reply = await harness.rpc.call<any>(ProcessingRpc.Calculate, purchaseCall({ cardNumber, cardId: 0 }, `fallback-${randomUUID()}`, { cheque: seedCheque(85, 15) }));
      expect(reply.cheque).toMatchObject({ totalAmount: 76.5, totalDiscount: 23.5 });
      await harness.rpc.call(ProcessingRpc.Balance, { identifier: { type: 'Card', value: cardNumber } });
      expect(cards.calls).toBe(calls + 1); // the second call is answered from the projection
    });

    it('blocked → CardBlocked, deleted → CardNotFound, not activated → CardNotActivated for paying (but may accrue)', async () => {
      const blocked = await memberWithCard({}, 10);
      await blockCard(harness, blocked.member, blocked.card, true);
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(blocked.card, `b-${randomUUID()}`, { cheque: seedCheque(10, 0) })))).toBe(
        'CardBlocked',
      );
      await blockCard(harness, blocked.member, blocked.card, false);
      await expect(harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(blocked.card, `b-${randomUUID()}`, { cheque: seedCheque(10, 0) }))).resolves.toMatchObject({
        code: 'Ok',
      });

      await deleteCard(harness, blocked.member, blocked.card);
      expect(await refusalCode(harness.rpc.call(ProcessingRpc.Calculate, purchaseCall(blocked.card, `d-${randomUUID()}`, { cheque: seedCheque(10, 0) })))).toBe(
        'CardNotFound',
      );

      const issued = await memberWithCard({ cardState: 'Issued' }, 10);
      const purchaseId = `i-${randomUUID()}`;
      const calculated = await harness.rpc.call<any>(ProcessingRpc.Calculate, purchaseCall(issued.card, purchaseId, { cheque: seedCheque(10, 0) }));
      expect(calculated).toMatchObject({ availableBonusAmount: 0, cheque: { totalCashback: 0.5 } });
      expect(
        await refusalCode(harness.rpc.call(ProcessingRpc.Payment, purchaseCall(issued.card, purchaseId, { cheque: seedCheque(10, 0), amount: 1 }))),
      ).toBe('CardNotActivated');
      await expect(harness.rpc.call(ProcessingRpc.Bonus, purchaseCall(issued.card, purchaseId, { cheque: seedCheque(10, 0) }))).resolves.toMatchObject({
        cheque: { totalCashback: 0.5 },
      });
    });

    it('more than the 50% cap → LargePaymentAmount, more than the balance → NotEnoughMoney', async () => {
      const { card } = await memberWithCard({}, 10);
      const pay = (amount: number) =>
        harness.rpc.call(ProcessingRpc.Payment, purchaseCall(card, `p-${randomUUID()}`, { cheque: seedCheque(30, 0), amount }));
      expect(await refusalCode(pay(15.01))).toBe('LargePaymentAmount');
      expect(await refusalCode(pay(10.01))).toBe('NotEnoughMoney');
      await expect(pay(10)).resolves.toMatchObject({ code: 'Ok', amount: 10 });
      expect(await refusalCode(pay(0.01))).toBe('NotEnoughMoney');
    });

    it('a card past the soft daily limit warns the cashier; past the hard limit → LimitGained', async () => {
      const { card } = await memberWithCard({}, 200);
      const pay = (amount: number) =>
        harness.rpc.call<Record<string, unknown>>(ProcessingRpc.Payment, purchaseCall(card, `l-${randomUUID()}`, { cheque: seedCheque(200, 0), amount }));
      await expect(pay(40)).resolves.toMatchObject({ cashierMessage: null });
      const warned = await pay(8);
      expect(warned['cashierMessage']).toMatch(/лимит/);
      expect(await refusalCode(pay(5))).toBe('LimitGained');
      await expect(pay(2)).resolves.toMatchObject({ code: 'Ok' });
    });
  });

  it('a member token identifies the member without a card identifier; another member cannot touch the purchase', async () => {
    const { member, card } = await memberWithCard({ category: 'VIP' }, 50);
    const session = { memberId: member.customerId, customerUid: member.customerUid, accountId: member.accountgroupId, identifierId: 9 };
    const purchaseId = `web-${randomUUID()}`;
    const call = (extra: Record<string, unknown>) => ({ purchaseId, operationId: operationId(), operationDate: now(), member: session, ...extra });
    const calculated = await harness.rpc.call<any>(ProcessingRpc.Calculate, call({ cheque: seedCheque(85, 15) }));
    expect(calculated).toMatchObject({ availableBonusAmount: 38.25, cheque: { totalAmount: 76.5 } });
    await harness.rpc.call(ProcessingRpc.Payment, call({ cheque: seedCheque(76.5, 23.5), amount: 30 }));

    const stranger = newMember();
    await linkCard(harness, stranger, { cardNumber: newCardNumber(), cardId: randomInt(1, 1e9) });
    const strangerSession = { memberId: stranger.customerId, customerUid: stranger.customerUid, accountId: stranger.accountgroupId };
    expect(await refusalCode(harness.rpc.call(ProcessingRpc.Confirm, { ...call({}), member: strangerSession }))).toBe('PurchaseNotFound');

    await harness.rpc.call(ProcessingRpc.Confirm, call({}));
    const event = (await nextEvent(RoutingKey.PurchasesConfirmModelUpdate, (body) => (body['purchaseOperationInfo'] as any)?.purchaseData?.externalPurchaseId === purchaseId)) as any;
    expect(event.purchaseOperationInfo.identity).toBe(card.cardNumber);
    expect(event.customerInfo).toMatchObject({ customerId: member.customerId, identifierId: 9, applicationId: null });
    expect(seedShapeMismatches(event, loadFixture('purchases.confirm.modelUpdate'))).toEqual([]);
  });
});
