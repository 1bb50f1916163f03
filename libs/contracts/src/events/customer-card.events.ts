import { ValidateBy, ValidationArguments } from 'class-validator';
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
} from '../validation/fields';
import { CustomerInfo } from './customer-info';
import { EventBody } from './event-body';
import { EVENT_CODES_BY_ROUTING_KEY, EventCode, RoutingKey } from './routing-keys';

export const CardState = {
  Prepared: 'Prepared',
  Issued: 'Issued',
  Activating: 'Activating',
  Activated: 'Activated',
  Replaced: 'Replaced',
  Expired: 'Expired',
} as const;
export type CardState = (typeof CardState)[keyof typeof CardState];

export const LinkCardType = {
  SetCard: 'SetCard',
  AttachCard: 'AttachCard',
  ReplaceCard: 'ReplaceCard',
} as const;
export type LinkCardType = (typeof LinkCardType)[keyof typeof LinkCardType];

/** Where a link came from (SPEC §2.1). */
export const LinkSource = {
  UserPortal: 'UserPortal',
  CallCenter: 'CallCenter',
  Pos: 'Pos',
  Partner: 'Partner',
  Registration: 'Registration',
} as const;
export type LinkSource = (typeof LinkSource)[keyof typeof LinkSource];

/** The eventCode each kind of link is published with. */
export const EVENT_CODE_BY_LINK_CARD_TYPE: Readonly<Record<LinkCardType, EventCode>> = Object.freeze({
  [LinkCardType.SetCard]: EventCode.OnCardSet,
  [LinkCardType.AttachCard]: EventCode.OnCardAttach,
  [LinkCardType.ReplaceCard]: EventCode.OnCardReplace,
});

/** The full card model of the link and activation events. */
export class CardDetails {
  @Required()
  @IntegerValue()
  cardId: number;

  @Required()
  @Text()
  cardNumber: string;

  @Required()
  @OneOf(Object.values(CardState))
  cardState: CardState;

  @PresentOrNull()
  @UtcDateTime()
  activationDate: string | null;

  @Required()
  @Text()
  @Describe('"General" for every card we issue.')
  cardType: string;

  @Required()
  @Text()
  @Describe('Title of the card’s category (loyalty group).')
  cardCategory: string;

  @Required()
  @Text()
  barCode: string;

  @Required()
  @Text()
  strip1: string;

  @Required()
  @Text()
  @Describe('"<number>=<number>".')
  strip2: string;

  @Required()
  @Text()
  @Describe('"strip=<number>".')
  strip3: string;

  @Required()
  @Flag()
  isBlocked: boolean;

  @Required()
  @Flag()
  isDeleted: boolean;
}

/** The short card model of the block event: only the id and the number. */
export class CardReference {
  @Required()
  @IntegerValue()
  cardId: number;

  @Required()
  @Text()
  cardNumber: string;
}

function ConsistentCardLink(): PropertyDecorator {
  const isLinkType = (value: unknown): value is LinkCardType =>
    Object.values(LinkCardType).includes(value as LinkCardType);
  const eventCodeMatches = ValidateBy(
    {
      name: 'linkMatchesEventCode',
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          !isLinkType(value) || (args.object as CardLinkedEvent).eventCode === EVENT_CODE_BY_LINK_CARD_TYPE[value],
      },
    },
    {
      message: (args: ValidationArguments) =>
        `${args.value} is published as ${EVENT_CODE_BY_LINK_CARD_TYPE[args.value as LinkCardType]}, ` +
        `not ${String((args.object as CardLinkedEvent).eventCode)}`,
    },
  );
  // oldCard's own rules are skipped when it is null, so the check that it is null exactly when
  // the link is not a replacement lives here.
  const oldCardMatches = ValidateBy(
    {
      name: 'oldCardMatchesLinkType',
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const oldCard = (args.object as CardLinkedEvent).oldCard;
          if (!isLinkType(value) || oldCard === undefined) return true;
          return value === LinkCardType.ReplaceCard ? oldCard !== null : oldCard === null;
        },
      },
    },
    {
      message: (args: ValidationArguments) =>
        args.value === LinkCardType.ReplaceCard
          ? 'ReplaceCard needs oldCard (the replaced card), not null'
          : `${args.value} needs oldCard: null`,
    },
  );
  return (target, key) => {
    eventCodeMatches(target, key);
    oldCardMatches(target, key);
  };
}

