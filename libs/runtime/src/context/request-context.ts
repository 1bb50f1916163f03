import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** Headers that carry the request context across HTTP and AMQP hops. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';

export interface RequestContext {
  correlationId: string;
  /** W3C trace context of the current span: `00-<trace id>-<span id>-<flags>`. */
  traceparent: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function newCorrelationId(): string {
  return randomBytes(16).toString('hex');
}

/** A child span of `parent` (same trace id), or a fresh trace when `parent` is absent or malformed. */
export function childTraceparent(parent?: string | null): string {
  const match = parent ? TRACEPARENT_PATTERN.exec(parent) : null;
  const traceId = match ? match[1] : randomBytes(16).toString('hex');
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

/** Builds a context from inbound headers, keeping what is valid and generating the rest. */
export function contextFromHeaders(headers: Record<string, unknown> | undefined): RequestContext {
  const rawCorrelation = headers?.[CORRELATION_ID_HEADER];
  const rawTrace = headers?.[TRACEPARENT_HEADER];
  const correlationId =
    typeof rawCorrelation === 'string' && /^[\w.-]{1,128}$/.test(rawCorrelation) ? rawCorrelation : newCorrelationId();
  return { correlationId, traceparent: childTraceparent(typeof rawTrace === 'string' ? rawTrace : null) };
}

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Headers to put on an outgoing message or request so the next hop continues this trace. */
export function outgoingContextHeaders(): Record<string, string> {
  const context = currentContext() ?? { correlationId: newCorrelationId(), traceparent: childTraceparent(null) };
  return { [CORRELATION_ID_HEADER]: context.correlationId, [TRACEPARENT_HEADER]: context.traceparent };
}
