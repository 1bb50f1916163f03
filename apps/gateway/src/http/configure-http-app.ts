import { useHttpObservability } from '@loyalty/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config';
import { useBodyParsers } from './body-parsing';
import { EnvelopeExceptionFilter } from './envelope-exception.filter';
import { setupOpenApi } from './openapi';
import { createValidationPipe } from './validation';

/**
 * Everything HTTP-level about the gateway, shared by main.ts and the tests so both serve the same
 * app. Call before `init()`/`listen()`: the middleware order below is the order Express runs them.
 *
 * There is no global prefix: controllers declare `api/v1/...` themselves, which keeps
 * `/health/*`, `/metrics` and `/api/docs` where probes, scrapers and people expect them.
 */
export function configureHttpApp(app: NestExpressApplication, config: GatewayConfig): void {
  app.disable('x-powered-by');
  useHttpObservability(app);
  useBodyParsers(app, config.HTTP_BODY_LIMIT);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new EnvelopeExceptionFilter());
  setupOpenApi(app);
}
