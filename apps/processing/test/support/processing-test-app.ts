import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  cardDetailsOf,
  CardDetails,
  CardLinkedEvent,
  EventCode,
  InternalRoutingKey,
  LOYALTY_EVENTS_EXCHANGE,
  LoyaltyGroupChangedEvent,
  MerchantContext,
  ProcessingRpc,
  RoutingKey,
} from '@loyalty/contracts';
import { newMessageId, RpcClient, RpcFault } from '@loyalty/messaging';
import { createTestDatabase, migrateDatabase, TestDatabase } from '@loyalty/persistence';
import { loadConfig } from '@loyalty/runtime';
import { BrokerProbe, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { ProcessingConfig } from '../../src/config/processing.config';
import { processingDatabase } from '../../src/database/processing-database';

export interface ProcessingHarness {
  app: INestApplication;
  database: TestDatabase;
  rpc: RpcClient;
  probe: BrokerProbe;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * One processing app per test file, in-process, against a fresh migrated database and the real
 * broker. `providers` may add test-only servers (e.g. a fake `cards.card.get`).
 */
export async function startProcessing(env: Record<string, string> = {}, providers: Type[] = []): Promise<ProcessingHarness> {
  const database = await createTestDatabase('processing');
  await migrateDatabase(processingDatabase(database.url));
  const config = loadConfig(ProcessingConfig, {
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    LOG_LEVEL: 'error',
    EXPIRY_JOB_INTERVAL_MS: '0',
    CARD_LOOKUP_TIMEOUT_MS: '500',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, { testing: true })], providers }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  const probe = await BrokerProbe.connect();
  return {
    app,
    database,
    rpc: app.get(RpcClient),
    probe,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await probe.close();
      await database.drop();
    },
  };
}

/** The caller's reply, or the RPC error it got (code, message, details). */
export async function outcome<T>(call: Promise<T>): Promise<{ ok: true; data: T } | { ok: false; code: string; details: Record<string, unknown> }> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    if (error instanceof RpcFault) return { ok: false, code: error.code, details: (error.details ?? {}) as Record<string, unknown> };
    throw error;
  }
}

export async function refusalCode(call: Promise<unknown>): Promise<string> {
  const result = await outcome(call);
  if (result.ok) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.code;
}

export const MERCHANT: MerchantContext = {
  merchantId: 17,
  merchantUid: 'b984731d-4597-431f-a70b-61250392c6a3',
  merchantCode: null,
  deviceCode: '001010',
  partnerId: 'd1f94a6c-0d33-4cf2-79ab-9248f3dd2547',
  brandId: '82013554-3dd3-4e08-5a73-e8354f45ffa6',
  locationId: null,
  description: 'Noname POS',
};

export const APPLICATION_ID = 5;

export interface TestMember {
  customerId: number;
  customerUid: string;
  accountgroupId: string;
}

export interface TestCard {
  cardNumber: string;
  cardId: number;
  cardState?: string;
  category?: string;
  isBlocked?: boolean;
  isDeleted?: boolean;
}

export function newMember(): TestMember {
  const customerId = randomInt(1_000_000, 2_000_000_000);
  return { customerId, customerUid: randomUUID(), accountgroupId: String(customerId) };
}

export function newCardNumber(): string {
  return `77${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e5)).padStart(5, '0')}`;
}

function cardDetails(card: TestCard): CardDetails {
  return cardDetailsOf({
    cardId: card.cardId,
    cardNumber: card.cardNumber,
    cardState: (card.cardState ?? 'Activated') as CardDetails['cardState'],
    activationDate: null,
    cardCategory: card.category ?? 'Standard',
    isBlocked: card.isBlocked ?? false,
    isDeleted: card.isDeleted ?? false,
  });
}

function customerInfo(member: TestMember) {
  return { ...member, customerCode: member.customerUid, mobileDeviceId: null, identifierId: null, applicationId: null };
}

/** Publishes an event the way a producing service's relay would: persistent, with a messageId. */
export async function publishEvent(probe: BrokerProbe, routingKey: string, eventCode: string, body: object): Promise<void> {
  const messageId = newMessageId();
  await probe.publishRaw(LOYALTY_EVENTS_EXCHANGE, routingKey, JSON.stringify({ ...body, externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false }), {
    messageId,
    type: eventCode,
    persistent: true,
  });
}

