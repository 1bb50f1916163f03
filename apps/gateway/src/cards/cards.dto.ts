import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Matches, Min } from 'class-validator';

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
