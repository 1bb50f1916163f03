import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SMC_CUSTOMER_EVENTS_QUEUE, SMC_ROUTING_KEYS } from '@loyalty/contracts';
import { EVENTS_EXCHANGE } from '@loyalty/messaging';
import type { ReadinessCheck } from '@loyalty/runtime';
import type { Channel, ChannelModel } from 'amqplib';
import { SmcPluginConfig } from '../config/smc-plugin.config';
import { smcMetrics } from './smc.metrics';

export interface SmcQueueStatus {
  enabled: boolean;
  queue: string;
  queueType: string;
  /** Whether the last attempt to apply the configured bindings succeeded. */
  bindingsApplied: boolean;
  messages: number | null;
  consumers: number | null;
}

/**
 * Owns `smc.customerEvents`: declares it and binds exactly the 12 SMC routing keys when enabled,
 * unbinds them when disabled (the queue and its backlog stay). It never consumes from the queue:
 * Smart Communications is its only consumer. Bindings are re-applied on every reconnect.
 */
@Injectable()
export class SmcQueueService implements OnApplicationBootstrap, OnApplicationShutdown, ReadinessCheck {
  readonly name = 'smc-bindings';
  private readonly logger = new Logger('SmcQueue');
  private bindingsApplied = false;
  private lastSample: { messages: number; consumers: number } | null = null;
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly config: SmcPluginConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    smcMetrics.enabled.set(this.config.SMC_ENABLED ? 1 : 0);
    await this.amqp.managedChannel.addSetup((channel: Channel) => this.applyBindings(channel));
    this.sampler = setInterval(() => void this.sample(), this.config.SMC_METRICS_INTERVAL_MS);
    this.sampler.unref();
  }

  onApplicationShutdown(): void {
    if (this.sampler) clearInterval(this.sampler);
  }

  async isReady(): Promise<boolean> {
    return this.bindingsApplied;
  }

  async status(): Promise<SmcQueueStatus> {
    await this.sample();
    return {
      enabled: this.config.SMC_ENABLED,
      queue: SMC_CUSTOMER_EVENTS_QUEUE,
      queueType: this.config.SMC_QUEUE_TYPE,
      bindingsApplied: this.bindingsApplied,
      messages: this.lastSample?.messages ?? null,
      consumers: this.lastSample?.consumers ?? null,
    };
  }

  private async applyBindings(channel: Channel): Promise<void> {
    this.bindingsApplied = false;
    try {
      if (this.config.SMC_ENABLED) {
        await channel.assertQueue(SMC_CUSTOMER_EVENTS_QUEUE, {
          durable: true,
          arguments: { 'x-queue-type': this.config.SMC_QUEUE_TYPE },
        });
        for (const routingKey of SMC_ROUTING_KEYS) await channel.bindQueue(SMC_CUSTOMER_EVENTS_QUEUE, EVENTS_EXCHANGE, routingKey);
        this.logger.log(`Bound ${SMC_CUSTOMER_EVENTS_QUEUE} to ${SMC_ROUTING_KEYS.length} routing keys`);
      } else if (await this.queueExists()) {
        for (const routingKey of SMC_ROUTING_KEYS) await channel.unbindQueue(SMC_CUSTOMER_EVENTS_QUEUE, EVENTS_EXCHANGE, routingKey);
        this.logger.log(`SMC disabled: unbound ${SMC_CUSTOMER_EVENTS_QUEUE}, its backlog is kept`);
      }
      this.bindingsApplied = true;
    } catch (error) {
      // E.g. PRECONDITION_FAILED when the queue exists with another type: readiness stays false.
      this.logger.error(`Could not apply the SMC bindings: ${(error as Error).message}`);
      throw error;
    }
  }

  /** Depth and consumers, read with a throwaway channel (a missing queue closes the channel that asks). */
  private async inspectQueue(): Promise<{ messages: number; consumers: number } | null> {
    const channel = await (this.amqp.connection as unknown as ChannelModel).createChannel();
    channel.on('error', () => undefined);
    try {
      const { messageCount, consumerCount } = await channel.checkQueue(SMC_CUSTOMER_EVENTS_QUEUE);
      await channel.close();
      return { messages: messageCount, consumers: consumerCount };
    } catch {
      return null;
    }
  }

  private async queueExists(): Promise<boolean> {
    return (await this.inspectQueue()) !== null;
  }

  private async sample(): Promise<void> {
    if (!this.amqp.managedConnection.isConnected()) return;
    try {
      this.lastSample = await this.inspectQueue();
      if (this.lastSample) {
        smcMetrics.messages.set(this.lastSample.messages);
        smcMetrics.consumers.set(this.lastSample.consumers);
      }
      const rate = await this.publishRate();
      if (rate !== null) smcMetrics.publishRate.set(rate);
    } catch (error) {
      this.logger.warn(`Could not sample ${SMC_CUSTOMER_EVENTS_QUEUE}: ${(error as Error).message}`);
    }
  }

  /** Messages/s into the queue, from the management API when one is configured. */
  private async publishRate(): Promise<number | null> {
    if (!this.config.RABBITMQ_MANAGEMENT_URL) return null;
    const base = new URL(this.config.RABBITMQ_MANAGEMENT_URL);
    const auth = Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64');
    base.username = '';
    base.password = '';
    const url = new URL(`api/queues/%2F/${encodeURIComponent(SMC_CUSTOMER_EVENTS_QUEUE)}`, base.toString().replace(/\/?$/, '/'));
    const response = await fetch(url, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(2000) });
    if (!response.ok) return null;
    const body = (await response.json()) as { message_stats?: { publish_details?: { rate?: number } } };
    return body.message_stats?.publish_details?.rate ?? 0;
  }
}
