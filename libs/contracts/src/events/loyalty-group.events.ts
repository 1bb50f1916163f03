import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/**
 * `cards.loyaltyGroup.changed` (internal): a loyalty group (= card category, SPEC §3.3) was
 * created or changed. Published by cards; processing keeps the program rules of each group from
 * it. Card events name a card's category by its title, so consumers key groups by `id` and
 * follow renames through it.
 */
export const LOYALTY_GROUP_CHANGED_EVENT_CODE = 'OnLoyaltyGroupChange';

export const LoyaltyType = { Discount: 'discount', Bonuses: 'bonuses' } as const;
export type LoyaltyType = (typeof LoyaltyType)[keyof typeof LoyaltyType];

export class LoyaltyGroupChangedEvent {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  @Length(1, 100)
  title: string;

  @IsIn(Object.values(LoyaltyType))
  loyaltyType: LoyaltyType;

  /** Percent: the discount for `discount` groups, the accrual for `bonuses` groups. */
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(100)
  loyaltyQuantity: number;

  @IsBoolean()
  active: boolean;

  @IsOptional()
  @IsIn([LOYALTY_GROUP_CHANGED_EVENT_CODE])
  eventCode?: typeof LOYALTY_GROUP_CHANGED_EVENT_CODE;
}