/** A card linked to the member (SetCard), fed to the projection through the real queue. */
export async function linkCard(harness: ProcessingHarness, member: TestMember, card: TestCard): Promise<void> {
  const body: CardLinkedEvent = {
    newCard: cardDetails(card),
    oldCard: null,
    linkSource: 'Pos',
    linkCardType: 'SetCard',
    customerInfo: customerInfo(member),
    eventCode: EventCode.OnCardSet,
  };
  await publishEvent(harness.probe, RoutingKey.CustomerCardLink, EventCode.OnCardSet, body);
  await waitForCard(harness, card.cardNumber, (row) => row.complete === true && row.card_state === (card.cardState ?? 'Activated'));
}

export async function blockCard(harness: ProcessingHarness, member: TestMember, card: TestCard, blocked: boolean): Promise<void> {
  await publishEvent(harness.probe, RoutingKey.CustomerCardChangeBlockState, EventCode.OnBlockCard, {
    targetBlockState: blocked,
    cardInfo: { cardId: card.cardId, cardNumber: card.cardNumber },
    customerInfo: customerInfo(member),
    eventCode: EventCode.OnBlockCard,
  });
  await waitForCard(harness, card.cardNumber, (row) => row.is_blocked === blocked);
}

export async function deleteCard(harness: ProcessingHarness, member: TestMember, card: TestCard): Promise<void> {
  await publishEvent(harness.probe, RoutingKey.CustomerCardChangeDeleteState, EventCode.OnDeleteCard, {
    targetDeleteState: true,
    cardId: card.cardId,
    cardNumber: card.cardNumber,
    customerInfo: customerInfo(member),
    eventCode: EventCode.OnDeleteCard,
  });
  await waitForCard(harness, card.cardNumber, (row) => row.is_deleted === true);
}

export async function activateCard(harness: ProcessingHarness, member: TestMember, card: TestCard): Promise<void> {
  await publishEvent(harness.probe, RoutingKey.CustomerCardChangeState, EventCode.OnCardActivation, {
    cardInfo: cardDetails({ ...card, cardState: 'Activated' }),
    targetState: 'Activated',
    customerInfo: customerInfo(member),
    eventCode: EventCode.OnCardActivation,
  });
  await waitForCard(harness, card.cardNumber, (row) => row.card_state === 'Activated');
}

export async function changeLoyaltyGroup(harness: ProcessingHarness, group: LoyaltyGroupChangedEvent): Promise<void> {
  await publishEvent(harness.probe, InternalRoutingKey.CardsLoyaltyGroupChanged, 'OnLoyaltyGroupChange', group);
  await waitFor(
    async () => {
      const rows: Array<{ title: string; loyalty_quantity: string }> = await harness.dataSource.query(
        `SELECT title, loyalty_quantity FROM loyalty_group WHERE id = $1`,
        [group.id],
      );
      return rows[0]?.title === group.title && Number(rows[0].loyalty_quantity) === group.loyaltyQuantity;
    },
    { description: `loyalty group ${group.id} to be applied` },
  );
}

async function waitForCard(harness: ProcessingHarness, cardNumber: string, done: (row: Record<string, unknown>) => boolean): Promise<void> {
  await waitFor(
    async () => {
      const rows: Array<Record<string, unknown>> = await harness.dataSource.query(`SELECT * FROM card_projection WHERE card_number = $1`, [cardNumber]);
      return rows[0] !== undefined && done(rows[0]);
    },
    { description: `card ${cardNumber} in the projection` },
  );
}

export async function accrue(harness: ProcessingHarness, member: TestMember, amount: number, extra: Record<string, unknown> = {}): Promise<void> {
  await harness.rpc.call(ProcessingRpc.Accrue, {
    idempotencyKey: randomUUID(),
    member: { customerUid: member.customerUid },
    amount,
    description: 'Стартовые бонусы',
    ...extra,
  });
}

/** Balance == Σ ledger entries, held == Σ active holds, Σ lot remaining == max(balance, 0). */
export async function ledgerInvariants(harness: ProcessingHarness, customerId: number) {
  const [row]: Array<Record<string, string>> = await harness.dataSource.query(
    `SELECT a.balance::text AS balance, a.held::text AS held,
            (SELECT COALESCE(SUM(amount), 0)::numeric(19,4)::text FROM ledger_entry WHERE account_id = a.id) AS entries,
            (SELECT COALESCE(SUM(amount), 0)::numeric(19,4)::text FROM payment_hold WHERE account_id = a.id AND state = 'Held') AS holds,
            (SELECT COALESCE(SUM(remaining), 0)::numeric(19,4)::text FROM accrual_lot WHERE account_id = a.id) AS lots
     FROM account a WHERE a.customer_id = $1 AND a.currency_id = 1`,
    [customerId],
  );
  return row;
}
