import { RoutingKey } from '@loyalty/contracts';
import { waitFor } from '@loyalty/testing';
import { randomUUID } from 'node:crypto';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, ApiResponse, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, CodeInbox, COMPLETE_ANSWERS, importCards, newCardNumber, newPhone, seedMismatches } from '../support/registration-helpers';

// Issue 4, member merge (SPEC §3.3) through the gateway with the real apps: registration closes
// `from` and publishes customer.profile.merge; cards moves every card of `from` to `to` (one
// customer.card.link AttachCard each); processing moves the balance.

const ADMIN_APPLICATION_ID = 1;
const PASSWORD = '111111';

type Row = Record<string, unknown>;
interface Card {
  cardId: number;
  cardNumber: string;
}
interface Member {
  token: string;
  memberId: number;
  phone: string;
}

const opId = () => randomUUID().replace(/-/g, '');
const purchaseId = () => `E2E${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`;
const oneLine = (amount: number) => ({ number: 'M-1', date: '2030-01-01T10:00:00.000Z', lines: [{ position: 1, amount, quantity: 1, price: amount }] });

describe('member merge end to end', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let codes: CodeInbox;
  let admin: string;
  /** Each registered with the automatic virtual card and one physical card (Standard: 5% bonuses). */
  let to: Member;
  let from: Member;
  const physicalTo = newCardNumber();
  const physicalFrom = newCardNumber();
  const physicalC = newCardNumber();
  const physicalD = newCardNumber();

  beforeAll(async () => {
    platform = await Platform.start({ with: ['processing'] });
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open([RoutingKey.CustomerProfileMerge, RoutingKey.CustomerCardLink, RoutingKey.CustomerCardChangeState]);
    codes = await CodeInbox.open();
    admin = await adminToken(api);
    await importCards(api, [physicalTo, physicalFrom, physicalC, physicalD], 1);
    to = await registerFully(physicalTo);
    from = await registerFully(physicalFrom);
  }, 180_000);

  afterAll(async () => {
    await smc?.close();
    await codes?.close();
    await platform?.stop();
  });

  async function expectOk<T>(promise: Promise<ApiResponse<T>>, what: string): Promise<T> {
    const response = await promise;
    if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data;
  }

  /** Seed 001 scenario 1 in short: phone, offer (virtual card), password, questionnaire, card, finish. */
  async function registerFully(cardNumber: string): Promise<Member> {
    const phone = newPhone();
    let { authToken: token } = await expectOk(api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } }), 'begin');
    const memberId = Number(tokenClaims(token).sub);
    await expectOk(api.post('/api/v1/User/AcceptTenderOffer', { token }), 'offer');
    token = (await expectOk(api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: await codes.nextCode(phone) } }), 'phone')).authToken;
    token = (await expectOk(api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: PASSWORD } }), 'password')).authToken;
    await expectOk(api.post('/api/v1/User/Answers', { token, json: { answers: COMPLETE_ANSWERS } }), 'answers');
    await expectOk(api.post('/api/v1/Cards/Set', { token, json: { cardNumber } }), 'Cards/Set');
    const finished = await expectOk(api.post<{ registrationCompleted: boolean; authToken: string }>('/api/v1/Registration/TryFinishRegistration', { token }), 'finish');
    if (!finished.registrationCompleted) throw new Error('registration did not complete');
    await smc.waitFor((events) => events.filter((event) => event.routingKey === RoutingKey.CustomerCardChangeState && customerIdOf(event) === memberId), 2, 'activations');
    return { token: finished.authToken, memberId, phone };
  }

  const customerIdOf = (event: CapturedEvent) => (event.body['customerInfo'] as { customerId: number }).customerId;
  const processing = (path: string, token: string, json: unknown) => api.post<Row[]>(`/api/v1/Processing/${path}`, { token, json });

  /** A confirmed purchase by the member: 5% of `amount` accrued (Standard group). */
  async function earn(member: Member, amount: number): Promise<void> {
    const id = purchaseId();
    const at = () => new Date().toISOString();
    await expectOk(processing(`Purchases/${id}/Calculate`, member.token, { operationId: opId(), operationDate: at(), cheque: oneLine(amount) }), 'Calculate');
    await expectOk(processing(`Purchases/${id}/Bonus`, member.token, { operationId: opId(), operationDate: at(), cheque: oneLine(amount), pays: [{ type: 'Cash', amount }] }), 'Bonus');
    await expectOk(processing(`Purchases/${id}/Confirm`, member.token, { operationId: opId(), operationDate: at() }), 'Confirm');
  }

  async function balanceOf(member: Member): Promise<number> {
    return (await expectOk(processing('Balance', member.token, {}), 'Balance'))[0]['amount'] as number;
  }

  async function cardsOf(member: Member): Promise<Card[]> {
    return (await expectOk(api.get<{ cards: Card[] }>('/api/v1/Cards', { token: member.token }), 'GET Cards')).cards;
  }

  const merge = (toId: number, body: unknown, token = admin) => api.post(`/api/v1/system/customers/${toId}/merge`, { token, json: body });

  const login = (phone: string) => api.post('/api/v1/token', { form: { grant_type: 'password', username: phone, password: PASSWORD } });

  it('moves every card and the whole balance of from to to, closes from, and publishes the seed events', async () => {
    await earn(to, 1000);
    await earn(from, 600);
    expect(await balanceOf(to)).toBe(50);
    expect(await balanceOf(from)).toBe(30);
    const fromCards = await cardsOf(from);
    const toCards = await cardsOf(to);
    expect(fromCards).toHaveLength(2);
    expect(toCards).toHaveLength(2);

    const response = await merge(to.memberId, { fromCustomerId: from.memberId });
    expect({ status: response.status, result: response.body.result }).toEqual({ status: 200, result: { state: 'Success', message: null, validationErrors: null } });
    expect(response.body.data).toEqual({ toCustomerId: to.memberId, fromCustomerId: from.memberId });

    const [merged] = await smc.waitFor(
      (events) => events.filter((event) => event.routingKey === RoutingKey.CustomerProfileMerge && (event.body['fromCustomerInfo'] as { customerId: number }).customerId === from.memberId),
      1,
      'customer.profile.merge',
    );
    expect(seedMismatches(merged)).toEqual([]);
    expect(merged.properties.type).toBe('MergeCustomersProfiles');
    expect(merged.body['toCustomerInfo']).toMatchObject({ customerId: to.memberId, applicationId: ADMIN_APPLICATION_ID });

    const moved = new Set(fromCards.map((card) => card.cardId));
    const attached = await smc.waitFor(
      (events) => events.filter((event) => event.routingKey === RoutingKey.CustomerCardLink && event.body['linkCardType'] === 'AttachCard' && moved.has((event.body['newCard'] as Card).cardId)),
      moved.size,
      'AttachCard per moved card',
    );
    expect(attached).toHaveLength(moved.size);
    for (const event of attached) {
      expect(seedMismatches(event)).toEqual([]);
      expect(event.body).toMatchObject({ eventCode: 'OnCardAttach', oldCard: null, linkSource: 'CallCenter' });
      expect(customerIdOf(event)).toBe(to.memberId);
      expect(event.body['externalId']).toBe(event.properties.messageId);
    }

    expect((await cardsOf(to)).map((card) => card.cardId).sort()).toEqual([...toCards, ...fromCards].map((card) => card.cardId).sort());
    await waitFor(async () => (await balanceOf(to)) === 80, { timeoutMs: 15_000, intervalMs: 100, description: 'the summed balance on to' });
  });

  it('from can no longer log in and its token is dead', async () => {
    const denied = await login(from.phone);
    expect(denied.status).toBe(401);
    expect(denied.body.result.state).toBe('Error');
    expect((await api.get('/api/v1/Cards', { token: from.token })).status).toBe(401);
    // to still logs in and works.
    expect((await login(to.phone)).status).toBe(200);
  });

  it('refuses a second merge of the pair, a member into itself, and an unknown member, with the envelope', async () => {
    const again = await merge(to.memberId, { fromCustomerId: from.memberId });
    expect({ status: again.status, state: again.body.result.state, code: (again.body.data as Row | null)?.['code'] }).toEqual({ status: 422, state: 'Error', code: 'MergeNotAllowed' });
    const reverse = await merge(from.memberId, { fromCustomerId: to.memberId });
    expect(reverse.status).toBe(422);
    const self = await merge(to.memberId, { fromCustomerId: to.memberId });
    expect({ status: self.status, state: self.body.result.state }).toEqual({ status: 422, state: 'Error' });
    const unknown = await merge(to.memberId, { fromCustomerId: 2_000_000_000 });
    expect({ status: unknown.status, state: unknown.body.result.state }).toEqual({ status: 404, state: 'Error' });
  });

  it('lets exactly one of concurrent merges of a fresh pair succeed', async () => {
    const c = await registerFully(physicalC);
    const d = await registerFully(physicalD);
    const responses = await Promise.all([
      merge(d.memberId, { fromCustomerId: c.memberId }),
      merge(d.memberId, { fromCustomerId: c.memberId }),
      merge(c.memberId, { fromCustomerId: d.memberId }),
    ]);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 422)).toHaveLength(2);
  }, 60_000);

  it('needs scope admin and a valid body', async () => {
    expect((await merge(to.memberId, { fromCustomerId: from.memberId }, to.token)).status).toBe(403);
    expect((await api.post(`/api/v1/system/customers/${to.memberId}/merge`, { json: { fromCustomerId: from.memberId } })).status).toBe(401);
    const malformed = await merge(to.memberId, { fromCustomerId: 'abc' });
    expect({ status: malformed.status, state: malformed.body.result.state }).toEqual({ status: 400, state: 'ValidationError' });
    expect(malformed.body.result.validationErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'fromCustomerId' })]));
    const badId = await merge(0, { fromCustomerId: from.memberId });
    expect(badId.status).toBe(400);
  });
});
