// Config classes need design-time types recorded when they are declared, before Nest loads.
import 'reflect-metadata';
/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotation is what emits design:type metadata, which loadConfig needs to convert env strings. */
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { LOG_LEVELS, type LogLevel } from '../logging/json-logger';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

/**
 * Variables every service reads. Apps extend this class with their own; `loadConfig` validates
 * the whole set at boot. Keep `.env.example` in step with the defaults here.
 */
export class BaseServiceConfig {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'production';

  /** HTTP port: the API on the gateway, `/health` and `/metrics` on every service. */
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  @Matches(/^amqps?:\/\/\S+$/, { message: 'must be an amqp:// or amqps:// URL' })
  RABBITMQ_URL: string = 'amqp://guest:guest@127.0.0.1:5672';

  /** Upper bound for a graceful stop; Kubernetes' grace period (30 s by default) must be longer. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 25000;
}
