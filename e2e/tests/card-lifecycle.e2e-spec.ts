import { InternalRoutingKey, RoutingKey, SMC_ROUTING_KEYS } from '@loyalty/contracts';
import { waitFor } from '@loyalty/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, ApiResponse, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, CodeInbox, COMPLETE_ANSWERS, importCards, newCardNumber, newPhone, seedMismatches } from '../support/registration-helpers';

// Issue 4 (SPEC §3.3) through the gateway with the real apps: the member's cards, block/unblock,
// the System API's block, delete and category changes, loyalty groups and card replacement. Every
// change must publish exactly one event of its routing key (seed model), a no-op none.

const POS = { clientId: 'e2e-lifecycle-pos', secret: 'e2e-lifecycle-pos-secret-01', applicationId: 11 };
const ADMIN_APPLICATION_ID = 1;
const PUBLIC_APPLICATION_ID = 2;

interface Card {
  cardId: number;
  cardNumber: string;
  cardState: string;
  cardCategory: string;
  categoryId: number;
  isBlocked: boolean;
  isDeleted: boolean;
}
interface Change {
  changed: boolean;
  card: Card;
}
interface Member {
  token: string;
  memberId: number;
}

describe('card lifecycle and loyalty groups end to end', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let groupsLog: EventLog;
  let codes: CodeInbox;
  let admin: string;
  let pos: string;
  /** Registered: a virtual card (automatic) and the physical card `physicalA`. */
  let alice: Member;
  /** Still registering, holds `physicalB`. */
  let bob: Member;
  const physicalA = newCardNumber();
  const physicalB = newCardNumber();
  const replacement = newCardNumber();
  const spare = newCardNumber();
  let spareCardId = 0;

  beforeAll(async () => {
    platform = await Platform.start({
      with: ['processing'],
      env: { gateway: { OAUTH_CLIENTS: JSON.stringify([{ clientId: POS.clientId, applicationId: POS.applicationId, secret: POS.secret, scopes: ['pos'] }]) } },
    });
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open(SMC_ROUTING_KEYS);
    groupsLog = await EventLog.open([InternalRoutingKey.CardsLoyaltyGroupChanged]);
    codes = await CodeInbox.open();
    admin = await adminToken(api);
    pos = await clientToken(POS.clientId, POS.secret, 'pos');
    await importCards(api, [physicalA, physicalB, replacement, spare], 2);
    alice = await registerFully(physicalA);
    bob = await beginWithCard(physicalB);
  }, 180_000);

  afterAll(async () => {
    await smc?.close();
    await groupsLog?.close();
    await codes?.close();
    await platform?.stop();
  });

  async function clientToken(clientId: string, secret: string, scope: string): Promise<string> {
    const response = await api.post<{ access_token: string }>('/api/v1/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope } });
    if (response.status !== 200) throw new Error(`client token: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body['access_token'] as string;
  }

  async function expectOk<T>(promise: Promise<ApiResponse<T>>, what: string): Promise<T> {
    const response = await promise;
    if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data;
  }

  async function beginWithCard(cardNumber: string): Promise<Member> {
    const begun = await expectOk(api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: newPhone(), password: '' } }), 'begin');
    await expectOk(api.post('/api/v1/Cards/Set', { token: begun.authToken, json: { cardNumber } }), 'Cards/Set');
    return { token: begun.authToken, memberId: Number(tokenClaims(begun.authToken).sub) };
  }

  /** Seed 001 scenario 1 in short: phone, offer (virtual card), password, questionnaire, card, finish. */
  async function registerFully(cardNumber: string): Promise<Member> {
    const phone = newPhone();
    let { authToken: token } = await expectOk(api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } }), 'begin');
    const memberId = Number(tokenClaims(token).sub);
    await expectOk(api.post('/api/v1/User/AcceptTenderOffer', { token }), 'offer');
    token = (await expectOk(api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: await codes.nextCode(phone) } }), 'phone')).authToken;
    token = (await expectOk(api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: '111111' } }), 'password')).authToken;
    await expectOk(api.post('/api/v1/User/Answers', { token, json: { answers: COMPLETE_ANSWERS } }), 'answers');
    await expectOk(api.post('/api/v1/Cards/Set', { token, json: { cardNumber } }), 'Cards/Set');
    const finished = await expectOk(api.post<{ registrationCompleted: boolean; authToken: string }>('/api/v1/Registration/TryFinishRegistration', { token }), 'finish');
    if (!finished.registrationCompleted) throw new Error('registration did not complete');
    // Both cards are activated when the registration finishes.
    await smc.waitFor((events) => events.filter((event) => event.routingKey === RoutingKey.CustomerCardChangeState && customerIdOf(event) === memberId), 2, 'activations');
    return { token: finished.authToken, memberId };
  }

  const customerIdOf = (event: CapturedEvent) => (event.body['customerInfo'] as { customerId: number }).customerId;
  const cardIdOf = (event: CapturedEvent) => (event.body['cardId'] ?? (event.body['cardInfo'] as { cardId?: number } | undefined)?.cardId) as number;
  const eventsOf = (routingKey: string, cardId: number) => smc.events.filter((event) => event.routingKey === routingKey && cardIdOf(event) === cardId);

  /** Waits for the `count`-th event of the key about the card, then checks every one of them against the seed. */
  async function cardEvents(routingKey: string, cardId: number, count: number): Promise<CapturedEvent[]> {
    const events = await smc.waitFor(() => eventsOf(routingKey, cardId), count, `${count} × ${routingKey} for card ${cardId}`);
    for (const event of events) {
      expect({ routingKey, mismatches: seedMismatches(event) }).toEqual({ routingKey, mismatches: [] });
      expect(event.properties.type).toBe(event.body['eventCode']);
      expect(event.body['externalId']).toBe(event.properties.messageId);
    }
    return events;
  }

  async function cardsOf(member: Member): Promise<Card[]> {
    return (await expectOk(api.get<{ cards: Card[] }>('/api/v1/Cards', { token: member.token }), 'GET Cards')).cards;
  }

  const cardNamed = async (member: Member, number: string) => (await cardsOf(member)).find((card) => card.cardNumber === number) as Card;

  /** A pool card has no member yet, so no API shows it: its id comes from the cards database. */
  async function cardIdOfNumber(number: string): Promise<number> {
    const client = new Client({ connectionString: platform.databases.cards.url });
    await client.connect();
    try {
      return (await client.query<{ id: number }>('SELECT id FROM card WHERE number = $1', [number])).rows[0].id;
    } finally {
      await client.end();
    }
  }

  /** A till's Calculate naming the member by card: processing's card projection decides (blocked → CardBlocked). */
  const posCalculate = (cardNumber: string) =>
    api.post<Array<Record<string, unknown>>>(`/api/v1/Processing/Purchases/E2E${randomUUID().replace(/-/g, '').slice(0, 20)}/Calculate`, {
      token: pos,
      json: {
        operationId: randomUUID().replace(/-/g, ''),
        operationDate: new Date().toISOString(),
        identifier: { type: 'Card', value: cardNumber },
        cheque: { number: 'A-1', date: '2030-01-01T10:00:00.000Z', lines: [{ position: 1, amount: 100, quantity: 1, price: 100 }] },
      },
    });

  describe('GET Cards', () => {
    it('lists the member’s own cards with the seed card model', async () => {
      const cards = await cardsOf(alice);
      expect(cards.map((card) => card.cardNumber).sort()).toEqual([expect.stringMatching(/^7788\d{12}$/), physicalA]);
      expect(cards.find((card) => card.cardNumber === physicalA)).toEqual({
        cardId: expect.any(Number),
        cardNumber: physicalA,
        cardState: 'Activated',
        activationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        cardType: 'General',
        cardCategory: 'VIP',
        barCode: physicalA,
        strip1: physicalA,
        strip2: `${physicalA}=${physicalA}`,
        strip3: `strip=${physicalA}`,
        isBlocked: false,
        isDeleted: false,
        categoryId: 2,
      });
      expect((await cardsOf(bob)).map((card) => [card.cardNumber, card.cardState])).toEqual([[physicalB, 'Activating']]);
    });

    it('needs a member token', async () => {
      expect((await api.get('/api/v1/Cards')).status).toBe(401);
      expect((await api.get('/api/v1/Cards', { token: admin })).status).toBe(403);
    });
  });

  describe('member ChangeBlockState', () => {
    it('blocks the card: one OnBlockCard with targetBlockState true, processing refuses the card', async () => {
      const card = await cardNamed(alice, physicalA);
      const response = await api.post<Change>(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: alice.token, json: { targetBlockState: true } });
      expect(response.status).toBe(200);
      expect(response.body.result).toEqual({ state: 'Success', message: null, validationErrors: null });
      expect(response.body.data).toMatchObject({ changed: true, card: { cardId: card.cardId, isBlocked: true } });

      const [event] = await cardEvents(RoutingKey.CustomerCardChangeBlockState, card.cardId, 1);
      expect(event.body).toMatchObject({
        targetBlockState: true,
        cardInfo: { cardId: card.cardId, cardNumber: physicalA },
        eventCode: 'OnBlockCard',
        customerInfo: { customerId: alice.memberId, applicationId: PUBLIC_APPLICATION_ID },
      });
      expect(Object.keys(event.body['cardInfo'] as object).sort()).toEqual(['cardId', 'cardNumber']);
      expect((await cardNamed(alice, physicalA)).isBlocked).toBe(true);
      // processing's card projection follows the event: the card is refused at the till.
      await waitFor(async () => (await posCalculate(physicalA)).body.data?.[0]?.['code'] === 'CardBlocked', { description: 'processing refuses the blocked card' });
    });

    it('blocking a blocked card changes nothing, says so and publishes nothing; unblocking publishes targetBlockState false', async () => {
      const card = await cardNamed(alice, physicalA);
      const again = await api.post<Change>(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: alice.token, json: { targetBlockState: true } });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ changed: false, card: { isBlocked: true } });
      expect(again.body.result.message).toMatch(/nothing changed/);

      const unblocked = await api.post<Change>(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: alice.token, json: { targetBlockState: false } });
      expect(unblocked.body.data).toMatchObject({ changed: true, card: { isBlocked: false } });
      const events = await cardEvents(RoutingKey.CustomerCardChangeBlockState, card.cardId, 2);
      // The unblock arrived after the no-op, so a no-op event would have arrived before it.
      expect(events.map((event) => event.body['targetBlockState'])).toEqual([true, false]);
      await waitFor(async () => (await posCalculate(physicalA)).status === 200, { description: 'processing accepts the unblocked card' });
    });

    it('another member’s card is 404 like an unknown one, and nothing changes', async () => {
      const bobsCard = await cardNamed(bob, physicalB);
      const foreign = await api.post(`/api/v1/Cards/${bobsCard.cardId}/ChangeBlockState`, { token: alice.token, json: { targetBlockState: true } });
      const unknown = await api.post('/api/v1/Cards/2000000000/ChangeBlockState', { token: alice.token, json: { targetBlockState: true } });
      for (const response of [foreign, unknown]) {
        expect({ status: response.status, state: response.body.result.state, data: response.body.data }).toEqual({ status: 404, state: 'Error', data: null });
      }
      expect(foreign.body.result.message).toBe((unknown.body.result.message ?? '').replace('2000000000', String(bobsCard.cardId)));
      expect((await cardNamed(bob, physicalB)).isBlocked).toBe(false);
    });

    it('answers 400 with validationErrors for a bad id or body, 401/403 for missing or client tokens', async () => {
      const card = await cardNamed(alice, physicalA);
      const cases: Array<[string, unknown, string]> = [
        ['abc', { targetBlockState: true }, 'cardId'],
        ['0', { targetBlockState: true }, 'cardId'],
        ['99999999999', { targetBlockState: true }, 'cardId'],
        [String(card.cardId), {}, 'targetBlockState'],
        [String(card.cardId), { targetBlockState: 'yes' }, 'targetBlockState'],
      ];
      for (const [id, json, field] of cases) {
        const response = await api.post(`/api/v1/Cards/${id}/ChangeBlockState`, { token: alice.token, json });
        expect({ id, status: response.status, state: response.body.result.state, fields: response.body.result.validationErrors?.map((error) => error.field) }).toEqual({
          id,
          status: 400,
          state: 'ValidationError',
          fields: [field],
        });
      }
      const malformed = await api.post(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: alice.token, json: '{"targetBlockState": tru' });
      expect(malformed.status).toBe(400);
      expect((await api.post(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { json: { targetBlockState: true } })).status).toBe(401);
      expect((await api.post(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: admin, json: { targetBlockState: true } })).status).toBe(403);
      expect(eventsOf(RoutingKey.CustomerCardChangeBlockState, card.cardId)).toHaveLength(2);
    });
  });

  describe('System API card changes (scope admin)', () => {
    it('blocks any member’s card with the admin client as applicationId', async () => {
      const card = await cardNamed(bob, physicalB);
      const response = await api.post<Change>(`/api/v1/system/cards/${card.cardId}/ChangeBlockState`, { token: admin, json: { targetBlockState: true } });
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({ changed: true, card: { isBlocked: true } });
      const [event] = await cardEvents(RoutingKey.CustomerCardChangeBlockState, card.cardId, 1);
      expect(event.body).toMatchObject({ targetBlockState: true, customerInfo: { customerId: bob.memberId, applicationId: ADMIN_APPLICATION_ID } });
      expect((await api.post<Change>(`/api/v1/system/cards/${card.cardId}/ChangeBlockState`, { token: admin, json: { targetBlockState: true } })).body.data.changed).toBe(false);
    });

    it('deletes and restores a card: OnDeleteCard with the flat cardId/cardNumber, a no-op publishes nothing', async () => {
      const card = await cardNamed(bob, physicalB);
      const path = `/api/v1/system/cards/${card.cardId}/ChangeDeleteState`;
      expect((await api.post<Change>(path, { token: admin, json: { targetDeleteState: true } })).body.data).toMatchObject({ changed: true, card: { isDeleted: true } });
      const noop = await api.post<Change>(path, { token: admin, json: { targetDeleteState: true } });
      expect(noop.status).toBe(200);
      expect(noop.body.data.changed).toBe(false);
      expect(noop.body.result.message).toMatch(/nothing changed/);
      // A member no longer finds a deleted card.
      expect((await api.post(`/api/v1/Cards/${card.cardId}/ChangeBlockState`, { token: bob.token, json: { targetBlockState: false } })).status).toBe(404);
      expect((await api.post<Change>(path, { token: admin, json: { targetDeleteState: false } })).body.data.changed).toBe(true);

      const events = await cardEvents(RoutingKey.CustomerCardChangeDeleteState, card.cardId, 2);
      expect(events.map((event) => event.body['targetDeleteState'])).toEqual([true, false]);
      expect(events[0].body).toMatchObject({ cardId: card.cardId, cardNumber: physicalB, eventCode: 'OnDeleteCard', customerInfo: { customerId: bob.memberId } });
    });

    it('changes the category: OnChangeCategoryCard with newcardCategory, the same category is a no-op', async () => {
      const card = await cardNamed(bob, physicalB);
      const path = `/api/v1/system/cards/${card.cardId}/ChangeCategory`;
      expect((await api.post<Change>(path, { token: admin, json: { categoryId: 1 } })).body.data).toMatchObject({ changed: true, card: { cardCategory: 'Standard', categoryId: 1 } });
      expect((await api.post<Change>(path, { token: admin, json: { categoryId: 1 } })).body.data.changed).toBe(false);
      expect((await api.post<Change>(path, { token: admin, json: { categoryId: 2 } })).body.data.changed).toBe(true);
      const events = await cardEvents(RoutingKey.CustomerCardChangeCategory, card.cardId, 2);
      expect(events.map((event) => event.body['newcardCategory'])).toEqual(['Standard', 'VIP']);
      expect(events[0].body).toMatchObject({ cardId: card.cardId, cardNumber: physicalB, eventCode: 'OnChangeCategoryCard' });
    });

    it('changes a pool card without an event (nobody to tell), and refuses unknown cards, categories and bad bodies', async () => {
      const poolCard = { id: await cardIdOfNumber(spare) };
      spareCardId = poolCard.id;
      expect((await api.post<Change>(`/api/v1/system/cards/${poolCard.id}/ChangeBlockState`, { token: admin, json: { targetBlockState: true } })).body.data.changed).toBe(true);
      expect((await api.post<Change>(`/api/v1/system/cards/${poolCard.id}/ChangeBlockState`, { token: admin, json: { targetBlockState: false } })).body.data.changed).toBe(true);

      const card = await cardNamed(bob, physicalB);
      const unknown = await api.post('/api/v1/system/cards/2000000000/ChangeDeleteState', { token: admin, json: { targetDeleteState: true } });
      expect({ status: unknown.status, state: unknown.body.result.state }).toEqual({ status: 404, state: 'Error' });
      const noCategory = await api.post(`/api/v1/system/cards/${card.cardId}/ChangeCategory`, { token: admin, json: { categoryId: 999 } });
      expect({ status: noCategory.status, code: (noCategory.body.data as { code: string }).code }).toEqual({ status: 422, code: 'CategoryNotFound' });
      for (const [path, json] of [
        [`${card.cardId}/ChangeCategory`, { categoryId: 'VIP' }],
        [`${card.cardId}/ChangeDeleteState`, { targetDeleteState: 1 }],
        [`x1/ChangeBlockState`, { targetBlockState: true }],
      ] as const) {
        const response = await api.post(`/api/v1/system/cards/${path}`, { token: admin, json });
        expect({ path, status: response.status, state: response.body.result.state }).toEqual({ path, status: 400, state: 'ValidationError' });
      }
    });

    it('is for admin clients only: a member token or a pos client is 403, no token 401', async () => {
      const card = await cardNamed(bob, physicalB);
      for (const suffix of ['ChangeBlockState', 'ChangeDeleteState', 'ChangeCategory']) {
        const json = { targetBlockState: true, targetDeleteState: true, categoryId: 1 };
        expect((await api.post(`/api/v1/system/cards/${card.cardId}/${suffix}`, { token: bob.token, json })).status).toBe(403);
        expect((await api.post(`/api/v1/system/cards/${card.cardId}/${suffix}`, { token: pos, json })).status).toBe(403);
        expect((await api.post(`/api/v1/system/cards/${card.cardId}/${suffix}`, { json })).status).toBe(401);
      }
      expect((await cardNamed(bob, physicalB)).isDeleted).toBe(false);
    });
  });

  describe('loyalty groups (System API)', () => {
    const path = '/api/v1/system/loyalty-groups';
    const gold = { id: 3, title: 'Gold', loyaltyType: 'discount', loyaltyQuantity: 15, active: true };

    it('lists the defaults', async () => {
      const response = await api.get(path, { token: admin });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        groups: [
          { id: 1, title: 'Standard', loyaltyType: 'bonuses', loyaltyQuantity: 5, active: true },
          { id: 2, title: 'VIP', loyaltyType: 'discount', loyaltyQuantity: 10, active: true },
        ],
      });
    });

    it('PUT creates and changes groups, each change publishes one cards.loyaltyGroup.changed, an unchanged group none', async () => {
      const created = await api.put<{ changedIds: number[]; groups: unknown[] }>(path, { token: admin, json: { groups: [gold] } });
      expect(created.status).toBe(200);
      expect(created.body.data.changedIds).toEqual([3]);
      expect(created.body.data.groups).toHaveLength(3);
      const same = await api.put<{ changedIds: number[] }>(path, { token: admin, json: { groups: [gold] } });
      expect(same.body.data.changedIds).toEqual([]);
      const raised = await api.put<{ changedIds: number[] }>(path, { token: admin, json: { groups: [{ ...gold, loyaltyQuantity: 17.5 }] } });
      expect(raised.body.data.changedIds).toEqual([3]);

      const events = await groupsLog.waitFor((all) => all.filter((event) => event.body['id'] === 3), 2, 'group 3 changes');
      expect(events.map((event) => event.body)).toEqual([
        expect.objectContaining({ ...gold, eventCode: 'OnLoyaltyGroupChange' }),
        expect.objectContaining({ ...gold, loyaltyQuantity: 17.5 }),
      ]);
      expect((await api.get<{ groups: Array<{ id: number; loyaltyQuantity: number }> }>(path, { token: admin })).body.data.groups[2]).toMatchObject({ id: 3, loyaltyQuantity: 17.5 });
    });

    it('refuses bad bodies (400), a title another group has (409) and non-admin callers (403)', async () => {
      for (const groups of [[], [{ ...gold, loyaltyType: 'cash' }], [{ ...gold, loyaltyQuantity: 101 }], [{ ...gold, id: 0 }], [{ ...gold, loyaltyQuantity: 1.00001 }], [gold, gold]]) {
        const response = await api.put(path, { token: admin, json: { groups } });
        expect({ groups, status: response.status, state: response.body.result.state }).toEqual({ groups, status: 400, state: 'ValidationError' });
      }
      const taken = await api.put(path, { token: admin, json: { groups: [{ ...gold, title: 'VIP' }] } });
      expect({ status: taken.status, code: (taken.body.data as { code: string }).code }).toEqual({ status: 409, code: 'LoyaltyGroupTitleTaken' });
      expect((await api.get(path, { token: alice.token })).status).toBe(403);
      expect((await api.put(path, { token: pos, json: { groups: [gold] } })).status).toBe(403);
      expect(groupsLog.events.filter((event) => event.body['id'] === 3)).toHaveLength(2);
    });
  });

  describe('Replace', () => {
    it('replaces the member’s card: old Replaced/blocked/deleted, new Activated, one OnCardReplace with both cards', async () => {
      const old = await cardNamed(alice, physicalA);
      const response = await api.post<{ oldCard: Card; newCard: Card }>(`/api/v1/Cards/${old.cardId}/Replace`, { token: alice.token, json: { newCardNumber: replacement } });
      expect(response.status).toBe(200);
      expect(response.body.data.oldCard).toMatchObject({ cardId: old.cardId, cardState: 'Replaced', isBlocked: true, isDeleted: true });
      expect(response.body.data.newCard).toMatchObject({ cardNumber: replacement, cardState: 'Activated', cardCategory: 'VIP', isBlocked: false, isDeleted: false });
      const newId = response.body.data.newCard.cardId;

      const links = await smc.waitFor((events) => events.filter((event) => event.routingKey === RoutingKey.CustomerCardLink && (event.body['newCard'] as Card).cardId === newId), 1, 'the replace link');
      expect(links).toHaveLength(1);
      expect({ mismatches: seedMismatches(links[0]) }).toEqual({ mismatches: [] });
      expect(links[0].body).toMatchObject({
        linkCardType: 'ReplaceCard',
        eventCode: 'OnCardReplace',
        linkSource: 'UserPortal',
        oldCard: { cardId: old.cardId, cardNumber: physicalA, cardState: 'Replaced', isBlocked: true, isDeleted: true },
        newCard: { cardId: newId, cardNumber: replacement, cardState: 'Activated' },
        customerInfo: { customerId: alice.memberId, applicationId: PUBLIC_APPLICATION_ID },
      });
      expect(links[0].properties.type).toBe('OnCardReplace');
      // The new card is linked Activated at once, like any card linked after registration.
      const [activation] = await cardEvents(RoutingKey.CustomerCardChangeState, newId, 1);
      expect(activation.body).toMatchObject({ targetState: 'Activated', cardInfo: { cardNumber: replacement } });

      const states = Object.fromEntries((await cardsOf(alice)).map((card) => [card.cardNumber, card.cardState]));
      expect(Object.keys(states)).toHaveLength(3);
      expect(states).toMatchObject({ [physicalA]: 'Replaced', [replacement]: 'Activated' });
      // processing follows: the new card names the member at the till, the old one is gone.
      await waitFor(async () => (await posCalculate(replacement)).status === 200 && (await posCalculate(physicalA)).body.data?.[0]?.['code'] === 'CardNotFound', {
        description: 'processing follows the replacement',
      });
    });

    it('refuses a card in use (422), a replaced card (422), another member’s card (404) and a bad number (400)', async () => {
      const replaced = await cardNamed(alice, physicalA);
      const current = await cardNamed(alice, replacement);
      const bobsCard = await cardNamed(bob, physicalB);
      const inUse = await api.post(`/api/v1/Cards/${current.cardId}/Replace`, { token: alice.token, json: { newCardNumber: physicalB } });
      expect({ status: inUse.status, code: (inUse.body.data as { code: string }).code }).toEqual({ status: 422, code: 'CardNotAvailable' });
      const again = await api.post(`/api/v1/Cards/${replaced.cardId}/Replace`, { token: alice.token, json: { newCardNumber: spare } });
      expect({ status: again.status, code: (again.body.data as { code: string }).code }).toEqual({ status: 422, code: 'CardStateConflict' });
      expect((await api.post(`/api/v1/Cards/${bobsCard.cardId}/Replace`, { token: alice.token, json: { newCardNumber: spare } })).status).toBe(404);
      const bad = await api.post(`/api/v1/Cards/${current.cardId}/Replace`, { token: alice.token, json: { newCardNumber: '12ab' } });
      expect({ status: bad.status, fields: bad.body.result.validationErrors?.map((error) => error.field) }).toEqual({ status: 400, fields: ['newCardNumber'] });
      // Nothing of this published anything, nor did the pool card's block/unblock earlier.
      expect(smc.events.filter((event) => event.routingKey === RoutingKey.CustomerCardLink && (event.body['newCard'] as Card).cardNumber === spare)).toEqual([]);
      expect(eventsOf(RoutingKey.CustomerCardChangeBlockState, spareCardId)).toEqual([]);
    });
  });
});

