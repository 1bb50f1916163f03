import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

// Request bodies of SPEC §3.2, field names as in seed 001.

export class BeginRegistrationDto {
  @ApiProperty({ description: 'Phone number (11-15 digits) or card number', example: '79123487979' })
  @Matches(/^\d{6,32}$/, { message: 'login must be a phone number or a card number (6-32 digits)' })
  login: string;

  @ApiPropertyOptional({ description: 'Empty to start or continue; the password once one is set', example: '' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;
}

export class PhoneNumberDto {
  @ApiProperty({ example: '75645615615' })
  @Matches(/^\d{11,15}$/, { message: 'phoneNumber must be 11-15 digits' })
  phoneNumber: string;
}

export class ConfirmCodeDto {
  @ApiProperty({ example: '384308' })
  @Matches(/^\d{4,8}$/, { message: 'confirmCode must be 4-8 digits' })
  confirmCode: string;
}

export class SetPasswordDto {
  @ApiProperty({ minLength: 6, example: '111111' })
  @IsString()
  @MinLength(6)
  @MaxLength(128)
  password: string;
}

export class EmailDto {
  @ApiProperty({ example: 'test@loymax.ru' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class AnswerDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The question offering options, for a chosen option' })
  @IsOptional()
  @IsInt()
  groupID: number | null;

  @ApiProperty({ description: 'Question id, or the option id when groupID is set' })
  @IsInt()
  id: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The typed answer (selected: false)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  value: string | null;

  @ApiProperty({ description: 'true when an offered option is chosen' })
  @IsBoolean()
  selected: boolean;
}

export class AnswersDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

const CHANNEL_STATES = ['Enabled', 'Disabled'] as const;
type ChannelState = (typeof CHANNEL_STATES)[number];

/** Channels to switch; a channel left out keeps its state. */
export class SubscriptionChannelsDto {
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) mail?: ChannelState;
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) push?: ChannelState;
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) sms?: ChannelState;
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) viber?: ChannelState;
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) chatBot?: ChannelState;
  @ApiPropertyOptional({ enum: CHANNEL_STATES }) @IsOptional() @IsIn(CHANNEL_STATES) socialNetworks?: ChannelState;
}

export class SetSubscriptionDto {
  @ApiProperty({ example: 1, description: 'Subscription type (1 DiscountOperation / Cashback)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  subscriptionTypeId: number;

  @ApiProperty({ type: SubscriptionChannelsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SubscriptionChannelsDto)
  subscriptionInfo: SubscriptionChannelsDto;
}
