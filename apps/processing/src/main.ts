import { bootstrapService } from '@loyalty/runtime';
import { AppModule, PROCESSING_SERVICE_NAME } from './app.module';
import { ProcessingConfig } from './config/processing.config';

void bootstrapService({
  serviceName: PROCESSING_SERVICE_NAME,
  config: ProcessingConfig,
  module: (config) => AppModule.forRoot(config),
});
