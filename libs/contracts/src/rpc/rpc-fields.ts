import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';

/**
 * Pieces shared by the RPC contracts of several services. RPC requests use plain class-validator
 * rules (not the event field decorators): they never appear in the AsyncAPI document, and the
 * messaging library validates every request against its class before the handler runs.
 */

/** Phone numbers are digits only: E.164 without the `+`, 11–15 digits (SPEC §3.0). */
export const PHONE_NUMBER_PATTERN = /^\d{11,15}$/;
/** Card numbers are digits; imported physical cards may be short (the seed shows 9 digits). */
export const CARD_NUMBER_PATTERN = /^\d{6,32}$/;

/**
 * Who a member is for another service: what the event `customerInfo` needs. The gateway takes it
 * from the verified session; services trust it because only the gateway and other services can
 * reach the RPC exchange.
 */
export class MemberReference {
  @IsInt()
  @Min(1)
  memberId: number;

  @IsUUID('all')
  customerUid: string;

  @Matches(/^\d+$/, { message: 'accountId must be digits' })
  accountId: string;

  /** The identifier (phone or card) the member signed in with; the events' `identifierId`. */
  @IsOptional()
  @IsInt()
  identifierId?: number | null;

  /** Numeric id of the OAuth client acting for the member; the events' `applicationId`. */
  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

/** Decorators for a nested `MemberReference` field. */
export function NestedMember(): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(() => MemberReference)(target, key as string);
  };
}
