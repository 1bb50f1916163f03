import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Channel, ConsumeMessage } from 'amqplib';
import { BrokerReadinessCheck } from './broker-readiness.check';
import { MessagingExplorer } from './messaging.explorer';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { Outbox } from './outbox/outbox';
import { MessagingLifecycle } from './messaging.lifecycle';
import { RpcClient } from './rpc/rpc-client';
import { exchangeTopology, queueTopology } from './topology';

/**
 * The one way a service talks to RabbitMQ. golevelup's defaults are overridden on purpose:
 * persistent messages, no requeue on error (failures go through our retry/error queues), a bounded
 * prefetch, and RPC requests that expire when the caller stops waiting.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [
        DiscoveryModule,
        RabbitMQModule.forRoot({
          name: options.serviceName,
          uri: options.url,
          exchanges: exchangeTopology(),
          queues: queueTopology(),
          prefetchCount: options.prefetch ?? 20,
          defaultRpcTimeout: options.rpcTimeoutMs ?? 5000,
          defaultPublishOptions: { persistent: true, contentType: 'application/json' },
          defaultRpcErrorHandler: (channel: Channel, message: ConsumeMessage) => channel.nack(message, false, false),
          // Our explorer registers handlers; golevelup's own discovery stays off so nothing subscribes unwrapped.
          registerHandlers: false,
          enableControllerDiscovery: false,
          connectionInitOptions: { wait: options.waitForBroker ?? false, timeout: 10_000, reject: true },
          connectionManagerOptions: {
            heartbeatIntervalInSeconds: 10,
            reconnectTimeInSeconds: 2,
            connectionOptions: { clientProperties: { connection_name: options.serviceName } },
          },
          logger: new Logger('RabbitMQ'),
        }),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        Outbox,
        RpcClient,
        BrokerReadinessCheck,
        MessagingExplorer,
        MessagingLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, Outbox, RpcClient, BrokerReadinessCheck, RabbitMQModule],
    };
  }
}
