import { loadConfig } from '@loyalty/runtime';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { BatchApiConfig } from './batch-api.config';
import { BatchBodyDeferral, BatchBodyMiddleware } from './batch-body.middleware';
import { BatchOperationsClient } from './batch-operations.client';
import { BatchOperationsController } from './batch-operations.controller';

@Module({
  controllers: [BatchOperationsController],
  providers: [{ provide: BatchApiConfig, useFactory: () => loadConfig(BatchApiConfig) }, BatchBodyDeferral, BatchOperationsClient],
})
export class BatchOperationsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BatchBodyMiddleware).forRoutes({ path: 'api/v1/batch-operations', method: RequestMethod.POST });
  }
}
