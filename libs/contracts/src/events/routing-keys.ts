/**
 * Routing keys and event codes on the `loyalty.events` exchange (SPEC §2.1).
 *
 * The twelve SMC keys are the ones seed 000 documents for the `smc.customerEvents` queue. The
 * seed writes the category key with a Cyrillic "с"; ours is plain ASCII and SMC is told so.
 */

export const LOYALTY_EVENTS_EXCHANGE = 'loyalty.events';
/** Alternate exchange of `loyalty.events` (fanout): keeps events no binding matched. */
export const LOYALTY_UNROUTED_EXCHANGE = 'loyalty.unrouted';
export const LOYALTY_UNROUTED_QUEUE = 'loyalty.unrouted';
/** The queue Smart Communications consumes; bound to exactly SMC_ROUTING_KEYS. */
export const SMC_CUSTOMER_EVENTS_QUEUE = 'smc.customerEvents';

/** AMQP headers every event carries besides its properties (messageId, type, timestamp…). */
export const EventHeader = {
  CorrelationId: 'x-correlation-id',
  TraceParent: 'traceparent',
} as const;
export type EventHeader = (typeof EventHeader)[keyof typeof EventHeader];

export const RoutingKey = {
  CustomerRegistrationBegin: 'customer.registration.begin',
  CustomerRegistrationFinish: 'customer.registration.finish',
  CustomerCardLink: 'customer.card.link',
  CustomerProfileMerge: 'customer.profile.merge',
  CustomerCardChangeState: 'customer.card.changeState',
  CustomerCardChangeBlockState: 'customer.card.changeBlockState',
  CustomerCardChangeDeleteState: 'customer.card.changeDeleteState',
  CustomerCardChangeCategory: 'customer.card.changeCategory',
  CustomerAttributeUpdate: 'customer.attribute.update',
  CustomerSubscriptionUpdate: 'customer.subscription.update',
  PurchasesConfirmModelUpdate: 'purchases.confirm.modelUpdate',
  PurchasesRefundModelUpdate: 'purchases.refundModelUpdate',
} as const;
export type SmcRoutingKey = (typeof RoutingKey)[keyof typeof RoutingKey];

export const SMC_ROUTING_KEYS: readonly SmcRoutingKey[] = Object.freeze(Object.values(RoutingKey));

export const EventCode = {
  OnBeginRegistration: 'OnBeginRegistration',
  OnEndRegistration: 'OnEndRegistration',
  // The seed names only OnCardReplace for the link event; OnCardSet and OnCardAttach are ours.
  // SMC should branch on linkCardType, which the seed does document.
  OnCardSet: 'OnCardSet',
  OnCardAttach: 'OnCardAttach',
  OnCardReplace: 'OnCardReplace',
  MergeCustomersProfiles: 'MergeCustomersProfiles',
  OnCardActivation: 'OnCardActivation',
  // One code for both directions, as in the seed; targetBlockState / targetDeleteState carry it.
  OnBlockCard: 'OnBlockCard',
  OnDeleteCard: 'OnDeleteCard',
  OnChangeCategoryCard: 'OnChangeCategoryCard',
  OnCustomerAttributeUpdate: 'OnCustomerAttributeUpdate',
  OnCustomerSubscriptionChange: 'OnCustomerSubscriptionChange',
  OnPurchaseConfirm: 'OnPurchaseConfirm',
  OnPurchaseRefund: 'OnPurchaseRefund',
} as const;
export type EventCode = (typeof EventCode)[keyof typeof EventCode];

export const EVENT_CODES: readonly EventCode[] = Object.freeze(Object.values(EventCode));

/** Which eventCodes may travel under each SMC routing key; every code belongs to one key. */
export const EVENT_CODES_BY_ROUTING_KEY: Readonly<Record<SmcRoutingKey, readonly EventCode[]>> = Object.freeze({
  [RoutingKey.CustomerRegistrationBegin]: [EventCode.OnBeginRegistration],
  [RoutingKey.CustomerRegistrationFinish]: [EventCode.OnEndRegistration],
  [RoutingKey.CustomerCardLink]: [EventCode.OnCardSet, EventCode.OnCardAttach, EventCode.OnCardReplace],
  [RoutingKey.CustomerProfileMerge]: [EventCode.MergeCustomersProfiles],
  [RoutingKey.CustomerCardChangeState]: [EventCode.OnCardActivation],
  [RoutingKey.CustomerCardChangeBlockState]: [EventCode.OnBlockCard],
  [RoutingKey.CustomerCardChangeDeleteState]: [EventCode.OnDeleteCard],
  [RoutingKey.CustomerCardChangeCategory]: [EventCode.OnChangeCategoryCard],
  [RoutingKey.CustomerAttributeUpdate]: [EventCode.OnCustomerAttributeUpdate],
  [RoutingKey.CustomerSubscriptionUpdate]: [EventCode.OnCustomerSubscriptionChange],
  [RoutingKey.PurchasesConfirmModelUpdate]: [EventCode.OnPurchaseConfirm],
  [RoutingKey.PurchasesRefundModelUpdate]: [EventCode.OnPurchaseRefund],
});

/**
 * Keys of events that stay inside the platform. They share the exchange with the SMC keys and
 * must never be bound to `smc.customerEvents` — the notification ones carry confirmation codes.
 */
export const InternalRoutingKey = {
  ProcessingBalanceChanged: 'processing.balance.changed',
  CardsLoyaltyGroupChanged: 'cards.loyaltyGroup.changed',
  RegistrationCustomerDeleted: 'registration.customer.deleted',
  NotificationsSmsRequested: 'notifications.sms.requested',
  NotificationsEmailRequested: 'notifications.email.requested',
} as const;
export type InternalRoutingKey = (typeof InternalRoutingKey)[keyof typeof InternalRoutingKey];

export const INTERNAL_ROUTING_KEYS: readonly InternalRoutingKey[] = Object.freeze(Object.values(InternalRoutingKey));

export function isSmcRoutingKey(key: string): key is SmcRoutingKey {
  return (SMC_ROUTING_KEYS as readonly string[]).includes(key);
}
