import { validateMessage } from '../validation/validate-message';
import {
  BalanceAccrueRequest,
  BonusRequest,
  CalculateRequest,
  CardLookupReply,
  ConfirmRequest,
  HistoryRequest,
  PaymentRequest,
  RefundRequest,
} from './processing.rpc';

// Request bodies of seed 001 ("Покупка с использованием API"), plus what the gateway adds:
// the URL purchaseId, the member identifier and the merchant of the OAuth client.
const routing = {
  purchaseId: '321674212224E23EA7242ED28',
  identifier: { type: 'Card', value: '020000001' },
  merchant: {
    merchantId: 1,
    merchantUid: 'b984731d-4597-431f-a70b-61250392c6a3',
    merchantCode: null,
    deviceCode: '001010',
    partnerId: 'd1f94a6c-0d33-4cf2-79ab-9248f3dd2547',
    brandId: '82013554-3dd3-4e08-5a73-e8354f45ffa6',
    locationId: null,
    description: 'Noname POS',
  },
};
const line = { position: 1, amount: 85, goodsId: '0036961', barcode: '8765653477', quantity: 1, cashback: 0, discount: 15, name: 'Товар100', price: 100, correction: 0 };
const cheque = { number: 'string', date: '2019-04-09T07:24:26.628Z', lines: [line] };
const operation = { operationId: 'ef59dc2ada294aa285fdbc1e1e05d377', operationDate: '2019-04-09T07:24:26.628Z', cashier: 'string' };

describe('processing RPC contracts', () => {
  it('accept the seed request bodies', () => {
    expect(validateMessage(CalculateRequest, { ...routing, ...operation, cheque, coupons: [{ number: 'string' }] })).toMatchObject({ ok: true });
    expect(validateMessage(PaymentRequest, { ...routing, ...operation, cheque, amount: 36.5, pinCode: 'string' })).toMatchObject({ ok: true });
    expect(
      validateMessage(BonusRequest, {
        ...routing,
        ...operation,
        cheque,
        pays: [
          { type: 'Card', amount: 40, details: 'string' },
          { type: 'Loymax', amount: 36.5, details: 'string' },
        ],
      }),
    ).toMatchObject({ ok: true });
    expect(validateMessage(ConfirmRequest, { ...routing, operationId: 'ef59dc2ada294aa285fdb1e1e05d380', operationDate: '2019-04-09T07:24:26.628Z' })).toMatchObject({
      ok: true,
    });
    expect(
      validateMessage(RefundRequest, {
        ...routing,
        ...operation,
        refundPurchaseId: '5226324048',
        cheque: { number: '123', date: '2021-08-13T16:53:47Z', lines: [{ position: 1, quantity: 10, amount: 90 }] },
      }),
    ).toMatchObject({ ok: true });
  });

  it('reject what processing cannot work with, naming the field', () => {
    const missingUrlId = validateMessage(CalculateRequest, { ...operation, cheque });
    expect(missingUrlId.ok).toBe(false);
    expect(JSON.stringify(missingUrlId)).toContain('purchaseId');
    expect(validateMessage(PaymentRequest, { ...routing, ...operation, cheque, amount: 0 }).ok).toBe(false);
    expect(validateMessage(CalculateRequest, { ...routing, ...operation, cheque: { lines: [] } }).ok).toBe(false);
    expect(validateMessage(CalculateRequest, { ...routing, ...operation, cheque: { lines: [{ ...line, amount: 1.00001 }] } }).ok).toBe(false);
    expect(validateMessage(CalculateRequest, { ...routing, ...operation, identifier: { type: 'Email', value: 'x' }, cheque }).ok).toBe(false);
  });

  it('need a member for balance commands and a customer for History', () => {
    expect(validateMessage(BalanceAccrueRequest, { idempotencyKey: 'k', member: {}, amount: 1 }).ok).toBe(false);
    expect(validateMessage(BalanceAccrueRequest, { idempotencyKey: 'k', member: { cardNumber: '012345' }, amount: 1522.46 })).toMatchObject({ ok: true });
    expect(validateMessage(HistoryRequest, { toDate: '2024-01-01' }).ok).toBe(false);
    expect(validateMessage(HistoryRequest, { customerId: 7, toDate: '2024-01-01', count: 10 })).toMatchObject({ ok: true });
  });

  it('accept a cards.card.get reply for an owned card and for a pool card', () => {
    const card = {
      cardId: 6,
      cardNumber: '1664669457201226',
      cardState: 'Activated',
      activationDate: null,
      cardType: 'General',
      cardCategory: 'VIP',
      barCode: '1664669457201226',
      isBlocked: false,
      isDeleted: false,
    };
    expect(
      validateMessage(CardLookupReply, { ...card, customerId: 11, customerUid: 'b95f240a-9185-4075-89e2-13216a34c177', accountgroupId: '15' }),
    ).toMatchObject({ ok: true });
    expect(validateMessage(CardLookupReply, { ...card, customerId: null, customerUid: null, accountgroupId: null })).toMatchObject({ ok: true });
    expect(validateMessage(CardLookupReply, { ...card, customerId: 11 }).ok).toBe(false);
  });
});
