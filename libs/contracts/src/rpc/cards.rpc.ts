import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LoyaltyType } from '../events/loyalty-group.events';
import type { CardState } from '../events/customer-card.events';
import { LinkSource } from '../events/customer-card.events';
import { CARD_NUMBER_PATTERN, MemberReference, NestedMember } from './rpc-fields';

/**
 * RPC served by the cards service (queue `rpc.<routing key>` on `loyalty.rpc`). Callers: the
 * gateway (card pool import, virtual card status) and the registration service (card login,
 * Cards/Set, EmitVirtual, activation at the end of a registration).
 */
export const CardsRpc = {
  FindCard: 'cards.card.find',
  LinkCard: 'cards.card.link',
  VirtualCardStatus: 'cards.virtual.status',
  EmitVirtualCard: 'cards.virtual.emit',
  ActivateMemberCards: 'cards.member.activate',
  ImportCards: 'cards.pool.import',
  ListMemberCards: 'cards.member.list',
  ChangeBlockState: 'cards.card.changeBlockState',
  ChangeDeleteState: 'cards.card.changeDeleteState',
  ChangeCategory: 'cards.card.changeCategory',
  ReplaceCard: 'cards.card.replace',
  ListLoyaltyGroups: 'cards.loyaltyGroups.list',
  PutLoyaltyGroups: 'cards.loyaltyGroups.put',
} as const;
export type CardsRpcRoutingKey = (typeof CardsRpc)[keyof typeof CardsRpc];

/** Queues the cards service consumes from `loyalty.events`. */
export const CardsQueue = {
  /** AcceptTenderOffer (automatic virtual card) and finished registrations (card activation). */
  RegistrationEvents: 'cards.registration-events',
  /** `customer.profile.merge`: the cards of the merged-away member move to the other one. */
  ProfileMerges: 'cards.profile-merges',
} as const;

/** Default wait for a cards reply. Service-to-service calls inside another RPC use less. */
export const CARDS_RPC_TIMEOUT_MS = 5000;

/** Typed errors of the cards RPCs (`RpcFault.code`). */
export const CardsErrorCode = {
  CardNotFound: 'CardNotFound',
  /** Linked to another member, or in a state that cannot be linked (Replaced, Expired). */
  CardNotAvailable: 'CardNotAvailable',
  CardBlocked: 'CardBlocked',
  VirtualCardEmissionDisabled: 'VirtualCardEmissionDisabled',
  CategoryNotFound: 'CategoryNotFound',
  /**
   * The card addressed by id (URL `{cardId}`) does not exist, or is not the calling member's: the
   * gateway answers 404 for both, so a member cannot probe other members' cards.
   */
  UnknownCard: 'UnknownCard',
  /** The card cannot take this change in its state (a Replaced card, a deleted card to replace…). */
  CardStateConflict: 'CardStateConflict',
  /** Two groups of one PUT, or a group and another existing one, share a title. */
  LoyaltyGroupTitleTaken: 'LoyaltyGroupTitleTaken',
} as const;
export type CardsErrorCode = (typeof CardsErrorCode)[keyof typeof CardsErrorCode];

const LINK_SOURCES = Object.values(LinkSource);

export class FindCardRequest {
  @Matches(CARD_NUMBER_PATTERN, { message: 'cardNumber must be 6-32 digits' })
  cardNumber: string;
}

/** Links a card to a member (SetCard). Linking a card the member already has is a no-op. */
export class LinkCardRequest {
  @NestedMember()
  member: MemberReference;

  @Matches(CARD_NUMBER_PATTERN, { message: 'cardNumber must be 6-32 digits' })
  cardNumber: string;

  @IsIn(LINK_SOURCES)
  linkSource: LinkSource;
}

export class VirtualCardStatusRequest {
  @IsInt()
  @Min(1)
  memberId: number;
}

/**
 * Emits a virtual card unless the member already has the allowed number. `automatic` is the
 * emission for everyone at AcceptTenderOffer: cards honours it only under EMIT_VIRTUAL_CARD=1.
 */
export class EmitVirtualCardRequest {
  @NestedMember()
  member: MemberReference;

  @IsIn(LINK_SOURCES)
  linkSource: LinkSource;

  @IsBoolean()
  automatic: boolean;
}

/** The member finished registering: their linked cards become Activated. Idempotent. */
export class ActivateMemberCardsRequest {
  @NestedMember()
  member: MemberReference;
}

export const MAX_CARDS_PER_IMPORT = 10_000;

