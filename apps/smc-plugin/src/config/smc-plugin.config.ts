/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotations emit the design:type metadata loadConfig converts env strings with. */
import { BaseServiceConfig, BooleanFromEnv } from '@loyalty/runtime';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Min } from 'class-validator';

export class SmcPluginConfig extends BaseServiceConfig {
  override PORT: number = 3010;

  /** Enabled: `smc.customerEvents` is declared and bound to the 12 SMC routing keys. Disabled: unbound, backlog kept. */
  @IsBoolean()
  @BooleanFromEnv()
  SMC_ENABLED: boolean = true;

  /** `quorum` on RabbitMQ clusters. SMC, if it declares the queue itself, must use the same type. */
  @IsIn(['classic', 'quorum'])
  SMC_QUEUE_TYPE: 'classic' | 'quorum' = 'classic';

  /** How often queue depth and consumer count are sampled for /metrics. */
  @IsInt()
  @Min(500)
  SMC_METRICS_INTERVAL_MS: number = 5000;

  /** Optional management API (http://user:pass@host:15672) for the publish rate metric. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  RABBITMQ_MANAGEMENT_URL?: string;
}
