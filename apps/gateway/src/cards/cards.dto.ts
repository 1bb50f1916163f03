import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class SetCardDto {
  @ApiProperty({ example: '9116580844911085' })
  @Matches(/^\d{6,32}$/, { message: 'cardNumber must be 6-32 digits' })
  cardNumber: string;
}

export class ImportCardsDto {
  @ApiProperty({ type: [String], example: ['9116580844911085', '9116580844911093'], description: 'At most 10,000 numbers per request' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @Matches(/^\d{6,32}$/, { each: true, message: 'each card number must be 6-32 digits' })
  cardNumbers: string[];

  @ApiPropertyOptional({ description: 'Category (loyalty group) id; the configured default when left out', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  categoryId?: number;
}

export class ChangeBlockStateDto {
  @ApiProperty({ description: 'true blocks the card, false unblocks it', example: true })
  @IsBoolean()
  targetBlockState: boolean;
}

export class ChangeDeleteStateDto {
  @ApiProperty({ description: 'true deletes the card, false restores it', example: true })
  @IsBoolean()
  targetDeleteState: boolean;
}

export class ChangeCategoryDto {
  @ApiProperty({ description: 'Id of the new category (loyalty group)', example: 2 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  categoryId: number;
}

export class ReplaceCardDto {
  @ApiProperty({ description: 'A physical card from the pool that takes the old card’s place', example: '9116580844911085' })
  @Matches(/^\d{6,32}$/, { message: 'newCardNumber must be 6-32 digits' })
  newCardNumber: string;
}

export class LoyaltyGroupDto {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id: number;

  @ApiProperty({ example: 'VIP', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  title: string;

  @ApiProperty({ enum: ['discount', 'bonuses'] })
  @IsIn(['discount', 'bonuses'])
  loyaltyType: 'discount' | 'bonuses';

  @ApiProperty({ description: 'Percent (0–100, at most 4 decimals): the discount, or the accrual for bonuses groups', example: 10 })
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  loyaltyQuantity: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  active: boolean;
}

export class PutLoyaltyGroupsDto {
  @ApiProperty({ type: [LoyaltyGroupDto], description: 'Groups to create or update by id; groups not named are left alone' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LoyaltyGroupDto)
  groups: LoyaltyGroupDto[];
}
