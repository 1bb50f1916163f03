import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { METRICS_OPTIONS, MetricsService, type MetricsModuleOptions } from './metrics.service';

/**
 * `GET /metrics` and an injectable `MetricsService` for the whole app (global, so libraries'
 * providers can inject it without importing this module).
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, MetricsService],
      exports: [MetricsService],
    };
  }
}
