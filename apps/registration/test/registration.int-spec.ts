import {
  BeginRegistrationReply,
  CardsRpc,
  CardView,
  EmitVirtualCardRequest,
  FinishRegistrationReply,
  FindCardRequest,
  InternalRoutingKey,
  LinkCardRequest,
  loadFixture,
  MemberSession,
  RegistrationRpc,
  RoutingKey,
  seedShapeMismatches,
  SessionGrant,
  SMC_ROUTING_KEYS,
  UserActionsReply,
  ActivateMemberCardsRequest,
  PhoneNumberReply,
  EmailReply,
} from '@loyalty/contracts';
import { EVENTS_EXCHANGE, RpcClient, RpcFault, RpcHandler } from '@loyalty/messaging';
import { createTestDatabase, migrateDatabase, TestDatabase } from '@loyalty/persistence';
import { loadConfig } from '@loyalty/runtime';
import { BrokerProbe, ReceivedMessage, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { RegistrationConfig } from '../src/config/registration.config';
import { registrationDatabase } from '../src/database';

// The registration service's RPC handlers through the real broker and a test database. The cards
// service is stood in for by a small in-memory server on the cards routing keys.

const LOGIN_CARD = '9116580844911085';

@Injectable()
class FakeCardsServer {
  readonly links: LinkCardRequest[] = [];
  readonly emissions: EmitVirtualCardRequest[] = [];
  readonly activations: ActivateMemberCardsRequest[] = [];
  down = false;

  private card(number: string, memberId: number | null): CardView {
    return {
      cardId: 1,
      cardNumber: number,
      cardState: 'Issued',
      activationDate: null,
      cardType: 'General',
      cardCategory: 'Standard',
      barCode: number,
      strip1: number,
      strip2: `${number}=${number}`,
      strip3: `strip=${number}`,
      isBlocked: false,
      isDeleted: false,
      categoryId: 1,
      isVirtual: false,
      memberId,
    };
  }

  @RpcHandler({ routingKey: CardsRpc.FindCard, request: FindCardRequest })
  async find(request: FindCardRequest) {
    if (request.cardNumber !== LOGIN_CARD) return { card: null };
    const holder = this.links.find((link) => link.cardNumber === LOGIN_CARD)?.member.memberId ?? null;
    return { card: this.card(LOGIN_CARD, holder) };
  }

  @RpcHandler({ routingKey: CardsRpc.LinkCard, request: LinkCardRequest })
  async link(request: LinkCardRequest) {
    // A service that is down answers nothing: the reply comes after the caller gave up.
    if (this.down) await new Promise((resolve) => setTimeout(resolve, 1500));
    if (!request.cardNumber.startsWith('9116')) throw new RpcFault('CardNotFound', 'Карта не найдена.');
    this.links.push(request);
    return { card: this.card(request.cardNumber, request.member.memberId), alreadyLinked: false };
  }

  @RpcHandler({ routingKey: CardsRpc.EmitVirtualCard, request: EmitVirtualCardRequest })
  async emit(request: EmitVirtualCardRequest) {
    this.emissions.push(request);
    return { emitted: !request.automatic, card: null };
  }

  @RpcHandler({ routingKey: CardsRpc.ActivateMemberCards, request: ActivateMemberCardsRequest })
  async activate(request: ActivateMemberCardsRequest) {
    this.activations.push(request);
    return { activatedCardIds: [] };
  }
}

const newPhone = () => `79${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

describe('registration service over RabbitMQ', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let rpc: RpcClient;
  let cards: FakeCardsServer;
  let probe: BrokerProbe;
  let eventsQueue: string;
  let notificationsQueue: string;
  const events: ReceivedMessage[] = [];
  const notifications: ReceivedMessage[] = [];

  const call = <T>(routingKey: string, payload: object): Promise<T> => rpc.call<T>(routingKey, payload);
  const fault = (promise: Promise<unknown>): Promise<RpcFault> =>
    promise.then(
      () => {
        throw new Error('expected a fault');
      },
      (error) => error,
    );

  async function codeFor(destination: string, count = 1): Promise<string> {
    const sent = await waitFor(async () => {
      notifications.push(...(await probe.drain(notificationsQueue)));
      const found = notifications.filter((message) => (message.body['phoneNumber'] ?? message.body['email']) === destination);
      return found.length >= count && found;
    }, { description: `code ${count} for ${destination}` });
    return sent[count - 1].body['confirmCode'] as string;
  }

  async function eventsOf(memberId: number, routingKey: string, count: number): Promise<ReceivedMessage[]> {
    return waitFor(async () => {
      events.push(...(await probe.drain(eventsQueue)));
      const found = events.filter(
        (message) => message.raw.fields.routingKey === routingKey && (message.body['customerInfo'] as { customerId: number }).customerId === memberId,
      );
      return found.length >= count && found;
    }, { description: `${count} ${routingKey} of member ${memberId}` });
  }

  async function begin(login = newPhone()): Promise<{ login: string; memberId: number; tokenVersion: number }> {
    const reply = await call<BeginRegistrationReply>(RegistrationRpc.Begin, { login, password: '', applicationId: 2 });
    if (reply.state !== 'Success' || !reply.session) throw new Error(`BeginRegistration answered ${JSON.stringify(reply)}`);
    return { login, memberId: reply.session.memberId, tokenVersion: reply.session.tokenVersion };
  }

  beforeAll(async () => {
    probe = await BrokerProbe.connect();
    eventsQueue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [...SMC_ROUTING_KEYS]);
    notificationsQueue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [InternalRoutingKey.NotificationsSmsRequested, InternalRoutingKey.NotificationsEmailRequested]);
    database = await createTestDatabase('registration');
    const config = loadConfig(RegistrationConfig, {
      DATABASE_URL: database.url,
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      MAIN_CARD_ASSIGNING_REQUIRED: '1',
      CONFIRM_CODE_SECRET: 'integration-test-confirm-code-secret-00001',
      CARDS_RPC_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'error',
    });
    await migrateDatabase(registrationDatabase(config.DATABASE_URL));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)], providers: [FakeCardsServer] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    rpc = app.get(RpcClient);
    cards = app.get(FakeCardsServer);
    await waitFor(() => rpc.call(RegistrationRpc.ListActions, { memberId: 1 }, 1000).catch((error) => error instanceof RpcFault && error.code !== 'Timeout'), {
      description: 'registration RPC',
      timeoutMs: 20_000,
    });
  });

  afterAll(async () => {
    await app?.close();
    await probe?.close();
    await database?.drop();
  });

  it('creates a member for a new phone, sends the first code, and publishes the begin event', async () => {
    const { login, memberId, tokenVersion } = await begin();
    expect(tokenVersion).toBe(1);
    expect(await codeFor(login)).toMatch(/^\d{6}$/);
    const [sms] = notifications.filter((message) => message.body['phoneNumber'] === login);
    expect(sms.raw.fields.routingKey).toBe('notifications.sms.requested');
    expect(sms.body).toMatchObject({ eventCode: 'SmsNotificationRequested', purpose: 'PhoneConfirmation', customerId: memberId });
    const [event] = await eventsOf(memberId, RoutingKey.CustomerRegistrationBegin, 1);
    expect(seedShapeMismatches(event.body, loadFixture('customer.registration.begin'))).toEqual([]);
    expect(event.body['customerInfo']).toMatchObject({ customerId: memberId, identifierId: expect.any(Number), applicationId: 2, mobileDeviceId: null });
    // The code is stored only as a keyed hash.
    const rows = await app.get(DataSource).query(`SELECT code_hash FROM confirmation_code WHERE member_id = $1`, [memberId]);
    expect(rows[0].code_hash).not.toContain(await codeFor(login));
  });

  it('resumes the same member for two simultaneous first requests with one phone', async () => {
    const login = newPhone();
    const [first, second] = await Promise.all([1, 2].map(() => call<BeginRegistrationReply>(RegistrationRpc.Begin, { login, password: '', applicationId: 2 })));
    expect(first.session?.memberId).toBe(second.session?.memberId);
    expect([first.session?.tokenVersion, second.session?.tokenVersion].sort()).toEqual([1, 2]);
  });

  it('keeps only the newest token version valid', async () => {
    const { login, memberId } = await begin();
    const resumed = await call<BeginRegistrationReply>(RegistrationRpc.Begin, { login, password: '', applicationId: 2 });
    expect(resumed.session).toEqual({ memberId, tokenVersion: 2 });
    await expect(fault(call(RegistrationRpc.VerifySession, { memberId, tokenVersion: 1 }))).resolves.toMatchObject({ code: 'SessionSuperseded' });
    await expect(call<MemberSession>(RegistrationRpc.VerifySession, { memberId, tokenVersion: 2 })).resolves.toMatchObject({
      memberId,
      state: 'Registering',
      accountId: expect.stringMatching(/^\d+$/),
    });
  });

  it('takes a member through every step to Registered', async () => {
    const { login, memberId } = await begin();
    await call(RegistrationRpc.AcceptTenderOffer, { memberId, applicationId: 2 });
    expect(cards.emissions.filter((request) => request.member.memberId === memberId)).toEqual([
      expect.objectContaining({ automatic: true, linkSource: 'Registration' }),
    ]);
    await expect(fault(call(RegistrationRpc.AcceptTenderOffer, { memberId, applicationId: 2 }))).resolves.toMatchObject({ code: 'StepAlreadyDone' });

    await expect(call<PhoneNumberReply>(RegistrationRpc.GetPhoneNumber, { memberId })).resolves.toEqual({
      currentPhoneNumber: '',
      newPhoneNumber: { phoneNumber: `***${login.slice(-4)}` },
      confirmCodeLength: 6,
    });
    const code = await codeFor(login);
    await expect(fault(call(RegistrationRpc.SendPhoneConfirmCode, { memberId }))).resolves.toMatchObject({
      code: 'ConfirmCodeResendTooEarly',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    await expect(call<SessionGrant>(RegistrationRpc.ConfirmPhoneNumber, { memberId, confirmCode: code, applicationId: 2 })).resolves.toEqual({
      memberId,
      tokenVersion: 2,
    });
    await expect(call<SessionGrant>(RegistrationRpc.SetPassword, { memberId, password: '111111' })).resolves.toEqual({ memberId, tokenVersion: 3 });

    const email = `member${memberId}@example.com`;
    await call(RegistrationRpc.SetEmail, { memberId, email: email.toUpperCase() });
    await expect(call<EmailReply>(RegistrationRpc.GetEmail, { memberId })).resolves.toEqual({ currentEmail: null, newEmail: { email }, confirmCodeLength: 6 });
    await call(RegistrationRpc.ConfirmEmail, { memberId, confirmCode: await codeFor(email), applicationId: 2 });

    await call(RegistrationRpc.SubmitAnswers, {
      memberId,
      applicationId: 2,
      answers: [
        { groupID: null, id: 1, value: 'Анна', selected: false },
        { groupID: null, id: 2, value: 'Смирнова', selected: false },
        { groupID: null, id: 7, value: '14.02.1985', selected: false },
        { groupID: 5, id: 2, value: null, selected: true },
      ],
    });
    const unfinished = await call<FinishRegistrationReply>(RegistrationRpc.Finish, { memberId, applicationId: 2 });
    expect(unfinished).toEqual({ registrationCompleted: false, session: null, missingSteps: ['AssignCard'] });

    await expect(fault(call(RegistrationRpc.AssignCard, { memberId, cardNumber: '1234567890', applicationId: 2 }))).resolves.toMatchObject({ code: 'CardNotFound' });
    await call(RegistrationRpc.AssignCard, { memberId, cardNumber: '9116000000000001', applicationId: 2 });
    expect(cards.links.at(-1)).toMatchObject({ linkSource: 'UserPortal', member: { memberId, applicationId: 2, identifierId: expect.any(Number) } });

    const { actions } = await call<UserActionsReply>(RegistrationRpc.ListActions, { memberId });
    expect(actions.every((action) => action.isDone)).toBe(true);
    const finished = await call<FinishRegistrationReply>(RegistrationRpc.Finish, { memberId, applicationId: 2 });
    expect(finished).toEqual({ registrationCompleted: true, session: { memberId, tokenVersion: 4 }, missingSteps: [] });
    expect(cards.activations.map((request) => request.member.memberId)).toContain(memberId);

    const attributes = await eventsOf(memberId, RoutingKey.CustomerAttributeUpdate, 7);
    expect(attributes.map((event) => [event.body['attributeCode'], event.body['newValue'], event.body['attributeId']])).toEqual([
      ['AcceptTenderOffer', 'true', 1],
      ['Phone', login, 3],
      ['Email', email, 2],
      ['FirstName', 'Анна', 101],
      ['LastName', 'Смирнова', 102],
      ['BirthDate', '1985-02-14', 107],
      ['Sex', 'Female', 105],
    ]);
    for (const event of attributes) expect(seedShapeMismatches(event.body, loadFixture('customer.attribute.update'))).toEqual([]);
    const [finish] = await eventsOf(memberId, RoutingKey.CustomerRegistrationFinish, 1);
    expect(seedShapeMismatches(finish.body, loadFixture('customer.registration.finish'))).toEqual([]);

    const again = await call<BeginRegistrationReply>(RegistrationRpc.Begin, { login, password: '', applicationId: 2 });
    expect(again).toEqual({ state: 'AlreadyRegistered', errorMessage: 'Участник уже зарегистрирован.', session: null });
    await expect(call<SessionGrant>(RegistrationRpc.Login, { login, password: '111111' })).resolves.toEqual({ memberId, tokenVersion: 5 });
    await expect(fault(call(RegistrationRpc.Login, { login, password: '111112' }))).resolves.toMatchObject({ code: 'InvalidCredentials' });
    await expect(fault(call(RegistrationRpc.Login, { login: newPhone(), password: '111111' }))).resolves.toMatchObject({ code: 'InvalidCredentials' });
  }, 30_000);

  it('registers with a card number: the card is linked and AssignCard is done', async () => {
    const { memberId } = await begin(LOGIN_CARD);
    await waitFor(() => cards.links.some((link) => link.cardNumber === LOGIN_CARD && link.member.memberId === memberId), { description: 'the login card link' });
    const { actions } = await call<UserActionsReply>(RegistrationRpc.ListActions, { memberId });
    expect(actions.find((action) => action.userActionType === 'AssignCard')).toEqual({ userActionType: 'AssignCard', actionState: 'Required', isDone: true });
    expect(notifications.filter((message) => message.body['customerId'] === memberId)).toHaveLength(0);
    // The card is now someone's: a second registration with it resumes that member.
    const again = await call<BeginRegistrationReply>(RegistrationRpc.Begin, { login: LOGIN_CARD, password: '', applicationId: 2 });
    expect(again.session?.memberId).toBe(memberId);
  });

  it('counts wrong codes, locks the code at the fifth, and refuses an expired one', async () => {
    const { login, memberId } = await begin();
    const code = await codeFor(login);
    const wrong = code === '999999' ? '000000' : '999999';
    const outcomes = [];
    for (let attempt = 0; attempt < 5; attempt += 1) outcomes.push(await fault(call(RegistrationRpc.ConfirmPhoneNumber, { memberId, confirmCode: wrong })));
    expect(outcomes.map((outcome) => outcome.code)).toEqual(['ConfirmCodeInvalid', 'ConfirmCodeInvalid', 'ConfirmCodeInvalid', 'ConfirmCodeInvalid', 'ConfirmCodeLocked']);
    await expect(fault(call(RegistrationRpc.ConfirmPhoneNumber, { memberId, confirmCode: code }))).resolves.toMatchObject({ code: 'ConfirmCodeLocked' });

    const other = await begin();
    const otherCode = await codeFor(other.login);
    await app.get(DataSource).query(`UPDATE confirmation_code SET expires_at = now() WHERE member_id = $1`, [other.memberId]);
    await expect(fault(call(RegistrationRpc.ConfirmPhoneNumber, { memberId: other.memberId, confirmCode: otherCode }))).resolves.toMatchObject({
      code: 'ConfirmCodeExpired',
    });
  });

  it('refuses a phone number another member already uses', async () => {
    const taken = await begin();
    const { memberId } = await begin();
    await expect(fault(call(RegistrationRpc.SetPhoneNumber, { memberId, phoneNumber: taken.login }))).resolves.toMatchObject({ code: 'PhoneNumberInUse' });
  });

  it('rejects an invalid request before any work', async () => {
    await expect(fault(call(RegistrationRpc.Begin, { login: '12', password: '' }))).resolves.toMatchObject({ code: 'ValidationFailed' });
    await expect(fault(call(RegistrationRpc.SubmitAnswers, { memberId: 1, answers: [{ id: 'x' }] }))).resolves.toMatchObject({ code: 'ValidationFailed' });
  });

  it('answers CardsUnavailable when cards does not answer a step that needs it', async () => {
    const { memberId } = await begin();
    cards.down = true;
    try {
      await expect(fault(call(RegistrationRpc.AssignCard, { memberId, cardNumber: '9116000000000002' }))).resolves.toMatchObject({ code: 'CardsUnavailable' });
    } finally {
      cards.down = false;
    }
  });
});
