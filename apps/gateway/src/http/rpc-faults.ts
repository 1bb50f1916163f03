import { CardsErrorCode, ProcessingResultCode, RegistrationErrorCode } from '@loyalty/contracts';
import { RpcErrorCode, RpcFault } from '@loyalty/messaging';
import { HttpStatus } from '@nestjs/common';
import {
  AccessDeniedError,
  ApiError,
  AuthenticationError,
  BusinessRuleError,
  ConflictError,
  DependencyUnavailableError,
  RateLimitedError,
  RequestValidationError,
  ResourceNotFoundError,
  UpstreamTimeoutError,
} from './api-errors';
import type { FieldValidationError } from './envelope';

/**
 * The HTTP status of every typed error the services answer with (SPEC §3.0). One table for the
 * whole gateway; a code not listed is a business rule (422). The services write their messages
 * for the member, so they are passed on; `details` becomes `data` next to the `code`.
 */
const STATUS_BY_CODE: Record<string, HttpStatus> = {
  [RpcErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [RpcErrorCode.Timeout]: HttpStatus.GATEWAY_TIMEOUT,

  [RegistrationErrorCode.SelfRegistrationDisabled]: HttpStatus.FORBIDDEN,
  [RegistrationErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [RegistrationErrorCode.SessionSuperseded]: HttpStatus.UNAUTHORIZED,
  [RegistrationErrorCode.MemberNotFound]: HttpStatus.UNAUTHORIZED,
  [RegistrationErrorCode.ConfirmCodeResendTooEarly]: HttpStatus.TOO_MANY_REQUESTS,
  [RegistrationErrorCode.ConfirmCodeDailyLimit]: HttpStatus.TOO_MANY_REQUESTS,
  [RegistrationErrorCode.CardsUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  // System API merge: an unknown member of the URL or body; MergeNotAllowed (same, closed or
  // unregistered member) is a business answer, 422.
  [RegistrationErrorCode.MergeMemberNotFound]: HttpStatus.NOT_FOUND,
  [RegistrationErrorCode.MergeNotAllowed]: HttpStatus.UNPROCESSABLE_ENTITY,
  // Everything else of registration and cards (StepAlreadyDone, ConfirmCodeInvalid,
  // QuestionnaireInvalid, CardNotFound, CardNotAvailable…) is a business answer: 422.
  [CardsErrorCode.CardNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  // A card addressed by the URL's {cardId} that does not exist or is another member's (BOLA).
  [CardsErrorCode.UnknownCard]: HttpStatus.NOT_FOUND,
  [CardsErrorCode.LoyaltyGroupTitleTaken]: HttpStatus.CONFLICT,

  // Processing (SPEC §3.4): an operationId reused with another body is a conflict; every other
  // Loymax result code (NotEnoughMoney, PurchaseNotFound, OperationIsConfirmed…) is 422.
  [ProcessingResultCode.NotUniqueOperationID]: HttpStatus.CONFLICT,
};

/** Codes that mean "something broke inside a service": answered as an unexpected 500. */
const INTERNAL_CODES = new Set<string>([RpcErrorCode.Internal, 'InvalidReply']);

export interface RpcFaultMappingOptions {
  /**
   * The `data` of a business answer (422, 409). Default `{code, ...details}`; an API area whose
   * answers have another shape passes its own (processing: `[details]`, seed 001).
   */
  data?: (fault: RpcFault) => unknown;
}

/** The client-facing error for a fault, or null when it is internal (the filter then answers 500). */
export function apiErrorForRpcFault(fault: RpcFault, options: RpcFaultMappingOptions = {}): ApiError | null {
  if (INTERNAL_CODES.has(fault.code)) return null;
  const status = STATUS_BY_CODE[fault.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
  const details = isObject(fault.details) ? fault.details : {};
  const businessData = () => (options.data ? options.data(fault) : { code: fault.code, ...details });
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return new RequestValidationError(validationErrorsOf(fault.details));
    case HttpStatus.UNAUTHORIZED:
      return new AuthenticationError(fault.message);
    case HttpStatus.FORBIDDEN:
      return new AccessDeniedError(fault.message);
    case HttpStatus.NOT_FOUND:
      return new ResourceNotFoundError(fault.message);
    case HttpStatus.TOO_MANY_REQUESTS:
      return new RateLimitedError(typeof details['retryAfterSeconds'] === 'number' ? details['retryAfterSeconds'] : 60, fault.message);
    case HttpStatus.SERVICE_UNAVAILABLE:
      return new DependencyUnavailableError(fault.code, fault);
    case HttpStatus.GATEWAY_TIMEOUT:
      return new UpstreamTimeoutError(fault.code, fault);
    case HttpStatus.CONFLICT:
      return new ConflictError(fault.message, businessData());
    default:
      return new BusinessRuleError(fault.message, businessData());
  }
}

/** A service's validation details (`path: problem` lines) as the envelope's validationErrors. */
function validationErrorsOf(details: unknown): FieldValidationError[] {
  const lines = Array.isArray(details) ? details.filter((line): line is string => typeof line === 'string') : [];
  const byField = new Map<string, string[]>();
  for (const line of lines) {
    const separator = line.indexOf(': ');
    const field = separator > 0 ? line.slice(0, separator) : 'body';
    const message = separator > 0 ? line.slice(separator + 2) : line;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return [...byField].map(([field, errorMessages]) => ({ field, errorMessages }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
