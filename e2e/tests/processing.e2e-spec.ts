import { RoutingKey } from '@loyalty/contracts';
import { randomUUID } from 'node:crypto';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, ApiResponse, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, newPhone } from '../support/registration-helpers';

// SPEC §3.4 and §3.5 through the gateway: the real gateway, registration, cards and processing
// apps. Members are registered over HTTP (BeginRegistration gives a member token at once); a
// first purchase with accrual gives them bonuses to pay with.

const POS = { clientId: 'e2e-pos', secret: 'e2e-pos-secret-0000001', applicationId: 10 };

type Row = Record<string, unknown>;
const opId = () => randomUUID().replace(/-/g, '');
const operationDate = () => new Date().toISOString();
const purchaseId = () => `E2E${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`;

/** The seed 001 Calculate body (price 100, POS discount 15, amount 85). */
function seedCheque() {
  return {
    number: 'string',
    date: '2019-04-09T07:24:26.628Z',
    lines: [{ position: 1, amount: 85, goodsId: '0036961', barcode: '8765653477', quantity: 1, cashback: 0, discount: 15, name: 'Товар100', price: 100, correction: 0 }],
  };
}

const oneLine = (amount: number) => ({ number: 'A-1', date: '2030-01-01T10:00:00.000Z', lines: [{ position: 1, amount, quantity: 1, price: amount }] });

