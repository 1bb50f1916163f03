/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotations emit the design:type metadata loadConfig converts env strings with. */
import { BaseServiceConfig } from '@loyalty/runtime';
import { IsIn, IsInt, IsNumber, IsString, IsTimeZone, Matches, Max, Min, MinLength } from 'class-validator';

export const REFUND_NEGATIVE_TYPES = ['SuppressNegative', 'AllowNegative'] as const;
export type RefundNegativeType = (typeof REFUND_NEGATIVE_TYPES)[number];

/**
 * Processing environment. Inherits NODE_ENV, PORT, LOG_LEVEL, RABBITMQ_URL and SHUTDOWN_TIMEOUT_MS.
 * `.env.example` lists every variable with the same defaults.
 */
export class ProcessingConfig extends BaseServiceConfig {
  override PORT: number = 3003;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/loyalty_processing';

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /** A refund that takes back more bonuses than the member has: SuppressNegative takes only what is there. */
  @IsIn(REFUND_NEGATIVE_TYPES)
  REFUND_NEGATIVE_TYPE: RefundNegativeType = 'SuppressNegative';

  /** At most this percentage of a cheque's total (after discounts) may be paid with bonuses. */
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  MAX_BONUS_PAYMENT_PERCENT: number = 50;

  /** Bonuses one card may pay per day before the cashier is warned; 0 = no soft limit. */
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  PAYMENT_DAILY_SOFT_LIMIT: number = 0;

  /** Bonuses one card may pay per day; beyond it a Payment gets LimitGained. 0 = no limit. */
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  PAYMENT_DAILY_HARD_LIMIT: number = 0;

  /** Time zone whose calendar day the daily limits count (IANA name). */
  @IsTimeZone()
  PROGRAM_TIMEZONE: string = 'UTC';

  /** externalId of the default bonus currency (id 1, "Бонусы"); applied at start-up. */
  @IsString()
  @MinLength(1)
  DEFAULT_CURRENCY_EXTERNAL_ID: string = '5f8a1d6e-3c2b-4e71-9a0d-6b4c2e1f7a93';

  /** externalId of the money the cheques are in (purchase events' currencyExternalId). */
  @IsString()
  @MinLength(1)
  PURCHASE_CURRENCY_EXTERNAL_ID: string = 'c1d7e2a4-8b3f-4a6c-9e25-0f1b7d3c5a86';

  /** How long a card lookup on a projection miss waits for the cards service. */
  @IsInt()
  @Min(100)
  CARD_LOOKUP_TIMEOUT_MS: number = 2000;

  /** How often expired accrual lots are written off; 0 disables the job in this replica. */
  @IsInt()
  @Min(0)
  EXPIRY_JOB_INTERVAL_MS: number = 60000;
}
