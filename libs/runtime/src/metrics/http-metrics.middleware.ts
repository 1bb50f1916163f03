import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/** Label for requests that matched no route (404s, bodies rejected before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Express middleware timing every request into `http_server_request_duration_seconds`. The route
 * label is the template (`/api/v1/cards/:id`), never the raw path, to keep the series count bounded.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return function recordHttpDuration(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequestDuration.observe(
        { method: request.method, route: routeTemplate(request), status: String(response.statusCode) },
        seconds,
      );
    });
    next();
  };
}

function routeTemplate(request: Request): string {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}` || '/';
}
