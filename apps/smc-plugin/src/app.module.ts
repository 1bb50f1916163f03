import { DynamicModule, Module } from '@nestjs/common';
import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { SmcPluginConfig } from './config/smc-plugin.config';
import { SmcQueueModule } from './smc-queue/smc-queue.module';
import { SmcQueueService } from './smc-queue/smc-queue.service';

export const SMC_PLUGIN_SERVICE_NAME = 'smc-plugin';

@Module({})
export class AppModule {
  static forRoot(config: SmcPluginConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: SMC_PLUGIN_SERVICE_NAME }),
        // No database, no consumers, no outbox: the plugin only manages a queue's bindings.
        MessagingModule.forRoot({ serviceName: SMC_PLUGIN_SERVICE_NAME, url: config.RABBITMQ_URL }),
        SmcQueueModule,
        HealthModule.register({ checks: [BrokerReadinessCheck, SmcQueueService], imports: [SmcQueueModule] }),
      ],
    };
  }
}
