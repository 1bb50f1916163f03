/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotations emit the design:type metadata loadConfig converts env strings with. */
import { BaseServiceConfig } from '@loyalty/runtime';
import { IsIn, IsInt, IsJSON, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** MAIN_CARD_ASSIGNING_REQUIRED values (SPEC §3.2). */
export const MainCardAssigning = {
  /** No AssignCard step. */
  NotAssign: 0,
  Assign: 1,
  AssignOptional: 2,
} as const;
export type MainCardAssigning = (typeof MainCardAssigning)[keyof typeof MainCardAssigning];

export const EMAIL_STEP_STATES = ['Required', 'Optional', 'Off'] as const;
export type EmailStepState = (typeof EMAIL_STEP_STATES)[number];

export class RegistrationConfig extends BaseServiceConfig {
  override PORT: number = 3001;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/loyalty_registration';

  /** 1: a phone number may be the registration login. */
  @IsIn([0, 1])
  REGISTRATION_PROVIDER_PHONE: number = 1;

  /** 1: the number of a Prepared/Issued card may be the registration login. */
  @IsIn([0, 1])
  REGISTRATION_PROVIDER_CARD: number = 1;

  /** 0 switches self-registration by unauthenticated users off (BeginRegistration is refused). */
  @IsIn([0, 1])
  REGISTRATION_PROVIDER_ANONYMOUS: number = 1;

  /** 0 no AssignCard step, 1 AssignCard Required, 2 AssignCard Optional. */
  @IsIn(Object.values(MainCardAssigning))
  MAIN_CARD_ASSIGNING_REQUIRED: number = MainCardAssigning.AssignOptional;

  /** The ChangeEmail step: Required, Optional or Off. */
  @IsIn(EMAIL_STEP_STATES)
  EMAIL_STEP: EmailStepState = 'Optional';

  /** Digits of a phone or email confirmation code (`confirmCodeLength`). */
  @IsInt()
  @Min(4)
  @Max(8)
  CONFIRM_CODE_LENGTH: number = 6;

  @IsInt()
  @Min(30)
  CONFIRM_CODE_TTL_SECONDS: number = 600;

  /** Wrong attempts after which a code is dead. */
  @IsInt()
  @Min(1)
  CONFIRM_CODE_MAX_ATTEMPTS: number = 5;

  /** Shortest gap between two codes sent to one phone or address. */
  @IsInt()
  @Min(0)
  CONFIRM_CODE_RESEND_INTERVAL_SECONDS: number = 60;

  /** Codes one phone or address may receive in 24 hours. */
  @IsInt()
  @Min(1)
  CONFIRM_CODE_DAILY_LIMIT: number = 10;

  /** Key of the HMAC that confirmation codes are stored under; a database dump alone reveals no code. */
  @IsString()
  @MinLength(32)
  CONFIRM_CODE_SECRET: string;

  /** Members younger than this are refused by the questionnaire (the BirthDate question). */
  @IsInt()
  @Min(0)
  @Max(120)
  MIN_MEMBER_AGE: number = 18;

  /** Replaces the default questionnaire tree (JSON, the shape of `GET User/Questions`). */
  @IsOptional()
  @IsJSON()
  QUESTIONNAIRE_JSON?: string;

  /** Wait for the cards service inside a registration step; below the gateway's RPC timeout. */
  @IsInt()
  @Min(100)
  CARDS_RPC_TIMEOUT_MS: number = 3000;
}
