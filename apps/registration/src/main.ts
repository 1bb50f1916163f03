import { bootstrapService } from '@loyalty/runtime';
import { AppModule, REGISTRATION_SERVICE_NAME } from './app.module';
import { RegistrationConfig } from './config/registration.config';

void bootstrapService({
  serviceName: REGISTRATION_SERVICE_NAME,
  config: RegistrationConfig,
  module: (config) => AppModule.forRoot(config),
});
