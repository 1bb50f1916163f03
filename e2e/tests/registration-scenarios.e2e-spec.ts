import { RoutingKey, SMC_ROUTING_KEYS } from '@loyalty/contracts';
import { isDeepStrictEqual } from 'node:util';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { CodeInbox, COMPLETE_ANSWERS, importCards, newCardNumber, newPhone, ok, seedMismatches } from '../support/registration-helpers';

// Seed 001, "Регистрация по номеру телефона с выпуском виртуальной и физической карт" and
// "Регистрация по номеру карты с выпуском виртуальной карты и привязкой телефона", step by step,
// with the settings both documents ask for: EmitVirtualCard 1, MainCardAssigningRequired 1,
// RegistrationProviderAnonymous 1, RegistrationProviderPhone 1, RegistrationProviderCard 1.

const STEP_ORDER = ['AcceptTenderOffer', 'ChangePhone', 'ChangeEmail', 'PasswordRequired', 'Questions', 'AssignCard'];

describe('member registration end to end', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let codes: CodeInbox;

  beforeAll(async () => {
    platform = await Platform.start();
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open(SMC_ROUTING_KEYS);
    codes = await CodeInbox.open();
  }, 120_000);

  afterAll(async () => {
    await smc?.close();
    await codes?.close();
    await platform?.stop();
  });

  async function actions(token: string): Promise<Record<string, { actionState: string; isDone: boolean }>> {
    const response = await api.get<{ actions: { userActionType: string; actionState: string; isDone: boolean }[] }>('/api/v1/user/actions', { token });
    expect(response.status).toBe(200);
    expect(response.body.data.actions.map((action) => action.userActionType)).toEqual(STEP_ORDER);
    return Object.fromEntries(response.body.data.actions.map(({ userActionType, ...rest }) => [userActionType, rest]));
  }

  const doneSteps = async (token: string) => Object.entries(await actions(token)).filter(([, action]) => action.isDone).map(([step]) => step);

  /** Every event is checked against its seed model (SPEC §2.1); the metadata travels in AMQP properties. */
  function expectSeedModels(events: CapturedEvent[]): void {
    for (const event of events) {
      expect({ routingKey: event.routingKey, mismatches: seedMismatches(event) }).toEqual({ routingKey: event.routingKey, mismatches: [] });
      expect(event.properties.messageId).toMatch(/^[0-9a-f]{32}$/);
      expect(event.body['externalId']).toBe(event.properties.messageId);
      expect(event.properties.type).toBe(event.body['eventCode']);
      expect(event.properties.contentType).toBe('application/json');
      expect(event.properties.deliveryMode).toBe(2);
    }
  }

  const ofKind = (member: number, routingKey: string, extra: (event: CapturedEvent) => boolean = () => true) => (events: CapturedEvent[]) =>
    events.filter(
      (event) => event.routingKey === routingKey && (event.body['customerInfo'] as { customerId: number }).customerId === member && extra(event),
    );

  async function answerQuestionnaire(token: string): Promise<void> {
    const questions = await api.get<{ questions: { nodeType: string; children: { logicalName: string; required: boolean; id: number }[] }[] }>(
      '/api/v1/User/Questions?filter.onlyRequired=true',
      { token },
    );
    expect(questions.status).toBe(200);
    expect(questions.body.data.questions[0]).toMatchObject({ nodeType: 'Header', displayName: 'Личные данные' });
    expect(questions.body.data.questions[0].children.map((node) => [node.logicalName, node.id, node.required])).toEqual([
      ['FirstName', 1, true],
      ['LastName', 2, true],
      ['BirthDate', 7, true],
      ['Sex', 5, true],
    ]);
    const answers = await api.post('/api/v1/User/Answers?filter.onlyRequired=true', { token, json: { answers: COMPLETE_ANSWERS } });
    expect(answers.status).toBe(200);
    expect(answers.body).toEqual(ok(null));
  }

  describe('scenario 1: by phone number, with a virtual and a physical card', () => {
    const phone = newPhone();
    const physicalCard = newCardNumber();
    let token: string;
    let memberId: number;

    beforeAll(() => importCards(api, [physicalCard], 2));

    it('1. BeginRegistration with the phone number answers Success with a token and sends a code', async () => {
      const response = await api.post<{ state: string; errorMessage: null; authToken: string }>('/api/v1/Registration/BeginRegistration', {
        json: { login: phone, password: '' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ state: 'Success', errorMessage: null, authToken: expect.any(String) }));
      token = response.body.data.authToken;
      memberId = Number(tokenClaims(token).sub);
      expect(await codes.nextCode(phone)).toMatch(/^\d{6}$/);
    });

    it('2. user/actions lists the six steps, none done, AssignCard required', async () => {
      expect(await actions(token)).toEqual({
        AcceptTenderOffer: { actionState: 'Required', isDone: false },
        ChangePhone: { actionState: 'Required', isDone: false },
        ChangeEmail: { actionState: 'Optional', isDone: false },
        PasswordRequired: { actionState: 'Required', isDone: false },
        Questions: { actionState: 'Required', isDone: false },
        AssignCard: { actionState: 'Required', isDone: false },
      });
    });

    it('3. AcceptTenderOffer completes its step and the virtual card is emitted for everyone (EmitVirtualCard=1)', async () => {
      const response = await api.post('/api/v1/User/AcceptTenderOffer', { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok(null));
      expect(await doneSteps(token)).toEqual(['AcceptTenderOffer']);
      const [link] = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardLink), 1, 'the virtual card link');
      expect(link.body).toMatchObject({ linkSource: 'Registration', linkCardType: 'SetCard', oldCard: null, newCard: { cardState: 'Activating' } });
      expect((link.body['newCard'] as { cardNumber: string }).cardNumber).toMatch(/^7788\d{12}$/);
    });

    it('4. PhoneNumber shows the number masked; Confirm with the SMS code gives a new token and retires the old one', async () => {
      const phoneInfo = await api.get('/api/v1/User/PhoneNumber/', { token });
      expect(phoneInfo.body).toEqual(ok({ currentPhoneNumber: '', newPhoneNumber: { phoneNumber: `***${phone.slice(-4)}` }, confirmCodeLength: 6 }));

      const code = codes.log.events.filter((event) => event.body['phoneNumber'] === phone).pop()?.body['confirmCode'];
      const confirmed = await api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: code } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual(ok({ authToken: expect.any(String) }));
      const previous = token;
      token = confirmed.body.data.authToken;
      expect(token).not.toBe(previous);
      expect((await api.get('/api/v1/user/actions', { token: previous })).status).toBe(401);
      expect(await doneSteps(token)).toEqual(['AcceptTenderOffer', 'ChangePhone']);
      const afterConfirm = await api.get('/api/v1/User/PhoneNumber', { token });
      expect(afterConfirm.body.data).toEqual({ currentPhoneNumber: `***${phone.slice(-4)}`, newPhoneNumber: { phoneNumber: null }, confirmCodeLength: 6 });
    });

    it('5. Password/Set gives a new token', async () => {
      const response = await api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: '111111' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ authToken: expect.any(String) }));
      const previous = token;
      token = response.body.data.authToken;
      expect((await api.get('/api/v1/user/actions', { token: previous })).status).toBe(401);
      expect(await doneSteps(token)).toEqual(['AcceptTenderOffer', 'ChangePhone', 'PasswordRequired']);
    });

    it('6. Questions and Answers complete the questionnaire', async () => {
      await answerQuestionnaire(token);
      expect(await doneSteps(token)).toEqual(['AcceptTenderOffer', 'ChangePhone', 'PasswordRequired', 'Questions']);
    });

    it('7. the physical card is set, EmitVirtual issues nothing more', async () => {
      const status = await api.get('/api/v1/Cards/EmitVirtual', { token });
      expect(status.body).toEqual(ok({ currentCountOfVirtualCards: 1, isVirtualCardEmissionAllowed: false }));

      const set = await api.post('/api/v1/Cards/Set', { token, json: { cardNumber: physicalCard } });
      expect(set.status).toBe(200);
      expect(set.body).toEqual(ok(null));
      expect((await actions(token))['AssignCard']).toEqual({ actionState: 'Required', isDone: true });

      const emit = await api.put('/api/v1/Cards/EmitVirtual', { token });
      expect(emit.status).toBe(200);
      expect(emit.body).toEqual(ok(null));
      expect((await api.get('/api/v1/Cards/EmitVirtual', { token })).body.data).toEqual({ currentCountOfVirtualCards: 1, isVirtualCardEmissionAllowed: false });
    });

    it('8. TryFinishRegistration completes the registration with a new token', async () => {
      const response = await api.post<{ registrationCompleted: boolean; authToken: string }>('/api/v1/Registration/TryFinishRegistration', { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ registrationCompleted: true, authToken: expect.any(String) }));
      const previous = token;
      token = response.body.data.authToken;
      expect((await api.get('/api/v1/user/actions', { token: previous })).status).toBe(401);
      expect((await actions(token))['AssignCard'].isDone).toBe(true);
    });

    it('9. the SMC queue got begin, the attribute updates, both card links, finish and both activations, each with its seed model', async () => {
      const [begin] = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerRegistrationBegin), 1, 'begin');
      const attributes = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerAttributeUpdate), 6, 'attribute updates');
      const links = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardLink), 2, 'card links');
      const [finish] = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerRegistrationFinish), 1, 'finish');
      const activations = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardChangeState), 2, 'activations');
      const all = smc.ofMember(memberId);
      expect(all).toHaveLength(1 + 6 + 2 + 1 + 2);
      expectSeedModels(all);

      expect(begin.body).toMatchObject({ eventCode: 'OnBeginRegistration', customerInfo: { customerId: memberId, applicationId: 2 } });
      expect(attributes.map((event) => [event.body['attributeCode'], event.body['userAttributeType'], event.body['newValue']])).toEqual([
        ['AcceptTenderOffer', 'System', 'true'],
        ['Phone', 'Notifier', phone],
        ['FirstName', 'Questionnaire', 'Иван'],
        ['LastName', 'Questionnaire', 'Петров'],
        ['BirthDate', 'Questionnaire', '1990-05-17'],
        ['Sex', 'Questionnaire', 'Male'],
      ]);
      // The answers of one submission share the activity that caused them.
      expect(new Set(attributes.slice(2).map((event) => event.body['activityUid'])).size).toBe(1);
      expect(links.map((event) => event.body['linkSource'])).toEqual(['Registration', 'UserPortal']);
      expect(links[1].body).toMatchObject({ eventCode: 'OnCardSet', oldCard: null, newCard: { cardNumber: physicalCard, cardCategory: 'VIP', cardState: 'Activating' } });
      expect(finish.body).toMatchObject({ eventCode: 'OnEndRegistration' });
      const activated = activations.map((event) => (event.body['cardInfo'] as { cardNumber: string }).cardNumber).sort();
      expect(activated).toEqual(links.map((event) => (event.body['newCard'] as { cardNumber: string }).cardNumber).sort());
      for (const event of activations) expect(event.body).toMatchObject({ targetState: 'Activated', cardInfo: { cardState: 'Activated' } });

      // One member, one identity in every event.
      const infos = all.map((event) => event.body['customerInfo'] as Record<string, unknown>);
      expect(infos.every((info) => isDeepStrictEqual([info['customerUid'], info['accountgroupId']], [infos[0]['customerUid'], infos[0]['accountgroupId']]))).toBe(true);
      // The registration service publishes in the order things happened.
      const ownOrder = all.filter((event) => !event.routingKey.startsWith('customer.card.')).map((event) => event.routingKey);
      expect(ownOrder[0]).toBe(RoutingKey.CustomerRegistrationBegin);
      expect(ownOrder[ownOrder.length - 1]).toBe(RoutingKey.CustomerRegistrationFinish);
    });

    it('10. the member logs in with phone and password; the new token retires the previous one', async () => {
      const login = await api.post<{ access_token: string }>('/api/v1/token', { form: { grant_type: 'password', username: phone, password: '111111' } });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), result: { state: 'Success' } });
      expect((await api.get('/api/v1/user/actions', { token })).status).toBe(401);
      expect((await api.get('/api/v1/user/actions', { token: login.body['access_token'] as string })).status).toBe(200);
      const wrong = await api.post('/api/v1/token', { json: { grant_type: 'password', username: phone, password: '111112' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.result.state).toBe('Error');
    });

    it('11. BeginRegistration for a registered member answers AlreadyRegistered', async () => {
      const response = await api.post('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ state: 'AlreadyRegistered', errorMessage: expect.any(String), authToken: null });
    });
  });

  describe('scenario 2: by card number, with a virtual card and a linked phone', () => {
    const loginCard = newCardNumber();
    const phone = newPhone();
    let token: string;
    let memberId: number;

    beforeAll(() => importCards(api, [loginCard], 1));

    it('1. BeginRegistration with the card number: Success, the card counts as assigned, no SMS', async () => {
      const response = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: loginCard, password: '' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ state: 'Success', errorMessage: null, authToken: expect.any(String) }));
      token = response.body.data.authToken;
      memberId = Number(tokenClaims(token).sub);
      expect(await doneSteps(token)).toEqual(['AssignCard']);
      const [link] = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardLink), 1, 'the login card link');
      expect(link.body).toMatchObject({ linkSource: 'UserPortal', newCard: { cardNumber: loginCard, cardCategory: 'Standard', cardState: 'Activating' } });
    });

    it('2. AcceptTenderOffer emits the virtual card automatically; EmitVirtual then issues nothing', async () => {
      expect((await api.post('/api/v1/User/AcceptTenderOffer', { token })).status).toBe(200);
      await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardLink, (event) => event.body['linkSource'] === 'Registration'), 1, 'the automatic virtual card');
      const emit = await api.put('/api/v1/Cards/EmitVirtual', { token });
      expect(emit.body).toEqual(ok(null));
      expect((await api.get('/api/v1/Cards/EmitVirtual', { token })).body.data).toEqual({ currentCountOfVirtualCards: 1, isVirtualCardEmissionAllowed: false });
    });

    it('3. PhoneNumber links the phone, its SMS code confirms it and gives a new token', async () => {
      const set = await api.post('/api/v1/User/PhoneNumber', { token, json: { phoneNumber: phone } });
      expect(set.status).toBe(200);
      expect(set.body).toEqual(ok(null));
      const code = await codes.nextCode(phone);
      const info = await api.get('/api/v1/User/PhoneNumber', { token });
      expect(info.body.data).toEqual({ currentPhoneNumber: '', newPhoneNumber: { phoneNumber: `***${phone.slice(-4)}` }, confirmCodeLength: 6 });
      const confirmed = await api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: code } });
      expect(confirmed.status).toBe(200);
      token = confirmed.body.data.authToken;
    });

    it('4. Password/Set and the questionnaire', async () => {
      const password = await api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: '352678' } });
      expect(password.status).toBe(200);
      token = password.body.data.authToken;
      await answerQuestionnaire(token);
      expect(await doneSteps(token)).toEqual(['AcceptTenderOffer', 'ChangePhone', 'PasswordRequired', 'Questions', 'AssignCard']);
    });

    it('5. TryFinishRegistration completes it; both cards are activated; every event has its seed model', async () => {
      const response = await api.post('/api/v1/Registration/TryFinishRegistration', { token });
      expect(response.body).toEqual(ok({ registrationCompleted: true, authToken: expect.any(String) }));
      await smc.waitFor(ofKind(memberId, RoutingKey.CustomerRegistrationFinish), 1, 'finish');
      const activations = await smc.waitFor(ofKind(memberId, RoutingKey.CustomerCardChangeState), 2, 'activations');
      const links = smc.ofMember(memberId).filter((event) => event.routingKey === RoutingKey.CustomerCardLink);
      expect(links).toHaveLength(2);
      expect(activations.map((event) => (event.body['cardInfo'] as { cardNumber: string }).cardNumber).sort()).toEqual(
        links.map((event) => (event.body['newCard'] as { cardNumber: string }).cardNumber).sort(),
      );
      const all = smc.ofMember(memberId);
      expect(all.map((event) => event.routingKey).filter((key) => key === RoutingKey.CustomerRegistrationBegin)).toHaveLength(1);
      expectSeedModels(all);
    });

    it('6. the member logs in with the card number and the password', async () => {
      const login = await api.post('/api/v1/token', { form: { grant_type: 'password', username: loginCard, password: '352678' } });
      expect(login.status).toBe(200);
      const byPhone = await api.post('/api/v1/token', { form: { grant_type: 'password', username: phone, password: '352678' } });
      expect(byPhone.status).toBe(200);
    });
  });

  describe('continuing a registration (seed: "Продолжение регистрации")', () => {
    const phone = newPhone();
    let token: string;

    beforeAll(async () => {
      const begin = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } });
      token = begin.body.data.authToken;
      const confirmed = await api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: await codes.nextCode(phone) } });
      const password = await api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token: confirmed.body.data.authToken, json: { password: 'secret12' } });
      token = password.body.data.authToken;
    });

    it('asks for the password when it is empty: PasswordRequired, "Требуется пароль.", no token', async () => {
      const response = await api.post('/api/v1/Registration/BeginRegistration', { json: { password: '', login: phone } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ state: 'PasswordRequired', errorMessage: 'Требуется пароль.', authToken: null }));
      // Nothing changed: the current token still works.
      expect((await api.get('/api/v1/user/actions', { token })).status).toBe(200);
    });

    it('refuses a wrong password', async () => {
      const response = await api.post('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: 'wrong-password' } });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ data: null, result: { state: 'Error', message: 'Неверный пароль.', validationErrors: null } });
    });

    it('continues with the right password: a new token, the steps done so far kept', async () => {
      const response = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: 'secret12' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ok({ state: 'Success', errorMessage: null, authToken: expect.any(String) }));
      expect((await api.get('/api/v1/user/actions', { token })).status).toBe(401);
      expect(await doneSteps(response.body.data.authToken)).toEqual(['ChangePhone', 'PasswordRequired']);
    });
  });
});