/** Adds physical cards to the pool in state Issued. Numbers already known are reported, not changed. */
export class ImportCardsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CARDS_PER_IMPORT)
  @ArrayUnique()
  @Matches(CARD_NUMBER_PATTERN, { each: true, message: 'each card number must be 6-32 digits' })
  cardNumbers: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  categoryId?: number;
}

/** A card as the cards service describes it: the seed's card model plus who holds it. */
export interface CardView {
  cardId: number;
  cardNumber: string;
  cardState: CardState;
  activationDate: string | null;
  cardType: string;
  cardCategory: string;
  barCode: string;
  strip1: string;
  strip2: string;
  strip3: string;
  isBlocked: boolean;
  isDeleted: boolean;
  categoryId: number;
  isVirtual: boolean;
  memberId: number | null;
}

export interface FindCardReply {
  card: CardView | null;
}

export interface LinkCardReply {
  card: CardView;
  /** The card was already the member's: nothing changed, no event. */
  alreadyLinked: boolean;
}

export interface VirtualCardStatusReply {
  currentCountOfVirtualCards: number;
  isVirtualCardEmissionAllowed: boolean;
}

export interface EmitVirtualCardReply {
  /** False when the member already had the allowed number (or automatic emission is off). */
  emitted: boolean;
  card: CardView | null;
}

export interface ActivateMemberCardsReply {
  activatedCardIds: number[];
}

export interface ImportCardsReply {
  imported: number;
  /** Numbers that were already in the pool; they are left as they are. */
  duplicates: string[];
}

/**
 * Who asks for a change to a card. A member (member API) may only touch their own cards; without
 * a member the caller is the System API (an admin client), which may touch any card.
 */
export class CardChangeRequest {
  @IsInt()
  @Min(1)
  cardId: number;

  /** The member of the token (member API); absent for the System API. */
  @IsOptional()
  @NestedMember()
  member?: MemberReference;

  /** Numeric id of the OAuth client that made the call (the events' `applicationId`). */
  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

export class ListMemberCardsRequest {
  @IsInt()
  @Min(1)
  memberId: number;
}

export interface ListMemberCardsReply {
  cards: CardView[];
}

/** Block (true) or unblock (false). Asking for the state the card is in changes nothing. */
export class ChangeBlockStateRequest extends CardChangeRequest {
  @IsBoolean()
  targetBlockState: boolean;
}

/** Delete (true) or restore (false); System API only. */
export class ChangeDeleteStateRequest extends CardChangeRequest {
  @IsBoolean()
  targetDeleteState: boolean;
}

/** Move a card to another category (loyalty group); System API only. */
export class ChangeCategoryRequest extends CardChangeRequest {
  @IsInt()
  @Min(1)
  categoryId: number;
}

/**
 * The reply of every card change. `changed: false` means the card already was as asked: nothing
 * was written and no event was published. `eventPublished` is false as well for a card in the
 * pool (nobody holds it, so there is no customer to tell SMC about).
 */
export interface CardChangeReply {
  card: CardView;
  changed: boolean;
  eventPublished: boolean;
}

/** Replace a member's card with a pool card (member API: `Cards/{cardId}/Replace`). */
export class ReplaceCardRequest {
  @IsInt()
  @Min(1)
  cardId: number;

  @NestedMember()
  member: MemberReference;

  @Matches(CARD_NUMBER_PATTERN, { message: 'newCardNumber must be 6-32 digits' })
  newCardNumber: string;

  @IsIn(LINK_SOURCES)
  linkSource: LinkSource;
}

export interface ReplaceCardReply {
  oldCard: CardView;
  newCard: CardView;
}

/** A loyalty group (= card category, SPEC §3.3) as the System API shows and takes it. */
export class LoyaltyGroupView {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  @Length(1, 100)
  title: string;

  @IsIn(Object.values(LoyaltyType))
  loyaltyType: LoyaltyType;

  /** Percent, at most 4 decimals. */
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  loyaltyQuantity: number;

  @IsBoolean()
  active: boolean;
}

export class ListLoyaltyGroupsRequest {}

export interface LoyaltyGroupsReply {
  groups: LoyaltyGroupView[];
}

/**
 * Creates or updates the groups given (by id); groups not named are left alone. A group that is
 * already exactly as given is not an update: only changed groups publish `cards.loyaltyGroup.changed`.
 */
export class PutLoyaltyGroupsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LoyaltyGroupView)
  groups: LoyaltyGroupView[];
}

export interface PutLoyaltyGroupsReply extends LoyaltyGroupsReply {
  /** Ids of the groups created or changed by this call. */
  changedIds: number[];
}