describe('purchase processing and History through the gateway', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let member: string;
  let other: string;

  beforeAll(async () => {
    platform = await Platform.start({
      with: ['processing'],
      env: { gateway: { OAUTH_CLIENTS: JSON.stringify([{ clientId: POS.clientId, applicationId: POS.applicationId, secret: POS.secret, scopes: ['pos'] }]) } },
    });
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open([RoutingKey.CustomerCardLink]);
    member = await registerMember();
    other = await registerMember();
  }, 180_000);

  afterAll(async () => {
    await smc?.close();
    await platform?.stop();
  });

  async function registerMember(): Promise<string> {
    const response = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: newPhone(), password: '' } });
    if (response.status !== 200) throw new Error(`BeginRegistration: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data.authToken;
  }

  const processing = (path: string, token: string, json: unknown) => api.post<Row[]>(`/api/v1/Processing/${path}`, { token, json });

  function expectSuccess(response: ApiResponse<Row[]>): Row {
    expect({ status: response.status, result: response.body.result }).toEqual({ status: 200, result: { state: 'Success', message: null, validationErrors: null } });
    expect(Array.isArray(response.body.data)).toBe(true);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]['code']).toBe('Ok');
    return response.body.data[0];
  }

  function expectRefusal(response: ApiResponse<Row[]>, status: number, code: string): Row {
    expect({ status: response.status, state: response.body.result.state, code: response.body.data?.[0]?.['code'] }).toEqual({ status, state: 'Error', code });
    expect(response.body.result.message).toEqual(expect.any(String));
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]['errorMessage']).toBe(response.body.result.message);
    return response.body.data[0];
  }

  async function balanceOf(token: string): Promise<Row> {
    return expectSuccess(await processing('Balance', token, {}));
  }

  describe('a member token', () => {
    const sale = purchaseId();
    const confirmOperation = { operationId: opId(), operationDate: operationDate() };

    it('earns bonuses with a first purchase: Calculate → Bonus → Confirm accrues 5% (Standard group)', async () => {
      const first = purchaseId();
      const calculated = expectSuccess(await processing(`Purchases/${first}/Calculate`, member, { operationId: opId(), operationDate: operationDate(), cheque: oneLine(1000) }));
      expect(calculated).toMatchObject({ availableBonusAmount: 0, cheque: { totalAmount: 1000, totalDiscount: 0 } });
      expectSuccess(
        await processing(`Purchases/${first}/Bonus`, member, { operationId: opId(), operationDate: operationDate(), cheque: oneLine(1000), pays: [{ type: 'Cash', amount: 1000 }] }),
      );
      expectSuccess(await processing(`Purchases/${first}/Confirm`, member, { operationId: opId(), operationDate: operationDate() }));
      expect(await balanceOf(member)).toMatchObject({ amount: 50, heldAmount: 0, availableAmount: 50, pendingAmount: 0 });
    });

    it('Calculate with the seed body answers the envelope with data as an array of one result', async () => {
      const response = await processing(`Purchases/${sale}/Calculate`, member, { operationId: opId(), operationDate: '2019-04-09T07:24:26.628Z', cashier: 'string', cheque: seedCheque(), coupons: [{ number: 'string' }] });
      const result = expectSuccess(response);
      // Standard group (no card): no program discount, 5% accrual on 85 as cashback, at most 50% payable.
      expect(result).toMatchObject({
        availableAmount: 42.5,
        availableBonusAmount: 42.5,
        cheque: { totalAmount: 85, totalDiscount: 15, totalCashback: 4.25, lines: [expect.objectContaining({ position: 1, amount: 85, quantity: 1, discount: 15, barcode: '8765653477' })] },
      });
      expect(Object.keys(result).sort()).toEqual(
        ['availableAmount', 'availableBonusAmount', 'transactionId', 'deviceLogicalId', 'operationId', 'code', 'errorMessage', 'cashierMessage', 'chequeMessage', 'cheque'].sort(),
      );
    });

    it('Bonus/Available answers the same cap without changing anything', async () => {
      const result = expectSuccess(await processing(`Purchases/${sale}/Bonus/Available`, member, { operationId: opId(), operationDate: operationDate(), cheque: seedCheque() }));
      expect(result).toMatchObject({ availableBonusAmount: 42.5 });
    });

    it('Payment holds the bonuses; Balance shows them held', async () => {
      const result = expectSuccess(
        await processing(`Purchases/${sale}/Bonus/Payment`, member, { operationId: opId(), operationDate: operationDate(), cheque: seedCheque(), amount: 36.5, pinCode: 'string' }),
      );
      expect(result).toMatchObject({ amount: 36.5, bonusAmount: 36.5, transactionId: expect.any(Number) });
      expect(await balanceOf(member)).toMatchObject({ amount: 50, heldAmount: 36.5, availableAmount: 13.5 });
    });

    it('Bonus records the pays and the accrual, Confirm answers Ok and settles the balance', async () => {
      expectSuccess(
        await processing(`Purchases/${sale}/Bonus`, member, {
          operationId: opId(),
          operationDate: operationDate(),
          cheque: seedCheque(),
          pays: [
            { type: 'Loymax', amount: 36.5 },
            { type: 'Cash', amount: 48.5 },
          ],
        }),
      );
      expect(await balanceOf(member)).toMatchObject({ pendingAmount: 2.43 });
      const confirmed = expectSuccess(await processing(`Purchases/${sale}/Confirm`, member, confirmOperation));
      expect(confirmed['operationId']).toBe(confirmOperation.operationId);
      // 50 − 36.5 paid + 5% of the 48.5 paid in money.
      expect(await balanceOf(member)).toMatchObject({ amount: 15.93, heldAmount: 0, availableAmount: 15.93, pendingAmount: 0, currency: expect.any(String) });
    });

    it('repeating the Confirm operation returns the stored reply; a second Confirm is refused with 422 OperationIsConfirmed', async () => {
      expectSuccess(await processing(`Purchases/${sale}/Confirm`, member, confirmOperation));
      const again = await processing(`Purchases/${sale}/Confirm`, member, { operationId: opId(), operationDate: operationDate() });
      expectRefusal(again, 422, 'OperationIsConfirmed');
    });

    it('the same operationId with another body → 409 NotUniqueOperationID with data as an array', async () => {
      const purchase = purchaseId();
      const operationId = opId();
      const body = { operationId, operationDate: operationDate(), cheque: oneLine(20), amount: 5 };
      expectSuccess(await processing(`Purchases/${purchase}/Bonus/Payment`, member, body));
      expectSuccess(await processing(`Purchases/${purchase}/Bonus/Payment`, member, body));
      expectRefusal(await processing(`Purchases/${purchase}/Bonus/Payment`, member, { ...body, amount: 6 }), 409, 'NotUniqueOperationID');
      expectSuccess(await processing(`Purchases/${purchase}/Cancel`, member, { operationId: opId(), operationDate: operationDate() }));
      expect(await balanceOf(member)).toMatchObject({ amount: 15.93, heldAmount: 0 });
    });

    it('more than the balance → 422 NotEnoughMoney with the reply carrying the code', async () => {
      const refusal = expectRefusal(
        await processing(`Purchases/${purchaseId()}/Bonus/Payment`, member, { operationId: opId(), operationDate: operationDate(), cheque: oneLine(100), amount: 20 }),
        422,
        'NotEnoughMoney',
      );
      expect(refusal).toMatchObject({ transactionId: null, operationId: expect.any(String) });
    });

    it('a malformed body → 400 with validationErrors; fields the gateway sets are ignored', async () => {
      const response = await processing(`Purchases/${purchaseId()}/Calculate`, member, { operationId: '', operationDate: 'yesterday', cheque: { lines: [{ position: 'one', amount: 1 }] } });
      expect(response.status).toBe(400);
      expect(response.body.result.state).toBe('ValidationError');
      expect(response.body.result.validationErrors?.map((error) => error.field)).toEqual(
        expect.arrayContaining(['operationId', 'operationDate', 'cheque.lines.0.position', 'cheque.lines.0.quantity']),
      );
      // A member smuggled in the body does not replace the member of the token.
      const foreign = { memberId: Number(tokenClaims(other).sub), customerUid: randomUUID(), accountId: '1' };
      const balance = expectSuccess(await processing('Balance', member, { member: foreign, applicationId: 99 }));
      expect(balance['amount']).toBe(15.93);
    });

    it("cannot touch another member's purchase or name someone with identifier", async () => {
      expectRefusal(await processing(`Purchases/${sale}/Confirm`, other, { operationId: opId(), operationDate: operationDate() }), 422, 'PurchaseNotFound');
      expectRefusal(await processing(`Purchases/${sale}/Cancel`, other, { operationId: opId(), operationDate: operationDate() }), 422, 'PurchaseNotFound');
      const named = await processing('Balance', other, { identifier: { type: 'Card', value: '9116000000000000' } });
      expect({ status: named.status, state: named.body.result.state }).toEqual({ status: 403, state: 'Error' });
      expect(await balanceOf(other)).toMatchObject({ amount: 0 });
    });

    it('needs a token: none → 401, an admin client token → 403', async () => {
      expect((await api.post('/api/v1/Processing/Balance', { json: {} })).status).toBe(401);
      expect((await processing('Balance', await adminToken(api), { identifier: { type: 'Card', value: '9116000000000000' } })).status).toBe(403);
    });
  });

  describe('History', () => {
    type History = { allCount: number; rows: Array<{ dateTime: string; type: string; userId: number }> };
    const history = (query: string, token = member) => api.get<History>(`/api/v1.1/History${query}`, { token });

    it('follows the seed rules on missing parameters', async () => {
      for (const query of ['', '?filter.count=10']) {
        const response = await history(query);
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual({ allCount: 0, rows: [] });
      }
      const countOnly = await history('?filter.toDate=2100-01-01');
      expect(countOnly.body.data).toEqual({ allCount: 2, rows: [] });
    });

    it('answers rows newest first with both parameters, also on the v1 alias', async () => {
      const response = await history('?filter.toDate=2100-01-01&filter.count=10');
      expect(response.status).toBe(200);
      expect(response.body.result.state).toBe('Success');
      const { allCount, rows } = response.body.data;
      expect(allCount).toBe(2);
      expect(rows.map((row) => row.type)).toEqual(['Purchase', 'Purchase']);
      expect(rows.every((row) => row.userId === Number(tokenClaims(member).sub))).toBe(true);
      const times = rows.map((row) => Date.parse(row.dateTime));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const alias = await api.get<History>('/api/v1/History?filter.toDate=2100-01-01&filter.count=1&filter.from=1', { token: member });
      expect(alias.body.data).toEqual({ allCount: 2, rows: [rows[1]] });
      expect((await history('?filter.toDate=2100-01-01&filter.count=10', other)).body.data).toEqual({ allCount: 0, rows: [] });
    });

    it('validates the filters (400) and admits member tokens only', async () => {
      const bad = await history('?filter.toDate=soon&filter.count=-1');
      expect(bad.status).toBe(400);
      expect(bad.body.result.validationErrors?.map((error) => error.field).sort()).toEqual(['filter.count', 'filter.toDate']);
      expect((await api.get('/api/v1.1/History')).status).toBe(401);
    });
  });

  describe('a POS client (scope pos)', () => {
    let pos: string;
    let cardNumber: string;

    beforeAll(async () => {
      const token = await api.post<{ access_token: string }>('/api/v1/token', {
        form: { grant_type: 'client_credentials', client_id: POS.clientId, client_secret: POS.secret, scope: 'pos' },
      });
      pos = token.body.data.access_token;
      // A member with a virtual card: AcceptTenderOffer emits one (EMIT_VIRTUAL_CARD=1).
      const holder = await registerMember();
      const holderId = Number(tokenClaims(holder).sub);
      expect((await api.post('/api/v1/User/AcceptTenderOffer', { token: holder })).status).toBe(200);
      const linkOf = (events: CapturedEvent[]) => events.filter((event) => (event.body['customerInfo'] as { customerId: number }).customerId === holderId);
      const [link] = await smc.waitFor(linkOf, 1, 'the virtual card link');
      cardNumber = (link.body['newCard'] as { cardNumber: string }).cardNumber;
    });

    it('names the member by Card: Calculate answers Ok (an Activating card may only accrue)', async () => {
      const result = expectSuccess(
        await processing(`Purchases/${purchaseId()}/Calculate`, pos, { operationId: opId(), operationDate: operationDate(), identifier: { type: 'Card', value: cardNumber }, cheque: oneLine(100) }),
      );
      expect(result).toMatchObject({ availableBonusAmount: 0, cheque: { totalAmount: 100 } });
      expect(await processingBalance(pos, cardNumber)).toMatchObject({ amount: 0 });
    });

    it('must pass an identifier (400); an unknown card → 422 CardNotFound', async () => {
      const missing = await processing('Balance', pos, {});
      expect(missing.status).toBe(400);
      expect(missing.body.result.validationErrors).toEqual([{ field: 'identifier', errorMessages: ['identifier is required with a client token'] }]);
      expectRefusal(await processing('Balance', pos, { identifier: { type: 'Card', value: '9116999999999999' } }), 422, 'CardNotFound');
    });

    it('cannot read History (member tokens only)', async () => {
      expect((await api.get('/api/v1.1/History?filter.toDate=2100-01-01', { token: pos })).status).toBe(403);
    });

    async function processingBalance(token: string, card: string): Promise<Row> {
      return expectSuccess(await processing('Balance', token, { identifier: { type: 'Card', value: card } }));
    }
  });
});
