import { bootstrapService } from '@loyalty/runtime';
import { AppModule, SMC_PLUGIN_SERVICE_NAME } from './app.module';
import { SmcPluginConfig } from './config/smc-plugin.config';

void bootstrapService({
  serviceName: SMC_PLUGIN_SERVICE_NAME,
  config: SmcPluginConfig,
  module: (config) => AppModule.forRoot(config),
});
