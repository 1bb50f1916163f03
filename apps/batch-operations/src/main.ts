import { bootstrapService } from '@loyalty/runtime';
import { AppModule, BATCH_OPERATIONS_SERVICE_NAME } from './app.module';
import { BatchOperationsConfig } from './config/batch-operations.config';

void bootstrapService({
  serviceName: BATCH_OPERATIONS_SERVICE_NAME,
  config: BatchOperationsConfig,
  module: (config) => AppModule.forRoot(config),
});
