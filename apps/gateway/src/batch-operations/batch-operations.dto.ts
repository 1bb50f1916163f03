import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { BATCH_OPERATION_TYPES, BatchState, type BatchOperationType } from '@loyalty/contracts';

/**
 * One item of `accrue`, as documented by the seed. Documentation only: items travel to the
 * batch-operations service as sent and are checked there, so that a bad item is answered with
 * `status: 1` naming it (the seed's protocol) rather than with a 400.
 */
export class BatchItemDto {
  @ApiProperty({ description: 'Card number or the member’s customerUid', example: '012345' })
  memberNo: string;

  @ApiPropertyOptional({ description: 'Shown in History; defaults to accrueDescription. Note the capital D (seed).', example: 'string' })
  Description?: string;

  @ApiProperty({
    description: '"YYYY-MM-DD HH:mm:ss" in the program time zone (PROGRAM_TIMEZONE), or ISO-8601 with an offset',
    example: '2013-08-14 12:26:14',
  })
  operationDate: string;

  @ApiPropertyOptional({ example: ' merchantName' })
  merchantName?: string;

  @ApiProperty({ description: 'Money, at most 4 decimals, not negative', example: 152246.54 })
  transactionAmount: number;

  @ApiProperty({ description: 'Bonuses to accrue or take back: positive, at most 2 decimals', example: 1522.46 })
  pointsAmount: number;
}

/**
 * The request's own fields, validated by the gateway (a request without them is not a batch
 * request at all: 400). `accrue` is checked to be a non-empty array of objects.
 */
export class BatchRequestHeaderDto {
  @ApiProperty({ description: 'Unique id of the request: a repeat with the same body gets the original reply and applies nothing', example: '123' })
  @IsString()
  @Length(1, 100)
  requestId: string;

  @ApiProperty({ enum: BATCH_OPERATION_TYPES, description: '2 accrual, 3 withdrawal (bonuses taken back), 4 manual accrual, 5 manual withdrawal', example: 2 })
  @IsInt()
  @IsIn(BATCH_OPERATION_TYPES)
  type: BatchOperationType;

  @ApiPropertyOptional({ example: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  accrueDescription?: string | null;

  @ApiPropertyOptional({ description: 'Defaults to the default bonus currency', example: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  currencyExternalId?: string | null;

  @ApiPropertyOptional({ description: 'Accruals only; defaults to the default lifetime (no expiry)', example: 'string' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lifeTimeDefinitionExternalId?: string | null;
}

export class BatchRequestDto extends BatchRequestHeaderDto {
  @ApiProperty({ type: [BatchItemDto], description: 'Up to 100,000 items (more if the service allows)' })
  accrue: BatchItemDto[];
}

/** The seed's reply, answered as is (no envelope). */
export class BatchReplyDto {
  @ApiProperty({ example: '123' })
  requestId: string;

  @ApiProperty({ example: 2 })
  type: number;

  @ApiProperty({ enum: [0, 1], description: '0 accepted (validated and stored; items are applied asynchronously), 1 refused' })
  status: number;

  @ApiProperty({ example: 'Операция выполнена успешно' })
  message: string;
}

export class BatchProgressQueryDto {
  @ApiPropertyOptional({ description: 'Failed items to skip', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  errorsFrom?: number;

  @ApiPropertyOptional({ description: 'Failed items to list (at most 1000)', default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  errorsCount?: number;
}

export class BatchItemErrorDto {
  @ApiProperty({ description: 'Position in accrue, from 0' })
  itemIndex: number;

  @ApiProperty()
  memberNo: string;

  @ApiProperty({ example: 'NotEnoughMoney' })
  code: string;

  @ApiProperty()
  message: string;
}

export class BatchProgressDto {
  @ApiProperty()
  requestId: string;

  @ApiProperty()
  type: number;

  @ApiProperty({ enum: Object.values(BatchState) })
  state: BatchState;

  @ApiProperty()
  itemCount: number;

  @ApiProperty()
  appliedCount: number;

  @ApiProperty()
  failedCount: number;

  @ApiProperty()
  pendingCount: number;

  @ApiProperty({ example: '2024-05-01T10:00:00Z' })
  submittedAt: string;

  @ApiProperty({ type: String, nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  finishedAt: string | null;

  @ApiProperty({ type: [BatchItemErrorDto] })
  errors: BatchItemErrorDto[];
}
