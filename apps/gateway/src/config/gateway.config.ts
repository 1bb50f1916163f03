/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotation is what emits design:type metadata, which loadConfig needs to convert env strings. */
import { BaseServiceConfig } from '@loyalty/runtime';
import { IsInt, IsJSON, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

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

  /** Key of the HMAC-SHA256 signature of every bearer token the gateway issues (SPEC §3.1). */
  @IsString()
  @MinLength(32)
  TOKEN_SIGNING_SECRET: string;

  /** Lifetime of member and client tokens. */
  @IsInt()
  @Min(60)
  @Max(86400)
  TOKEN_TTL_SECONDS: number = 3600;

  /**
   * The public client of the member apps (portal, mobile): no secret, used for member calls that
   * name no other client; its numeric id is the `applicationId` of their events.
   */
  @Matches(/^[\w.-]{3,64}$/, { message: 'must be 3-64 letters, digits, dots, dashes or underscores' })
  PUBLIC_CLIENT_ID: string = 'member-portal';

  /**
   * More OAuth clients, as a JSON array of `{clientId, applicationId, secret, scopes}` (scopes
   * from pos, partner, admin). Ids 1 and 2 belong to the admin and public clients.
   */
  @IsOptional()
  @IsJSON()
  OAUTH_CLIENTS?: string;

  /** Window of the in-memory rate limits below. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS: number = 600;

  /** Confirmation codes one client IP may trigger per window (BeginRegistration, PhoneNumber, Email, SendConfirmCode). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_CODE_SENDS_PER_IP: number = 30;

  /** Codes one phone number (or member, for resends) may trigger per window. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_CODE_SENDS_PER_PHONE: number = 5;

  /** Password attempts (token password grant, BeginRegistration with a password) per client IP and window. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGINS_PER_IP: number = 60;

  /** Password attempts per login (phone or card number) and window. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGINS_PER_LOGIN: number = 10;
}