/** `customer.card.link`: a card was linked to a member (set, attached by a merge, or replaced). */
export class CardLinkedEvent extends EventBody {
  @Required()
  @NestedObject(() => CardDetails)
  newCard: CardDetails;

  @PresentOrNull()
  @NestedObject(() => CardDetails)
  @Describe('The replaced card; null unless linkCardType is ReplaceCard.')
  oldCard: CardDetails | null;

  @Required()
  @OneOf(Object.values(LinkSource))
  linkSource: LinkSource;

  @Required()
  @OneOf(Object.values(LinkCardType))
  @ConsistentCardLink()
  linkCardType: LinkCardType;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardLink])
  eventCode: typeof EventCode.OnCardSet | typeof EventCode.OnCardAttach | typeof EventCode.OnCardReplace;
}

/** `customer.card.changeState`: a card went from Issued or Activating to Activated. */
export class CardActivatedEvent extends EventBody {
  @Required()
  @NestedObject(() => CardDetails)
  cardInfo: CardDetails;

  @Required()
  @OneOf([CardState.Activated])
  targetState: typeof CardState.Activated;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardChangeState])
  eventCode: typeof EventCode.OnCardActivation;
}

/** `customer.card.changeBlockState`: a card was blocked (true) or unblocked (false). */
export class CardBlockStateChangedEvent extends EventBody {
  @Required()
  @Flag()
  targetBlockState: boolean;

  @Required()
  @NestedObject(() => CardReference)
  cardInfo: CardReference;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardChangeBlockState])
  eventCode: typeof EventCode.OnBlockCard;
}

/** `customer.card.changeDeleteState`: a card was deleted (true) or restored (false). */
export class CardDeleteStateChangedEvent extends EventBody {
  @Required()
  @Flag()
  targetDeleteState: boolean;

  @Required()
  @IntegerValue()
  cardId: number;

  @Required()
  @Text()
  cardNumber: string;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardChangeDeleteState])
  eventCode: typeof EventCode.OnDeleteCard;
}

/** `customer.card.changeCategory`: a card moved to another category (loyalty group). */
export class CardCategoryChangedEvent extends EventBody {
  @Required()
  @IntegerValue()
  cardId: number;

  @Required()
  @Text()
  cardNumber: string;

  @Required()
  @Text()
  @Describe('Title of the new category. The lower-case "c" is the seed’s spelling.')
  newcardCategory: string;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardChangeCategory])
  eventCode: typeof EventCode.OnChangeCategoryCard;
}

/** What varies between cards in the seed's full card model; the rest follows from these. */
export type CardDetailsSource = Pick<CardDetails, 'cardId' | 'cardNumber' | 'cardState' | 'activationDate' | 'cardCategory' | 'isBlocked' | 'isDeleted'>;

/**
 * The seed's full card model: every card is of type "General", and its bar code and magnetic
 * strips are derived from the number the way the seed examples show them.
 */
export function cardDetailsOf(source: CardDetailsSource): CardDetails {
  const number = source.cardNumber;
  return {
    cardId: source.cardId,
    cardNumber: number,
    cardState: source.cardState,
    activationDate: source.activationDate,
    cardType: 'General',
    cardCategory: source.cardCategory,
    barCode: number,
    strip1: number,
    strip2: `${number}=${number}`,
    strip3: `strip=${number}`,
    isBlocked: source.isBlocked,
    isDeleted: source.isDeleted,
  };
}
