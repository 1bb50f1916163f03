import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_ID_HEADER, contextFromHeaders, runWithContext } from './request-context';

/**
 * Express middleware: takes `x-correlation-id` and `traceparent` from the request (or starts new
 * ones), runs the rest of the request inside that context and echoes the correlation id, so a
 * client can quote it when reporting a problem.
 */
export function correlationMiddleware(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
  const context = contextFromHeaders(request.headers);
  response.setHeader(CORRELATION_ID_HEADER, context.correlationId);
  runWithContext(context, () => next());
}
