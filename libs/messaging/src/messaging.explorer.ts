import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { contextFromHeaders, runWithContext } from '@loyalty/runtime';
import type { Channel, ConsumeMessage } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EVENT_CONSUMER_METADATA, EventConsumerOptions } from './consumer/event-consumer.decorator';
import { MessageHandler, MessagePipeline } from './consumer/message-pipeline';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { RPC_HANDLER_METADATA, RpcErrorCode, RpcFault, RpcHandlerOptions, RpcReply, rpcQueueName } from './rpc/rpc';
import {
  consumerQueueArguments,
  DEFAULT_RETRY_DELAYS_SECONDS,
  delayQueueArguments,
  delayQueueName,
  errorQueueName,
  EVENTS_EXCHANGE,
  RPC_EXCHANGE,
} from './topology';
import { validateMessage } from '@loyalty/contracts';

/** Dead-letters the message (to `<queue>.error`); a channel already closed redelivers it instead. */
const rejectWithoutRequeue = (channel: Channel, message: ConsumeMessage): void => {
  try {
    channel.nack(message, false, false);
  } catch {
    // The channel closed under us: the broker requeues the unacknowledged message by itself.
  }
};

/** Finds `@ConsumeEvents` and `@RpcHandler` methods and subscribes them through golevelup. */
@Injectable()
export class MessagingExplorer implements OnApplicationBootstrap {
  private readonly logger = new Logger('Messaging');
  private readonly consumerTags: string[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly amqp: AmqpConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const methodName of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[methodName] as (...args: unknown[]) => Promise<unknown>;
        const consumer = this.reflector.get<EventConsumerOptions>(EVENT_CONSUMER_METADATA, method);
        if (consumer) await this.subscribeConsumer(wrapper, consumer, method.bind(instance) as MessageHandler);
        const rpc = this.reflector.get<RpcHandlerOptions>(RPC_HANDLER_METADATA, method);
        if (rpc) await this.serveRpc(rpc, method.bind(instance));
      }
    }
  }

  private async subscribeConsumer(wrapper: InstanceWrapper, options: EventConsumerOptions, handler: MessageHandler): Promise<void> {
    if (!this.dataSource) {
      throw new Error(`${wrapper.name} consumes ${options.queue} but the service has no database for its inbox`);
    }
    const queueType = this.options.queueType ?? 'classic';
    const delays = this.options.retryDelaysSeconds ?? DEFAULT_RETRY_DELAYS_SECONDS;
    // Error and delay queues are declared on every (re)connect, before the consumer starts.
    await this.amqp.managedChannel.addSetup(async (channel: Channel) => {
      await channel.assertQueue(errorQueueName(options.queue), { durable: true, arguments: { 'x-queue-type': queueType } });
      for (const delay of new Set(delays)) {
        await channel.assertQueue(delayQueueName(options.queue, delay), {
          durable: true,
          arguments: delayQueueArguments(options.queue, delay, queueType),
        });
      }
    });
    const pipeline = new MessagePipeline(options, handler, this.dataSource, this.publishToQueue, delays);
    const { consumerTag } = await this.amqp.createSubscriber<unknown>(
      async (_message, raw) => {
        await this.track(pipeline.process(raw as ConsumeMessage));
      },
      {
        exchange: options.exchange ?? EVENTS_EXCHANGE,
        routingKey: options.routingKeys,
        queue: options.queue,
        queueOptions: { durable: true, arguments: consumerQueueArguments(options.queue, queueType) },
        createQueueIfNotExists: true,
        allowNonJsonMessages: true,
        errorHandler: rejectWithoutRequeue,
      },
      `${wrapper.name}:${options.queue}`,
    );
    this.consumerTags.push(consumerTag);
    this.logger.log(`Consuming ${options.queue} ← ${options.routingKeys.join(', ')}`);
  }

  private async serveRpc(options: RpcHandlerOptions, handler: (request: object) => Promise<unknown>): Promise<void> {
    const { consumerTag } = await this.amqp.createRpc<unknown, RpcReply>(
      async (message, raw) => {
        const headers = ((raw as ConsumeMessage | undefined)?.properties.headers ?? {}) as Record<string, unknown>;
        return this.track(runWithContext(contextFromHeaders(headers), () => this.answerRpc(options, handler, message)));
      },
      {
        exchange: RPC_EXCHANGE,
        routingKey: options.routingKey,
        queue: rpcQueueName(options.routingKey),
        queueOptions: { durable: true },
        createQueueIfNotExists: true,
        allowNonJsonMessages: true,
        errorHandler: rejectWithoutRequeue,
      },
    );
    this.consumerTags.push(consumerTag);
    this.logger.log(`Serving RPC ${options.routingKey}`);
  }

  /**
   * Shutdown, step one: take no new messages and wait for the handlers in flight, while the
   * database and the broker connection are still open (their own shutdown hooks run after).
   */
  async stopConsuming(): Promise<void> {
    const tags = this.consumerTags.splice(0);
    await Promise.all(tags.map((tag) => this.amqp.cancelConsumer(tag).catch(() => undefined)));
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async answerRpc(
    options: RpcHandlerOptions,
    handler: (request: object) => Promise<unknown>,
    message: unknown,
  ): Promise<RpcReply> {
    const stopTimer = messagingMetrics.handlerDuration.startTimer({ queue: rpcQueueName(options.routingKey) });
    const validation = validateMessage(options.request, message);
    if (!validation.ok) {
      stopTimer({ outcome: 'invalid' });
      return { ok: false, error: { code: RpcErrorCode.ValidationFailed, message: 'Invalid request', details: validation.errors } };
    }
    try {
      const data = await handler(validation.value);
      stopTimer({ outcome: 'handled' });
      return { ok: true, data: data ?? null };
    } catch (error) {
      if (error instanceof RpcFault) {
        stopTimer({ outcome: 'fault' });
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      }
      const errorId = randomBytes(16).toString('hex');
      this.logger.error(`RPC ${options.routingKey} failed, error id ${errorId}: ${(error as Error)?.message}`, (error as Error)?.stack);
      stopTimer({ outcome: 'failed' });
      return { ok: false, error: { code: RpcErrorCode.Internal, message: `Internal error ${errorId}` } };
    }
  }

  private readonly publishToQueue = async (queue: string, body: Buffer, options: object): Promise<void> => {
    await this.amqp.publish('', queue, body, options);
  };
}
