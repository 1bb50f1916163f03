import { RoutingKey, SMC_ROUTING_KEYS } from '@loyalty/contracts';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { CodeInbox, COMPLETE_ANSWERS, importCards, newCardNumber, newPhone, ok, seedMismatches } from '../support/registration-helpers';

// SPEC §5 for registration: the cards and registration services are killed with SIGKILL in the
// middle of a registration and started again; the member carries on where they were, with the
// same token, and no step or event is lost.

describe('a registration survives services being killed mid-way', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let codes: CodeInbox;
  const phone = newPhone();
  const physicalCard = newCardNumber();
  let token: string;
  let memberId: number;

  beforeAll(async () => {
    // A short RPC wait keeps the calls that hit a dead service short.
    platform = await Platform.start({ env: { registration: { CARDS_RPC_TIMEOUT_MS: '1500' }, gateway: { RPC_TIMEOUT_MS: '4000' } } });
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open(SMC_ROUTING_KEYS);
    codes = await CodeInbox.open();
    await importCards(api, [physicalCard]);
  }, 120_000);

  afterAll(async () => {
    await smc?.close();
    await codes?.close();
    await platform?.stop();
  });

  const ofMember = (routingKey: string) => (events: CapturedEvent[]) =>
    events.filter((event) => event.routingKey === routingKey && (event.body['customerInfo'] as { customerId: number }).customerId === memberId);

  const doneSteps = async (): Promise<string[]> => {
    const response = await api.get<{ actions: { userActionType: string; isDone: boolean }[] }>('/api/v1/user/actions', { token });
    expect(response.status).toBe(200);
    return response.body.data.actions.filter((action) => action.isDone).map((action) => action.userActionType);
  };

  it('accepts the offer while cards is dead; the virtual card arrives once cards is back', async () => {
    const begin = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } });
    token = begin.body.data.authToken;
    memberId = Number(tokenClaims(token).sub);

    await platform.kill('cards');
    const accepted = await api.post('/api/v1/User/AcceptTenderOffer', { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual(ok(null));
    expect(await doneSteps()).toEqual(['AcceptTenderOffer']);

    // The offer event waits in cards' durable queue while cards is down.
    await platform.restart('cards');
    const [link] = await smc.waitFor(ofMember(RoutingKey.CustomerCardLink), 1, 'the virtual card after the restart', 30_000);
    expect(link.body).toMatchObject({ linkSource: 'Registration', newCard: { cardState: 'Activating' } });
  }, 60_000);

  it('kills registration right after a step; after the restart the same token continues', async () => {
    const code = await codes.nextCode(phone);
    const confirmed = await api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: code } });
    expect(confirmed.status).toBe(200);
    token = confirmed.body.data.authToken;

    await platform.kill('registration');
    // While it is down, requests fail fast enough and with a clear status, never a 500.
    const down = await api.get('/api/v1/user/actions', { token });
    expect([503, 504]).toContain(down.status);
    await platform.restart('registration');

    expect(await doneSteps()).toEqual(['AcceptTenderOffer', 'ChangePhone']);
    // The phone confirmation committed before the kill is published after the restart at the latest.
    await smc.waitFor(ofMember(RoutingKey.CustomerAttributeUpdate), 2, 'offer and phone attribute events', 30_000);

    const password = await api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: 'secret12' } });
    token = password.body.data.authToken;
    expect((await api.post('/api/v1/User/Answers', { token, json: { answers: COMPLETE_ANSWERS } })).status).toBe(200);
  }, 60_000);

  it('refuses Cards/Set with 503 while cards is dead, and takes it after the restart', async () => {
    await platform.kill('cards');
    const refused = await api.post('/api/v1/Cards/Set', { token, json: { cardNumber: physicalCard } });
    expect(refused.status).toBe(503);
    expect(refused.body.result.state).toBe('Error');
    expect((await doneSteps()).includes('AssignCard')).toBe(false);

    await platform.restart('cards');
    const set = await api.post('/api/v1/Cards/Set', { token, json: { cardNumber: physicalCard } });
    expect(set.status).toBe(200);
    expect(await doneSteps()).toEqual(['AcceptTenderOffer', 'ChangePhone', 'PasswordRequired', 'Questions', 'AssignCard']);
  }, 60_000);

  it('finishes, even with registration killed right after: every event is there once, each with its seed model', async () => {
    const finished = await api.post('/api/v1/Registration/TryFinishRegistration', { token });
    expect(finished.body).toEqual(ok({ registrationCompleted: true, authToken: expect.any(String) }));
    await platform.kill('registration');
    await platform.restart('registration');

    await smc.waitFor(ofMember(RoutingKey.CustomerRegistrationFinish), 1, 'finish', 30_000);
    const activations = await smc.waitFor(ofMember(RoutingKey.CustomerCardChangeState), 2, 'both activations', 30_000);
    const links = smc.events.filter((event) => ofMember(RoutingKey.CustomerCardLink)([event]).length > 0);
    expect(links.map((event) => event.body['linkSource']).sort()).toEqual(['Registration', 'UserPortal']);
    expect(activations.map((event) => (event.body['cardInfo'] as { cardNumber: string }).cardNumber).sort()).toEqual(
      links.map((event) => (event.body['newCard'] as { cardNumber: string }).cardNumber).sort(),
    );

    // At least once: a kill between publish and the outbox's "sent" mark may repeat a message,
    // with the same messageId (consumers deduplicate on it). Nothing is missing.
    const unique = new Map(smc.ofMember(memberId).map((event) => [event.properties.messageId, event]));
    const byKey = (key: string) => [...unique.values()].filter((event) => event.routingKey === key).length;
    expect({
      begin: byKey(RoutingKey.CustomerRegistrationBegin),
      attributes: byKey(RoutingKey.CustomerAttributeUpdate),
      links: byKey(RoutingKey.CustomerCardLink),
      finish: byKey(RoutingKey.CustomerRegistrationFinish),
      activations: byKey(RoutingKey.CustomerCardChangeState),
    }).toEqual({ begin: 1, attributes: 6, links: 2, finish: 1, activations: 2 });
    for (const event of unique.values()) expect(seedMismatches(event)).toEqual([]);
  }, 60_000);
});
