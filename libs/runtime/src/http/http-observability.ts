import type { INestApplication } from '@nestjs/common';
import { correlationMiddleware } from '../context/correlation.middleware';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Operational routes. They live outside any API prefix and envelope: pass this list to
 * `app.setGlobalPrefix(prefix, { exclude: OPERATIONAL_PATHS })` if an app ever uses a prefix.
 */
export const OPERATIONAL_PATHS = ['health/live', 'health/ready', 'metrics'];

/**
 * Installs the request context and HTTP metrics middleware in front of everything else (body
 * parsing included). Call it before `app.init()`/`listen()`. Metrics are recorded only when
 * `MetricsModule` is part of the app.
 */
export function useHttpObservability(app: INestApplication): void {
  app.use(correlationMiddleware);
  const metrics = optionalProvider(app, MetricsService);
  if (metrics) app.use(httpMetricsMiddleware(metrics));
}

function optionalProvider<T>(app: INestApplication, token: new (...args: never[]) => T): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}
