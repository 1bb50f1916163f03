import { HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';
import { AccessDeniedError, AuthenticationError, UnreadableBodyError } from '../http/api-errors';
import { bearerToken } from '../auth/authenticated-member';
import { BearerTokens } from '../auth/bearer-tokens';
import { OAuthClients } from '../auth/oauth-clients';
import { BatchApiConfig } from './batch-api.config';

export const BATCH_ROUTE = '/api/v1/batch-operations';

/** Where the deferred request keeps its real content type until BatchBodyMiddleware reads the body. */
const DEFERRED_CONTENT_TYPE = Symbol('loyalty:batch-content-type');
const DEFERRED_MARKER = 'application/x-loyalty-deferred-batch';

type DeferredRequest = Request & { [DEFERRED_CONTENT_TYPE]?: string };

const isBatchSubmit = (request: Request): boolean => request.method === 'POST' && /^\/api\/v1\/batch-operations\/?$/.test(request.path);

/**
 * The batch route takes bodies up to BATCH_HTTP_BODY_LIMIT while every other route keeps
 * HTTP_BODY_LIMIT. The gateway's global JSON parser runs for every request before routing and
 * refuses a large body by its Content-Length, so for this one route the body is handed past it:
 *
 * 1. As the HTTP adapter is created — before `configureHttpApp` installs the observability
 *    middleware and the global parsers — a tiny Express middleware relabels the content type of
 *    `POST /api/v1/batch-operations` so the global parsers skip the body.
 * 2. This Nest middleware, which runs after them (correlation id and metrics included), restores
 *    the content type, checks that the caller has an admin client token — before buffering tens
 *    of megabytes — and parses the body with the route's own limit. The controller's guard checks
 *    the token again, as on every System API route.
 */
@Injectable()
export class BatchBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof json>;

  constructor(
    private readonly config: BatchApiConfig,
    private readonly tokens: BearerTokens,
    private readonly clients: OAuthClients,
  ) {
    this.parse = json({ limit: config.BATCH_HTTP_BODY_LIMIT });
  }

  use(request: DeferredRequest, response: Response, next: NextFunction): void {
    if (!isBatchSubmit(request)) return next();
    const contentType = request[DEFERRED_CONTENT_TYPE];
    if (contentType === undefined) return next();
    request.headers['content-type'] = contentType;
    delete request[DEFERRED_CONTENT_TYPE];
    this.assertAdmin(request);
    this.parse(request, response, (error?: unknown) => next(error === undefined ? undefined : this.unreadable(error)));
  }

  private assertAdmin(request: Request): void {
    const token = bearerToken(request);
    if (!token) throw new AuthenticationError('Authentication required: send Authorization: Bearer <token>');
    const claims = this.tokens.verify(token);
    if (!claims) throw new AuthenticationError('The token is invalid or expired');
    const client = claims.typ === 'client' ? this.clients.find(claims.sub) : null;
    if (!client || !claims.scope.split(' ').includes('admin')) throw new AccessDeniedError('This route needs a client token with scope admin');
  }

  private unreadable(error: unknown): unknown {
    switch ((error as { type?: unknown } | null)?.type) {
      case 'entity.parse.failed':
        return new UnreadableBodyError(HttpStatus.BAD_REQUEST, 'Request body is not valid JSON');
      case 'entity.too.large':
        return new UnreadableBodyError(HttpStatus.PAYLOAD_TOO_LARGE, `Request body exceeds the limit of ${this.config.BATCH_HTTP_BODY_LIMIT}`);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return new UnreadableBodyError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported request body encoding');
      default:
        return error;
    }
  }
}

/**
 * Step 1 above. A provider, not middleware: providers are built while the application is created,
 * middleware only at `init()`, after `configureHttpApp` has installed the global parsers.
 */
@Injectable()
export class BatchBodyDeferral {
  constructor(adapterHost: HttpAdapterHost) {
    // Replays once the adapter exists: at once under NestFactory.create, at createNestApplication in tests.
    adapterHost.init$.subscribe(() => adapterHost.httpAdapter.use(deferBatchBody));
  }
}

/** Hides a batch body from the global parsers until BatchBodyMiddleware takes it. */
function deferBatchBody(request: DeferredRequest, _response: Response, next: NextFunction): void {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && isBatchSubmit(request)) {
    request[DEFERRED_CONTENT_TYPE] = contentType;
    request.headers['content-type'] = DEFERRED_MARKER;
  }
  next();
}
