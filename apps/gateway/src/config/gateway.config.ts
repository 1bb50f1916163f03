/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotation is what emits design:type metadata, which loadConfig needs to convert env strings. */
import { BaseServiceConfig } from '@loyalty/runtime';
import { IsInt, IsString, Matches, Min, MinLength } from 'class-validator';

/**
 * Gateway environment. Inherits NODE_ENV, PORT (3000), LOG_LEVEL, RABBITMQ_URL and
 * SHUTDOWN_TIMEOUT_MS from BaseServiceConfig.
 */
export class GatewayConfig extends BaseServiceConfig {
  /** Largest JSON or form body accepted; bigger ones get 413 before any parsing. */
  @Matches(/^\d+(\.\d+)?\s*(b|kb|mb)$/i, { message: 'must be a size such as 512kb or 1mb' })
  HTTP_BODY_LIMIT: string = '1mb';

  /** How long the gateway waits for a service's RPC reply before answering 504. */
  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS: number = 5000;

  /** Bootstrap admin OAuth client (SPEC §3.1); it can register every other client. */
  @Matches(/^[\w.-]{3,64}$/, { message: 'must be 3-64 letters, digits, dots, dashes or underscores' })
  ADMIN_CLIENT_ID: string;

  @IsString()
  @MinLength(16)
  ADMIN_CLIENT_SECRET: string;
}
