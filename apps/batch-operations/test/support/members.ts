import {
  BalanceReply,
  cardDetailsOf,
  CardLinkedEvent,
  EventCode,
  HistoryReply,
  LOYALTY_EVENTS_EXCHANGE,
  MembersResolveReply,
  PROCESSING_MEMBERS_RESOLVE,
  ProcessingRpc,
  RoutingKey,
} from '@loyalty/contracts';
import { newMessageId, RpcClient } from '@loyalty/messaging';
import { BrokerProbe, waitFor } from '@loyalty/testing';
import { randomInt, randomUUID } from 'node:crypto';

/** A member as processing learns it from the cards service's events, with one card. */
export interface TestMember {
  customerId: number;
  customerUid: string;
  accountgroupId: string;
  cardNumber: string;
  cardId: number;
}

export function newMember(): TestMember {
  const customerId = randomInt(1_000_000, 2_000_000_000);
  return {
    customerId,
    customerUid: randomUUID(),
    accountgroupId: String(customerId),
    cardNumber: `66${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e5)).padStart(5, '0')}`,
    cardId: randomInt(1, 2_000_000_000),
  };
}

/**
 * Tells processing about the members the way the cards service does: a `customer.card.link`
 * event (SetCard) per member on `loyalty.events`. Resolves once processing knows every card.
 */
export async function linkMembers(rpc: RpcClient, members: TestMember[]): Promise<void> {
  const probe = await BrokerProbe.connect();
  try {
    for (const member of members) {
      const body: CardLinkedEvent = {
        newCard: cardDetailsOf({
          cardId: member.cardId,
          cardNumber: member.cardNumber,
          cardState: 'Activated',
          activationDate: null,
          cardCategory: 'Standard',
          isBlocked: false,
          isDeleted: false,
        }),
        oldCard: null,
        linkSource: 'Pos',
        linkCardType: 'SetCard',
        customerInfo: {
          customerId: member.customerId,
          customerUid: member.customerUid,
          customerCode: member.customerUid,
          accountgroupId: member.accountgroupId,
          mobileDeviceId: null,
          identifierId: null,
          applicationId: null,
        },
        eventCode: EventCode.OnCardSet,
      };
      const messageId = newMessageId();
      await probe.publishRaw(
        LOYALTY_EVENTS_EXCHANGE,
        RoutingKey.CustomerCardLink,
        JSON.stringify({ ...body, externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false }),
        { messageId, type: EventCode.OnCardSet, persistent: true },
      );
    }
  } finally {
    await probe.close();
  }
  const cardNumbers = members.map((member) => member.cardNumber);
  for (let start = 0; start < cardNumbers.length; start += 5000) {
    const part = cardNumbers.slice(start, start + 5000);
    await waitFor(
      async () => (await rpc.call<MembersResolveReply>(PROCESSING_MEMBERS_RESOLVE, { memberNos: part }, 15_000)).unknown.length === 0,
      { timeoutMs: 60_000, intervalMs: 200, description: 'processing to know the linked cards' },
    );
  }
}

export async function balanceOf(rpc: RpcClient, member: TestMember): Promise<number> {
  const reply = await rpc.call<BalanceReply>(ProcessingRpc.Balance, { identifier: { type: 'Card', value: member.cardNumber } });
  return reply.amount;
}

export async function historyOf(rpc: RpcClient, member: TestMember): Promise<HistoryReply> {
  const toDate = new Date(Date.now() + 86_400_000).toISOString();
  return rpc.call<HistoryReply>(ProcessingRpc.History, { customerId: member.customerId, toDate, fromDate: '2000-01-01T00:00:00Z', count: 100 });
}
