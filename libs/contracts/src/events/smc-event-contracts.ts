import { ContractClass } from '../validation/fields';
import {
  CardActivatedEvent,
  CardBlockStateChangedEvent,
  CardCategoryChangedEvent,
  CardDeleteStateChangedEvent,
  CardLinkedEvent,
} from './customer-card.events';
import {
  CustomerAttributeUpdatedEvent,
  CustomerProfilesMergedEvent,
  CustomerSubscriptionChangedEvent,
} from './customer-profile.events';
import { RegistrationBeganEvent, RegistrationFinishedEvent } from './customer-registration.events';
import { PurchaseConfirmedEvent, PurchaseRefundedEvent } from './purchase.events';
import { EVENT_CODES_BY_ROUTING_KEY, EventCode, RoutingKey, SMC_ROUTING_KEYS, SmcRoutingKey } from './routing-keys';

/** The body class of each SMC routing key. */
export interface SmcEventBodies {
  [RoutingKey.CustomerRegistrationBegin]: RegistrationBeganEvent;
  [RoutingKey.CustomerRegistrationFinish]: RegistrationFinishedEvent;
  [RoutingKey.CustomerCardLink]: CardLinkedEvent;
  [RoutingKey.CustomerProfileMerge]: CustomerProfilesMergedEvent;
  [RoutingKey.CustomerCardChangeState]: CardActivatedEvent;
  [RoutingKey.CustomerCardChangeBlockState]: CardBlockStateChangedEvent;
  [RoutingKey.CustomerCardChangeDeleteState]: CardDeleteStateChangedEvent;
  [RoutingKey.CustomerCardChangeCategory]: CardCategoryChangedEvent;
  [RoutingKey.CustomerAttributeUpdate]: CustomerAttributeUpdatedEvent;
  [RoutingKey.CustomerSubscriptionUpdate]: CustomerSubscriptionChangedEvent;
  [RoutingKey.PurchasesConfirmModelUpdate]: PurchaseConfirmedEvent;
  [RoutingKey.PurchasesRefundModelUpdate]: PurchaseRefundedEvent;
}

export interface SmcEventContract<K extends SmcRoutingKey = SmcRoutingKey> {
  routingKey: K;
  eventCodes: readonly EventCode[];
  contract: ContractClass<SmcEventBodies[K]>;
  /** Which service publishes it and when (SPEC §2.1). */
  producer: string;
  summary: string;
}

const CONTRACT_CLASSES: { [K in SmcRoutingKey]: ContractClass<SmcEventBodies[K]> } = {
  [RoutingKey.CustomerRegistrationBegin]: RegistrationBeganEvent,
  [RoutingKey.CustomerRegistrationFinish]: RegistrationFinishedEvent,
  [RoutingKey.CustomerCardLink]: CardLinkedEvent,
  [RoutingKey.CustomerProfileMerge]: CustomerProfilesMergedEvent,
  [RoutingKey.CustomerCardChangeState]: CardActivatedEvent,
  [RoutingKey.CustomerCardChangeBlockState]: CardBlockStateChangedEvent,
  [RoutingKey.CustomerCardChangeDeleteState]: CardDeleteStateChangedEvent,
  [RoutingKey.CustomerCardChangeCategory]: CardCategoryChangedEvent,
  [RoutingKey.CustomerAttributeUpdate]: CustomerAttributeUpdatedEvent,
  [RoutingKey.CustomerSubscriptionUpdate]: CustomerSubscriptionChangedEvent,
  [RoutingKey.PurchasesConfirmModelUpdate]: PurchaseConfirmedEvent,
  [RoutingKey.PurchasesRefundModelUpdate]: PurchaseRefundedEvent,
};

const DESCRIPTIONS: Record<SmcRoutingKey, Pick<SmcEventContract, 'producer' | 'summary'>> = {
  [RoutingKey.CustomerRegistrationBegin]: {
    producer: 'registration',
    summary: 'BeginRegistration created or resumed a registering member.',
  },
  [RoutingKey.CustomerRegistrationFinish]: { producer: 'registration', summary: 'TryFinishRegistration completed.' },
  [RoutingKey.CustomerCardLink]: {
    producer: 'cards',
    summary: 'A card was linked to a member; linkCardType says how, oldCard is null unless ReplaceCard.',
  },
  [RoutingKey.CustomerProfileMerge]: { producer: 'registration', summary: 'Two members were merged into one.' },
  [RoutingKey.CustomerCardChangeState]: {
    producer: 'cards',
    summary: 'A card went from Issued or Activating to Activated.',
  },
  [RoutingKey.CustomerCardChangeBlockState]: {
    producer: 'cards',
    summary: 'A card was blocked (targetBlockState true) or unblocked (false).',
  },
  [RoutingKey.CustomerCardChangeDeleteState]: {
    producer: 'cards',
    summary: 'A card was deleted (targetDeleteState true) or restored (false).',
  },
  [RoutingKey.CustomerCardChangeCategory]: {
    producer: 'cards',
    summary: 'A card moved to another category (loyalty group).',
  },
  [RoutingKey.CustomerAttributeUpdate]: {
    producer: 'registration',
    summary: 'Offer accepted, phone or email confirmed, questionnaire answered, or profile edited.',
  },
  [RoutingKey.CustomerSubscriptionUpdate]: {
    producer: 'registration',
    summary: 'A subscription channel was switched.',
  },
  [RoutingKey.PurchasesConfirmModelUpdate]: { producer: 'processing', summary: 'A purchase was confirmed.' },
  [RoutingKey.PurchasesRefundModelUpdate]: { producer: 'processing', summary: 'A refund was completed.' },
};

/** One entry per SMC routing key, in the order of the seed. */
export const SMC_EVENT_CONTRACTS: readonly SmcEventContract[] = Object.freeze(
  SMC_ROUTING_KEYS.map(
    (routingKey): SmcEventContract => ({
      routingKey,
      eventCodes: EVENT_CODES_BY_ROUTING_KEY[routingKey],
      contract: CONTRACT_CLASSES[routingKey],
      ...DESCRIPTIONS[routingKey],
    }),
  ),
);

/** The contract of an SMC routing key; undefined for any other key (internal or unknown). */
export function contractFor<K extends SmcRoutingKey>(routingKey: K): SmcEventContract<K>;
export function contractFor(routingKey: string): SmcEventContract | undefined;
export function contractFor(routingKey: string): SmcEventContract | undefined {
  return SMC_EVENT_CONTRACTS.find((entry) => entry.routingKey === routingKey);
}
