// First, so decorator metadata of every class declared after this import is recorded.
import 'reflect-metadata';

export * from './context/request-context';
export * from './context/correlation.middleware';
export * from './config/load-config';
export * from './config/base-service.config';
export * from './config/env-transforms';
export * from './config/service-config.module';
export * from './logging/redact';
export * from './logging/json-logger';
export * from './health/readiness-check';
export * from './health/shutdown-state';
export * from './health/health.controller';
export * from './health/health.module';
export * from './metrics/metrics.service';
export * from './metrics/http-metrics.middleware';
export * from './metrics/metrics.module';
export * from './http/http-observability';
export * from './bootstrap/bootstrap-service';
