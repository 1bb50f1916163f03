import { bootstrapService } from '@loyalty/runtime';
import { AppModule, GATEWAY_SERVICE_NAME } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { configureHttpApp } from './http/configure-http-app';

void bootstrapService({
  serviceName: GATEWAY_SERVICE_NAME,
  config: GatewayConfig,
  module: (config) => AppModule.forRoot(config),
  configure: configureHttpApp,
});
