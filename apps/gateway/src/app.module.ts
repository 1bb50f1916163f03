import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BatchOperationsApiModule } from './batch-operations/batch-operations-api.module';
import { CardsApiModule } from './cards/cards-api.module';
import type { GatewayConfig } from './config/gateway.config';
import { ProcessingApiModule } from './processing/processing-api.module';
import { RegistrationApiModule } from './registration/registration.module';
import { RpcModule } from './rpc/rpc.module';

export const GATEWAY_SERVICE_NAME = 'gateway';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: GATEWAY_SERVICE_NAME }),
        // No database and no outbox: the gateway only makes RPC calls. It starts without the
        // broker and reports not-ready until the connection is up.
        MessagingModule.forRoot({ serviceName: GATEWAY_SERVICE_NAME, url: config.RABBITMQ_URL, rpcTimeoutMs: config.RPC_TIMEOUT_MS }),
        HealthModule.register({ checks: [BrokerReadinessCheck] }),
        RpcModule,
        AuthModule,
        RegistrationApiModule,
        CardsApiModule,
        ProcessingApiModule,
        BatchOperationsApiModule,
      ],
    };
  }
}
