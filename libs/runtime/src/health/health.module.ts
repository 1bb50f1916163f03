import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { HEALTH_OPTIONS, HealthController, READINESS_CHECKS, type HealthOptions } from './health.controller';
import type { ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

export interface HealthModuleOptions {
  /** DI tokens of `ReadinessCheck` providers, e.g. `[BrokerReadinessCheck, DatabaseReadinessCheck]`. */
  checks: InjectionToken[];
  /** Per-check time box in milliseconds (default 1000). */
  checkTimeoutMs?: number;
  /** Modules providing the checks, when they are not global. */
  imports?: ModuleMetadata['imports'];
}

/** `GET /health/live` and `GET /health/ready`. Register once, in the app module. */
@Module({})
export class HealthModule {
  static register(options: HealthModuleOptions): DynamicModule {
    const healthOptions: HealthOptions = { checkTimeoutMs: options.checkTimeoutMs ?? 1000 };
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [
        ShutdownState,
        { provide: HEALTH_OPTIONS, useValue: healthOptions },
        { provide: READINESS_CHECKS, useFactory: (...checks: ReadinessCheck[]) => checks, inject: options.checks },
      ],
      exports: [ShutdownState],
    };
  }
}
