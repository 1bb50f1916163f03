import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldValidationError, ResultState } from './envelope';

/**
 * An error whose HTTP answer is decided by the code that throws it. The message and `data` go to
 * the client as they are, so they must be written for the client; anything internal belongs in
 * `cause`, which is only logged.
 */
export abstract class ApiError extends HttpException {
  /** Response headers that go with the answer (Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;

  protected constructor(
    status: HttpStatus,
    message: string,
    readonly state: Exclude<ResultState, 'Success'>,
    readonly data: unknown = null,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, status, { cause: options.cause });
    this.headers = options.headers ?? {};
  }
}

/** 400 — the request does not satisfy its DTO. Raised by the global ValidationPipe. */
export class RequestValidationError extends ApiError {
  constructor(readonly validationErrors: FieldValidationError[]) {
    super(HttpStatus.BAD_REQUEST, 'Request validation failed', 'ValidationError');
  }
}

/** 400 / 413 / 415 — the body could not be read at all (bad JSON, too large, unknown encoding). */
export class UnreadableBodyError extends ApiError {
  constructor(status: HttpStatus.BAD_REQUEST | HttpStatus.PAYLOAD_TOO_LARGE | HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: string) {
    super(status, message, status === HttpStatus.BAD_REQUEST ? 'ValidationError' : 'Error');
  }
}

/** 401 — no credentials, or credentials that are invalid or expired. */
export class AuthenticationError extends ApiError {
  constructor(message = 'Authentication required') {
    super(HttpStatus.UNAUTHORIZED, message, 'Error', null, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

/** 403 — authenticated, but not allowed to do this (missing scope, someone else's object). */
export class AccessDeniedError extends ApiError {
  constructor(message = 'Access denied') {
    super(HttpStatus.FORBIDDEN, message, 'Error');
  }
}

/** 404 — the addressed resource does not exist (or is not visible to the caller). */
export class ResourceNotFoundError extends ApiError {
  constructor(message = 'Resource not found') {
    super(HttpStatus.NOT_FOUND, message, 'Error');
  }
}

/** 409 — e.g. an idempotency key reused with a different request. */
export class ConflictError extends ApiError {
  constructor(message: string, data: unknown = null) {
    super(HttpStatus.CONFLICT, message, 'Error', data);
  }
}

/** 422 — the request is well-formed but breaks a business rule; `data` may carry a `code`. */
export class BusinessRuleError extends ApiError {
  constructor(message: string, data: unknown = null) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, message, 'Error', data);
  }
}

/** 429 — too many requests from this caller (per IP, per phone for code sending). */
export class RateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number, message = 'Too many requests, retry later') {
    super(HttpStatus.TOO_MANY_REQUESTS, message, 'Error', null, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
  }
}

/** 503 — a service or the broker needed for this request is down. `dependency` is logged, not shown. */
export class DependencyUnavailableError extends ApiError {
  constructor(
    readonly dependency: string,
    cause?: unknown,
  ) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'Service temporarily unavailable, retry later', 'Error', null, { cause });
  }
}

/**
 * 504 — the RPC got no reply in time. The operation may still complete, which is why write
 * requests carry idempotency keys: retrying with the same key is safe.
 */
export class UpstreamTimeoutError extends ApiError {
  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super(HttpStatus.GATEWAY_TIMEOUT, 'The operation did not complete in time, retry later', 'Error', null, { cause });
  }
}
