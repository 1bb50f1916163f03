import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';

/**
 * `processing.members.resolve`: which of many member numbers processing does not know. A member
 * number is a card number held by a member (from processing's card projection, with the cards
 * service asked on a miss) or a member's customerUid — the keys balance commands accept. Used by
 * batch-operations to validate a whole batch before accepting it (SPEC §3.6).
 */
export const PROCESSING_MEMBERS_RESOLVE = 'processing.members.resolve';

/** Numbers per call; a 100,000-item batch checks its distinct members in calls of this size. */
export const MEMBERS_RESOLVE_MAX = 5000;

export class MembersResolveRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEMBERS_RESOLVE_MAX)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  memberNos: string[];
}

export interface MembersResolveReply {
  /** The requested numbers that name no member, in request order. */
  unknown: string[];
}
