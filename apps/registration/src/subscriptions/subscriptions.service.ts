import {
  CustomerSubscriptionChangedEvent,
  EventCode,
  MemberSubscription,
  RegistrationErrorCode,
  RoutingKey,
  SetSubscriptionReply,
  SetSubscriptionRequest,
  SubscriptionChannelStates,
  SubscriptionsReply,
} from '@loyalty/contracts';
import { Outbox, RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { customerInfoOf, loadMember, lockMember } from '../members/members';
import { applyChannelChange, channelsOf, SUBSCRIPTION_TYPES, SubscriptionType } from './subscription-types';

/**
 * `User/Subscriptions`: the member's channels per subscription type. A change that switches at
 * least one channel stores the channels and publishes one `customer.subscription.update` with all
 * of them, in one transaction under the member's lock; asking for the current states changes nothing.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async list(memberId: number): Promise<SubscriptionsReply> {
    const manager = this.dataSource.manager;
    await loadMember(manager, memberId);
    const stored = await this.storedChannels(manager, memberId);
    return { subscriptions: SUBSCRIPTION_TYPES.map((type) => view(type, channelsOf(stored.get(type.id)))) };
  }

  async set(request: SetSubscriptionRequest): Promise<SetSubscriptionReply> {
    const type = SUBSCRIPTION_TYPES.find((candidate) => candidate.id === request.subscriptionTypeId);
    if (!type) throw new RpcFault(RegistrationErrorCode.SubscriptionTypeNotFound, `Тип подписки ${request.subscriptionTypeId} не найден.`);
    return this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, request.memberId);
      const current = channelsOf((await this.storedChannels(manager, member.id)).get(type.id));
      const { channels, changed } = applyChannelChange(current, request.subscriptionInfo);
      const subscription = view(type, channels);
      if (!changed) return { subscription, changed: false };
      await manager.query(
        `INSERT INTO member_subscription (member_id, subscription_type_id, channels) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (member_id, subscription_type_id) DO UPDATE SET channels = EXCLUDED.channels, updated_at = now()`,
        [member.id, type.id, JSON.stringify(channels)],
      );
      const body: CustomerSubscriptionChangedEvent = {
        ...subscription,
        eventCode: EventCode.OnCustomerSubscriptionChange,
        customerInfo: customerInfoOf(member, request.applicationId),
      };
      await this.outbox.add(manager, { routingKey: RoutingKey.CustomerSubscriptionUpdate, eventCode: EventCode.OnCustomerSubscriptionChange, body });
      return { subscription, changed: true };
    });
  }

  private async storedChannels(manager: EntityManager, memberId: number): Promise<Map<number, Partial<SubscriptionChannelStates>>> {
    const rows: { subscription_type_id: number; channels: Partial<SubscriptionChannelStates> }[] = await manager.query(
      `SELECT subscription_type_id, channels FROM member_subscription WHERE member_id = $1`,
      [memberId],
    );
    return new Map(rows.map((row) => [row.subscription_type_id, row.channels]));
  }
}

function view(type: SubscriptionType, channels: SubscriptionChannelStates): MemberSubscription {
  return {
    mailingSubscriptionType: type.mailingSubscriptionType,
    subscriptionTypeId: type.id,
    subscriptionTypeCode: type.code,
    subscriptionTypeName: type.name,
    subscriptionInfo: channels,
  };
}
