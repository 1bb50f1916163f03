import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';
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
} as const;
export type CardsRpcRoutingKey = (typeof CardsRpc)[keyof typeof CardsRpc];

/** Queues the cards service consumes from `loyalty.events`. */
export const CardsQueue = {
  /** AcceptTenderOffer (automatic virtual card) and finished registrations (card activation). */
  RegistrationEvents: 'cards.registration-events',
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
