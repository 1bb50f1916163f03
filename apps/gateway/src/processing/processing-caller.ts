import type { MemberIdentifier, MemberReference } from '@loyalty/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedMember, AuthenticatedRequest } from '../auth/authenticated-member';
import { AccessDeniedError, RequestValidationError } from '../http/api-errors';

/** Who a processing RPC is for, as processing expects it next to the body fields. */
export interface ProcessingCaller {
  member?: MemberReference;
  identifier?: MemberIdentifier;
  /** The calling OAuth client's numeric id (the events' `applicationId`). */
  applicationId: number;
  // No `merchant`: OAuth clients carry no merchant attributes yet (SPEC §3.1 registry not built).
  // Processing then scopes purchase and operation ids per member (member tokens) or "pos", and
  // its events carry merchantId 0, the nil merchantUid and empty merchant strings.
}

/** The caller as the guards left it on the request; MemberOrClientGuard must run first. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedRequest => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
});

/**
 * A member token acts for its own member only: naming anyone with `identifier` is refused (403).
 * A client token (scope `pos`) must name the member with `identifier` (400 without one).
 */
export function processingCaller(request: AuthenticatedRequest, identifier: MemberIdentifier | undefined): ProcessingCaller {
  if (request.member) {
    if (identifier) throw new AccessDeniedError('A member token acts for its own member: identifier is for POS clients');
    return { member: memberReference(request.member), applicationId: request.member.client.applicationId };
  }
  if (!request.oauthClient) throw new Error('processingCaller used on a route without MemberOrClientGuard');
  if (!identifier) {
    throw new RequestValidationError([{ field: 'identifier', errorMessages: ['identifier is required with a client token'] }]);
  }
  return { identifier: { type: identifier.type, value: identifier.value }, applicationId: request.oauthClient.client.applicationId };
}

export function memberReference(member: AuthenticatedMember): MemberReference {
  return { memberId: member.memberId, customerUid: member.customerUid, accountId: member.accountId, identifierId: member.identifierId };
}
