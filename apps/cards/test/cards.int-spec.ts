import { DataSource } from 'typeorm';
import {
  CARD_LOOKUP_ROUTING_KEY,
  CardLookupReply,
  CardsErrorCode,
  CardsQueue,
  CardsRpc,
  EmitVirtualCardReply,
  FindCardReply,
  ImportCardsReply,
  LinkCardReply,
  loadFixture,
  MemberReference,
  RoutingKey,
  SMC_ROUTING_KEYS,
  seedShapeMismatches,
  validateMessage,
  VirtualCardStatusReply,
  ActivateMemberCardsReply,
  CardChangeReply,
  CardView,
  ListMemberCardsReply,
  ReplaceCardReply,
} from '@loyalty/contracts';
import { EVENTS_EXCHANGE, newMessageId, RpcClient, RpcFault } from '@loyalty/messaging';
import { createTestDatabase, migrateDatabase, TestDatabase } from '@loyalty/persistence';
import { loadConfig } from '@loyalty/runtime';
import { BrokerProbe, ReceivedMessage, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { CardsConfig } from '../src/config/cards.config';
import { cardsDatabase } from '../src/database';
import { isLuhnValid } from '../src/virtual-cards/luhn';

const CONSUMER_QUEUES = [CardsQueue.RegistrationEvents, `${CardsQueue.RegistrationEvents}.error`];

let nextMember = randomInt(1_000_000, 2_000_000);
function newMember(): MemberReference {
  nextMember += 1;
  return { memberId: nextMember, customerUid: randomUUID(), accountId: String(nextMember + 7), identifierId: 900 + (nextMember % 100), applicationId: 2 };
}

function customerInfo(member: MemberReference) {
  return {
    customerId: member.memberId,
    accountgroupId: member.accountId,
    customerCode: member.customerUid,
    mobileDeviceId: null,
    identifierId: member.identifierId,
    applicationId: 1,
  };
}

describe('cards service over RabbitMQ', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let rpc: RpcClient;
  let probe: BrokerProbe;
  let eventsQueue: string;
  const received: ReceivedMessage[] = [];
  const numbers = Array.from({ length: 6 }, () => String(randomInt(100_000_000, 999_999_999)));

  const call = <T>(routingKey: string, payload: object): Promise<T> => rpc.call<T>(routingKey, payload);
  const fault = (promise: Promise<unknown>): Promise<RpcFault> => promise.then(() => { throw new Error('expected a fault'); }, (error) => error);

  /** Card events about one member, in publish order (the test's own input events are left out). */
  async function eventsOf(member: MemberReference): Promise<ReceivedMessage[]> {
    received.push(...(await probe.drain(eventsQueue)));
    return received.filter(
      (message) =>
        message.raw.fields.routingKey.startsWith('customer.card.') &&
        (message.body['customerInfo'] as { customerId?: number } | undefined)?.customerId === member.memberId,
    );
  }

  async function waitForEvents(member: MemberReference, count: number): Promise<ReceivedMessage[]> {
    return waitFor(async () => {
      const events = await eventsOf(member);
      return events.length >= count && events;
    }, { description: `${count} events of member ${member.memberId}` });
  }

  beforeAll(async () => {
    probe = await BrokerProbe.connect();
    await probe.deleteQueues(...CONSUMER_QUEUES);
    eventsQueue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [...SMC_ROUTING_KEYS]);
    database = await createTestDatabase('cards');
    const config = loadConfig(CardsConfig, {
      DATABASE_URL: database.url,
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      EMIT_VIRTUAL_CARD: '1',
      VIRTUAL_CARD_PREFIX: '7788',
      LOG_LEVEL: 'error',
    });
    await migrateDatabase(cardsDatabase(config.DATABASE_URL));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    rpc = app.get(RpcClient);
    await waitFor(() => rpc.call(CardsRpc.FindCard, { cardNumber: '000000' }, 1000).then(() => true), { description: 'cards RPC', timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await app?.close();
    await probe?.deleteQueues(...CONSUMER_QUEUES);
    await probe?.close();
    await database?.drop();
  });

  describe('card pool import', () => {
    it('adds new numbers as Issued cards of the category and reports numbers already known', async () => {
      await expect(call<ImportCardsReply>(CardsRpc.ImportCards, { cardNumbers: numbers.slice(0, 4), categoryId: 2 })).resolves.toEqual({
        imported: 4,
        duplicates: [],
      });
      await expect(call<ImportCardsReply>(CardsRpc.ImportCards, { cardNumbers: numbers.slice(3) })).resolves.toEqual({
        imported: 2,
        duplicates: [numbers[3]],
      });
      const { card } = await call<FindCardReply>(CardsRpc.FindCard, { cardNumber: numbers[0] });
      expect(card).toMatchObject({ cardNumber: numbers[0], cardState: 'Issued', cardCategory: 'VIP', categoryId: 2, memberId: null, isVirtual: false });
      const { card: standard } = await call<FindCardReply>(CardsRpc.FindCard, { cardNumber: numbers[4] });
      expect(standard).toMatchObject({ cardCategory: 'Standard', categoryId: 1 });
    });

    it('rejects an unknown category and malformed numbers', async () => {
      await expect(fault(call(CardsRpc.ImportCards, { cardNumbers: ['12345678'], categoryId: 99 }))).resolves.toMatchObject({
        code: CardsErrorCode.CategoryNotFound,
      });
      await expect(fault(call(CardsRpc.ImportCards, { cardNumbers: ['12ab5678'] }))).resolves.toMatchObject({ code: 'ValidationFailed' });
    });

    it('finds nothing for an unknown number', async () => {
      await expect(call<FindCardReply>(CardsRpc.FindCard, { cardNumber: '1234567890123' })).resolves.toEqual({ card: null });
    });
  });

  describe('linking, virtual cards and activation', () => {
    const member = newMember();

    it('links a pool card as Activating and publishes customer.card.link (SetCard) with the full card model', async () => {
      const reply = await call<LinkCardReply>(CardsRpc.LinkCard, { member, cardNumber: numbers[0], linkSource: 'UserPortal' });
      expect(reply).toMatchObject({ alreadyLinked: false, card: { cardState: 'Activating', memberId: member.memberId, activationDate: null } });
      const [event] = await waitForEvents(member, 1);
      expect(event.raw.fields.routingKey).toBe(RoutingKey.CustomerCardLink);
      expect(event.raw.properties.type).toBe('OnCardSet');
      expect(seedShapeMismatches(event.body, loadFixture('customer.card.link'))).toEqual([]);
      expect(event.body).toMatchObject({
        oldCard: null,
        linkCardType: 'SetCard',
        linkSource: 'UserPortal',
        eventCode: 'OnCardSet',
        newCard: {
          cardNumber: numbers[0],
          cardState: 'Activating',
          cardType: 'General',
          cardCategory: 'VIP',
          barCode: numbers[0],
          strip2: `${numbers[0]}=${numbers[0]}`,
          strip3: `strip=${numbers[0]}`,
          isBlocked: false,
          isDeleted: false,
        },
        customerInfo: {
          customerId: member.memberId,
          accountgroupId: member.accountId,
          customerUid: member.customerUid,
          customerCode: member.customerUid,
          identifierId: member.identifierId,
          applicationId: 2,
          mobileDeviceId: null,
        },
      });
    });

    it('treats linking the same card again as done, without a second event', async () => {
      const reply = await call<LinkCardReply>(CardsRpc.LinkCard, { member, cardNumber: numbers[0], linkSource: 'UserPortal' });
      expect(reply.alreadyLinked).toBe(true);
      await call(CardsRpc.FindCard, { cardNumber: numbers[0] });
      expect(await eventsOf(member)).toHaveLength(1);
    });

    it('answers processing\'s card lookup (cards.card.get) with the card model and its holder', async () => {
      const reply = await call(CARD_LOOKUP_ROUTING_KEY, { cardNumber: numbers[0] });
      expect(validateMessage(CardLookupReply, reply).ok).toBe(true);
      expect(reply).toMatchObject({
        cardNumber: numbers[0],
        cardState: 'Activating',
        cardCategory: 'VIP',
        customerId: member.memberId,
        customerUid: member.customerUid,
        accountgroupId: member.accountId,
      });
      expect(await call(CARD_LOOKUP_ROUTING_KEY, { cardNumber: numbers[5] })).toMatchObject({ customerId: null, customerUid: null, accountgroupId: null });
      await expect(fault(call(CARD_LOOKUP_ROUTING_KEY, { cardNumber: '4444444444' }))).resolves.toMatchObject({ code: CardsErrorCode.CardNotFound });
    });

    it('refuses a card of another member and an unknown card', async () => {
      await expect(fault(call(CardsRpc.LinkCard, { member: newMember(), cardNumber: numbers[0], linkSource: 'UserPortal' }))).resolves.toMatchObject({
        code: CardsErrorCode.CardNotAvailable,
      });
      await expect(fault(call(CardsRpc.LinkCard, { member, cardNumber: '55555555555', linkSource: 'UserPortal' }))).resolves.toMatchObject({
        code: CardsErrorCode.CardNotFound,
      });
    });

    it('emits one Luhn-valid 16-digit virtual card with the prefix, then reports the limit reached', async () => {
      await expect(call<VirtualCardStatusReply>(CardsRpc.VirtualCardStatus, { memberId: member.memberId })).resolves.toEqual({
        currentCountOfVirtualCards: 0,
        isVirtualCardEmissionAllowed: true,
      });
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => call<EmitVirtualCardReply>(CardsRpc.EmitVirtualCard, { member, linkSource: 'Registration', automatic: true })),
      );
      const emitted = replies.filter((reply) => reply.emitted);
      expect(emitted).toHaveLength(1);
      const card = emitted[0].card as CardView;
      expect(card.cardNumber).toMatch(/^7788\d{12}$/);
      expect(isLuhnValid(card.cardNumber)).toBe(true);
      expect(card).toMatchObject({ isVirtual: true, cardState: 'Activating', cardCategory: 'Standard', memberId: member.memberId });

      const events = await waitForEvents(member, 2);
      expect(events[1].body).toMatchObject({ linkSource: 'Registration', linkCardType: 'SetCard', newCard: { cardNumber: card.cardNumber } });
      expect(seedShapeMismatches(events[1].body, loadFixture('customer.card.link'))).toEqual([]);
      await expect(call<VirtualCardStatusReply>(CardsRpc.VirtualCardStatus, { memberId: member.memberId })).resolves.toEqual({
        currentCountOfVirtualCards: 1,
        isVirtualCardEmissionAllowed: false,
      });
    });

    it('activates every card of the member when their registration finishes, once', async () => {
      await probe.publishRaw(
        EVENTS_EXCHANGE,
        RoutingKey.CustomerRegistrationFinish,
        JSON.stringify({ eventCode: 'OnEndRegistration', customerInfo: customerInfo(member) }),
        { messageId: newMessageId(), type: 'OnEndRegistration' },
      );
      const events = await waitForEvents(member, 4);
      const activations = events.slice(2);
      for (const event of activations) {
        expect(event.raw.fields.routingKey).toBe(RoutingKey.CustomerCardChangeState);
        expect(seedShapeMismatches(event.body, loadFixture('customer.card.changeState'))).toEqual([]);
        expect(event.body).toMatchObject({ targetState: 'Activated', eventCode: 'OnCardActivation', cardInfo: { cardState: 'Activated' } });
        expect((event.body['cardInfo'] as { activationDate: string }).activationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      expect(activations.map((event) => (event.body['cardInfo'] as { cardNumber: string }).cardNumber)).toContain(numbers[0]);
      // The synchronous path from registration finds nothing left to do.
      await expect(call<ActivateMemberCardsReply>(CardsRpc.ActivateMemberCards, { member })).resolves.toEqual({ activatedCardIds: [] });
    });

    it('activates a card linked after registration at once', async () => {
      await call<LinkCardReply>(CardsRpc.LinkCard, { member, cardNumber: numbers[1], linkSource: 'CallCenter' });
      const events = await waitForEvents(member, 6);
      expect(events[4].body).toMatchObject({ linkSource: 'CallCenter', newCard: { cardNumber: numbers[1], cardState: 'Activated' } });
      expect(events[5].raw.fields.routingKey).toBe(RoutingKey.CustomerCardChangeState);
    });
  });

  describe('automatic virtual card at AcceptTenderOffer', () => {
    it('emits the card when the offer acceptance event arrives, and only once for a redelivery', async () => {
      const member = newMember();
      const body = JSON.stringify({
        fromBatchOperation: false,
        attributeCode: 'AcceptTenderOffer',
        userAttributeType: 'System',
        attributeId: 1,
        oldValue: null,
        newValue: 'true',
        changeDateTime: '2024-01-01T10:00:00Z',
        activityUid: randomUUID(),
        eventCode: 'OnCustomerAttributeUpdate',
        customerInfo: customerInfo(member),
      });
      await probe.publishRaw(EVENTS_EXCHANGE, RoutingKey.CustomerAttributeUpdate, body, { messageId: newMessageId() });
      await probe.publishRaw(EVENTS_EXCHANGE, RoutingKey.CustomerAttributeUpdate, body, { messageId: newMessageId() });
      const events = await waitForEvents(member, 1);
      expect(events[0].body).toMatchObject({ linkSource: 'Registration', newCard: { cardState: 'Activating' }, customerInfo: { applicationId: 1 } });
      await waitFor(async () => (await probe.depth(CardsQueue.RegistrationEvents)) === 0, { description: 'both events consumed' });
      await expect(call<VirtualCardStatusReply>(CardsRpc.VirtualCardStatus, { memberId: member.memberId })).resolves.toMatchObject({
        currentCountOfVirtualCards: 1,
      });
      expect(await eventsOf(member)).toHaveLength(1);
    });
  });

  describe('card lifecycle under concurrency', () => {
    const lifecycleNumbers = Array.from({ length: 4 }, () => String(randomInt(100_000_000, 999_999_999)));

    beforeAll(async () => {
      await call<ImportCardsReply>(CardsRpc.ImportCards, { cardNumbers: lifecycleNumbers, categoryId: 2 });
    });

    it('five concurrent blocks of one card: one changes it and publishes, the others are no-ops', async () => {
      const member = newMember();
      const { card } = await call<LinkCardReply>(CardsRpc.LinkCard, { member, cardNumber: lifecycleNumbers[0], linkSource: 'UserPortal' });
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => call<CardChangeReply>(CardsRpc.ChangeBlockState, { cardId: card.cardId, member, targetBlockState: true })),
      );
      expect(replies.filter((reply) => reply.changed)).toHaveLength(1);
      expect(replies.every((reply) => reply.card.isBlocked)).toBe(true);
      // Every reply is sent after its transaction committed, so the outbox already holds every
      // event these calls produced: count them there, exactly, with no waiting.
      const [{ count }] = await app
        .get(DataSource)
        .query(`SELECT count(*)::int AS count FROM outbox_message WHERE routing_key = $1 AND (payload::json -> 'cardInfo' ->> 'cardId')::int = $2`, [
          RoutingKey.CustomerCardChangeBlockState,
          card.cardId,
        ]);
      expect(count).toBe(1);
      const events = await waitForEvents(member, 2);
      const blocks = events.filter((event) => event.raw.fields.routingKey === RoutingKey.CustomerCardChangeBlockState);
      expect(blocks).toHaveLength(1);
      expect(seedShapeMismatches(blocks[0].body, loadFixture('customer.card.changeBlockState'))).toEqual([]);
      expect(events[0].raw.fields.routingKey).toBe(RoutingKey.CustomerCardLink);
    });

    it('two concurrent replacements of one card: exactly one wins', async () => {
      const member = newMember();
      const { card } = await call<LinkCardReply>(CardsRpc.LinkCard, { member, cardNumber: lifecycleNumbers[1], linkSource: 'UserPortal' });
      const outcomes = await Promise.allSettled(
        [lifecycleNumbers[2], lifecycleNumbers[3]].map((newCardNumber) =>
          call<ReplaceCardReply>(CardsRpc.ReplaceCard, { cardId: card.cardId, member, newCardNumber, linkSource: 'UserPortal' }),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: CardsErrorCode.CardStateConflict });
      const { cards } = await call<ListMemberCardsReply>(CardsRpc.ListMemberCards, { memberId: member.memberId });
      expect(cards.map((held) => held.cardState).sort()).toEqual(['Activating', 'Replaced']);
      const replaceEvents = (await waitForEvents(member, 2)).filter((event) => event.raw.properties.type === 'OnCardReplace');
      expect(replaceEvents).toHaveLength(1);
      expect(seedShapeMismatches(replaceEvents[0].body, loadFixture('customer.card.link'))).toEqual([]);
    });
  });
});

