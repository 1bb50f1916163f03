import {
  Describe,
  Flag,
  IntegerValue,
  NestedObject,
  OneOf,
  PresentOrNull,
  Required,
  Text,
  UtcDateTime,
  Uuid,
} from '../validation/fields';
import { CustomerInfo } from './customer-info';
import { EventBody } from './event-body';
import { EVENT_CODES_BY_ROUTING_KEY, EventCode, RoutingKey } from './routing-keys';

/** `customer.profile.merge`: the `from` member was merged into the `to` member. */
export class CustomerProfilesMergedEvent extends EventBody {
  @Required()
  @NestedObject(() => CustomerInfo)
  @Describe('The member that was merged away (closed).')
  fromCustomerInfo: CustomerInfo;

  @Required()
  @NestedObject(() => CustomerInfo)
  @Describe('The member that received the cards and the balance.')
  toCustomerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerProfileMerge])
  eventCode: typeof EventCode.MergeCustomersProfiles;
}

export const UserAttributeType = {
  /** Phone and email. */
  Notifier: 'Notifier',
  /** Questionnaire answers. */
  Questionnaire: 'Questionnaire',
  /** Offer acceptance and other system-owned attributes. */
  System: 'System',
} as const;
export type UserAttributeType = (typeof UserAttributeType)[keyof typeof UserAttributeType];

/** `customer.attribute.update`: offer accepted, phone/email confirmed, an answer, a profile edit. */
export class CustomerAttributeUpdatedEvent extends EventBody {
  @Required()
  @Flag()
  fromBatchOperation: boolean;

  @Required()
  @Text()
  @Describe('AcceptTenderOffer, Phone, Email, or a questionnaire logicalName such as LastName.')
  attributeCode: string;

  @Required()
  @OneOf(Object.values(UserAttributeType))
  userAttributeType: UserAttributeType;

  @Required()
  @IntegerValue()
  attributeId: number;

  @PresentOrNull()
  @Text()
  oldValue: string | null;

  @Required()
  @Text()
  newValue: string;

  @Required()
  @UtcDateTime()
  changeDateTime: string;

  @Required()
  @Uuid()
  @Describe('The user action that caused the change, shared by all events it caused.')
  activityUid: string;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerAttributeUpdate])
  eventCode: typeof EventCode.OnCustomerAttributeUpdate;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;
}

export const SubscriptionState = {
  Enabled: 'Enabled',
  Disabled: 'Disabled',
} as const;
export type SubscriptionState = (typeof SubscriptionState)[keyof typeof SubscriptionState];

const SUBSCRIPTION_STATES = Object.values(SubscriptionState);

/** State of one subscription type on each delivery channel. */
export class SubscriptionChannels {
  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  mail: SubscriptionState;

  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  push: SubscriptionState;

  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  sms: SubscriptionState;

  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  viber: SubscriptionState;

  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  chatBot: SubscriptionState;

  @Required()
  @OneOf(SUBSCRIPTION_STATES)
  socialNetworks: SubscriptionState;
}

/** `customer.subscription.update`: a member switched a subscription channel. */
export class CustomerSubscriptionChangedEvent extends EventBody {
  @Required()
  @Text()
  @Describe('e.g. Cashback.')
  mailingSubscriptionType: string;

  @Required()
  @IntegerValue()
  subscriptionTypeId: number;

  @Required()
  @Text()
  @Describe('e.g. DiscountOperation.')
  subscriptionTypeCode: string;

  @Required()
  @Text()
  subscriptionTypeName: string;

  @Required()
  @NestedObject(() => SubscriptionChannels)
  subscriptionInfo: SubscriptionChannels;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerSubscriptionUpdate])
  eventCode: typeof EventCode.OnCustomerSubscriptionChange;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;
}
