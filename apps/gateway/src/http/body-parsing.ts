import { HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { UnreadableBodyError } from './api-errors';

/**
 * JSON and form parsers with the configured size limit, followed by an error middleware that turns
 * body-parser's failures into typed errors for the exception filter. Registered before routing;
 * Nest then skips its own default (100kb) parsers because these are already in place.
 */
export function useBodyParsers(app: NestExpressApplication, limit: string): void {
  app.useBodyParser('json', { limit });
  // Flat forms only (OAuth token requests); nested bracket syntax is not needed by any route.
  app.useBodyParser('urlencoded', { limit, extended: false });
  app.use(function mapBodyParserErrors(error: unknown, _request: Request, _response: Response, next: NextFunction) {
    next(toUnreadableBodyError(error, limit) ?? error);
  });
}

function toUnreadableBodyError(error: unknown, limit: string): UnreadableBodyError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new UnreadableBodyError(HttpStatus.BAD_REQUEST, 'Request body is not valid JSON');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new UnreadableBodyError(HttpStatus.PAYLOAD_TOO_LARGE, `Request body exceeds the limit of ${limit}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnreadableBodyError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported request body encoding');
    default:
      return undefined;
  }
}
