/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotations emit the design:type metadata loadConfig converts env strings with. */
import { BaseServiceConfig } from '@loyalty/runtime';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** EMIT_VIRTUAL_CARD values (SPEC §3.2). */
export const VirtualCardEmission = {
  NotEmit: 0,
  /** Every member gets one automatically when they accept the offer. */
  EmitForAll: 1,
  /** Only on request (`PUT Cards/EmitVirtual`). */
  EmitOnDemand: 2,
} as const;
export type VirtualCardEmission = (typeof VirtualCardEmission)[keyof typeof VirtualCardEmission];

export class CardsConfig extends BaseServiceConfig {
  override PORT: number = 3002;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/loyalty_cards';

  /** 0 NotEmit, 1 EmitForAll (at AcceptTenderOffer), 2 EmitOnDemand (PUT Cards/EmitVirtual). */
  @IsIn(Object.values(VirtualCardEmission))
  EMIT_VIRTUAL_CARD: number = VirtualCardEmission.EmitForAll;

  /** Leading digits of every virtual card number; the rest is random plus a Luhn check digit. */
  @Matches(/^\d{1,8}$/, { message: 'must be 1-8 digits' })
  VIRTUAL_CARD_PREFIX: string = '7788';

  /** How many virtual cards a member may hold. */
  @IsInt()
  @Min(1)
  @Max(10)
  VIRTUAL_CARDS_PER_MEMBER: number = 1;

  /** Category (loyalty group) of emitted virtual cards and of imports that name none. */
  @IsInt()
  @Min(1)
  DEFAULT_CARD_CATEGORY_ID: number = 1;
}
