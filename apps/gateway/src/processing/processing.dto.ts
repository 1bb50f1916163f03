import {
  AvailableRequest,
  BalanceRequest,
  BonusRequest,
  CalculateRequest,
  CancelOperationRequest,
  CancelRequest,
  ConfirmRequest,
  HistoryItemType,
  PaymentRequest,
  RefundRequest,
} from '@loyalty/contracts';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/**
 * Request bodies: the contract classes (libs/contracts processing.rpc.ts) without what the gateway
 * decides. `member`, `merchant` and `applicationId` come from the token, `purchaseId` (and the
 * operation to cancel) from the URL; sent in a body they are stripped by the ValidationPipe
 * (whitelist), so no client can set them. `identifier` stays: POS clients name the member with it.
 */
const SET_BY_GATEWAY = ['member', 'merchant', 'applicationId', 'purchaseId'] as const;

export class CalculateBody extends OmitType(CalculateRequest, SET_BY_GATEWAY) {}
export class AvailableBody extends OmitType(AvailableRequest, SET_BY_GATEWAY) {}
export class PaymentBody extends OmitType(PaymentRequest, SET_BY_GATEWAY) {}
export class BonusBody extends OmitType(BonusRequest, SET_BY_GATEWAY) {}
export class ConfirmBody extends OmitType(ConfirmRequest, SET_BY_GATEWAY) {}
export class CancelBody extends OmitType(CancelRequest, SET_BY_GATEWAY) {}
export class CancelOperationBody extends OmitType(CancelOperationRequest, [...SET_BY_GATEWAY, 'targetOperationId'] as const) {}
export class RefundBody extends OmitType(RefundRequest, SET_BY_GATEWAY) {}
export class BalanceBody extends OmitType(BalanceRequest, ['member', 'merchant', 'applicationId'] as const) {}

/** `GET History` query (SPEC §3.5): the seed's `filter.*` names as they arrive. */
export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Up to this date (a date includes the whole day) or instant; without it no rows', example: '2030-01-01' })
  @IsOptional()
  @IsISO8601()
  'filter.toDate'?: string;

  @ApiPropertyOptional({ description: 'Rows to return (0-1000); with filter.toDate only, the answer has allCount without rows', example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  'filter.count'?: number;

  @ApiPropertyOptional({ description: 'From this date or instant (inclusive)' })
  @IsOptional()
  @IsISO8601()
  'filter.fromDate'?: string;

  @ApiPropertyOptional({ description: 'Only the rows of this card' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  'filter.cardId'?: number;

  @ApiPropertyOptional({ description: 'Rows to skip, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  'filter.from'?: number;

  @ApiPropertyOptional({ enum: Object.values(HistoryItemType), description: 'Our extension: only rows of this type' })
  @IsOptional()
  @IsIn(Object.values(HistoryItemType))
  'filter.historyItemType'?: HistoryItemType;
}

/** The seed's Calculate body (seed 001), the OpenAPI example of the cheque-carrying methods. */
export const SEED_CALCULATE_BODY = {
  operationId: 'ef59dc2ada294aa285fdbc1e1e05d377',
  operationDate: '2019-04-09T07:24:26.628Z',
  cashier: 'string',
  cheque: {
    number: 'string',
    date: '2019-04-09T07:24:26.628Z',
    lines: [{ position: 1, amount: 85, goodsId: '0036961', barcode: '8765653477', quantity: 1, cashback: 0, discount: 15, name: 'Товар100', price: 100, correction: 0 }],
  },
  coupons: [{ number: 'string' }],
};
