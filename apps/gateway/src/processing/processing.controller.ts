import {
  BalanceReply,
  BonusReply,
  CalculateReply,
  CancelReply,
  ConfirmReply,
  HistoryReply,
  PaymentReply,
  ProcessingRpc,
  RefundReply,
} from '@loyalty/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/authenticated-member';
import { AuthenticatedMember, CurrentMember } from '../auth/authenticated-member';
import { RequireScope } from '../auth/client-scope.guard';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { MemberOrClientGuard } from './member-or-client.guard';
import { CurrentCaller, processingCaller } from './processing-caller';
import {
  AvailableBody,
  BalanceBody,
  BonusBody,
  CalculateBody,
  CancelBody,
  CancelOperationBody,
  ConfirmBody,
  HistoryQuery,
  PaymentBody,
  RefundBody,
  SEED_CALCULATE_BODY,
} from './processing.dto';
import { processingCall } from './processing-reply';

const chequeExample = { seed: { summary: 'Seed 001 Calculate body', value: SEED_CALCULATE_BODY } };

/**
 * Purchase processing (SPEC §3.4): a member token acts for its member; a POS client (scope `pos`)
 * names the member with `identifier`. Answers are `data: [reply]`; refusals 422 (409 for
 * NotUniqueOperationID) with `data: [reply carrying the code]`.
 */
@ApiTags('Processing')
@ApiBearerAuth()
@RequireScope('pos')
@UseGuards(MemberOrClientGuard)
@Controller('api/v1/Processing')
export class ProcessingController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post('Purchases/:purchaseId/Calculate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Program discounts and the most bonuses payable for a cheque' })
  @ApiBody({ type: CalculateBody, examples: chequeExample })
  calculate(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: CalculateBody) {
    return processingCall<CalculateReply>(this.rpc, ProcessingRpc.Calculate, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Bonus/Available')
  @HttpCode(200)
  @ApiOperation({ summary: 'The most bonuses payable on an already priced cheque (changes nothing)' })
  @ApiBody({ type: AvailableBody, examples: chequeExample })
  available(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: AvailableBody) {
    return processingCall<CalculateReply>(this.rpc, ProcessingRpc.Available, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Bonus/Payment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold `amount` bonuses for the purchase' })
  @ApiBody({ type: PaymentBody })
  payment(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: PaymentBody) {
    return processingCall<PaymentReply>(this.rpc, ProcessingRpc.Payment, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Bonus')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record how the cheque is paid (`pays`) and compute the accrual' })
  @ApiBody({ type: BonusBody })
  bonus(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: BonusBody) {
    return processingCall<BonusReply>(this.rpc, ProcessingRpc.Bonus, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the purchase: the hold becomes a withdrawal, the accrual a reward' })
  @ApiBody({ type: ConfirmBody })
  confirm(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: ConfirmBody) {
    return processingCall<ConfirmReply>(this.rpc, ProcessingRpc.Confirm, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unconfirmed purchase and release what it holds' })
  @ApiBody({ type: CancelBody })
  cancel(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: CancelBody) {
    return processingCall<CancelReply>(this.rpc, ProcessingRpc.Cancel, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Purchases/:purchaseId/Operations/:operationId/Cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo one Payment or Bonus operation of an open purchase' })
  @ApiBody({ type: CancelOperationBody })
  cancelOperation(
    @CurrentCaller() caller: AuthenticatedRequest,
    @Param('purchaseId') purchaseId: string,
    @Param('operationId') targetOperationId: string,
    @Body() body: CancelOperationBody,
  ) {
    return processingCall<CancelReply>(this.rpc, ProcessingRpc.CancelOperation, {
      ...body,
      ...processingCaller(caller, body.identifier),
      purchaseId,
      targetOperationId,
    });
  }

  @Post('Purchases/:purchaseId/Refund')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return lines of a confirmed purchase (`refundPurchaseId`); `purchaseId` is the refund’s own id' })
  @ApiBody({ type: RefundBody })
  refund(@CurrentCaller() caller: AuthenticatedRequest, @Param('purchaseId') purchaseId: string, @Body() body: RefundBody) {
    return processingCall<RefundReply>(this.rpc, ProcessingRpc.Refund, { ...body, ...processingCaller(caller, body.identifier), purchaseId });
  }

  @Post('Balance')
  @HttpCode(200)
  @ApiOperation({ summary: 'The member’s balance: amount, held, available and pending bonuses' })
  @ApiBody({ type: BalanceBody })
  balance(@CurrentCaller() caller: AuthenticatedRequest, @Body() body: BalanceBody) {
    return processingCall<BalanceReply>(this.rpc, ProcessingRpc.Balance, { ...body, ...processingCaller(caller, body.identifier) });
  }
}

/** History (SPEC §3.5): the member of the token only. `data` is `{allCount, rows}`, not an array. */
@ApiTags('Processing')
@ApiBearerAuth()
@UseGuards(MemberAuthGuard)
@Controller()
export class HistoryController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get(['api/v1.1/History', 'api/v1/History'])
  @ApiOperation({
    summary: 'The member’s purchases, accruals and withdrawals, newest first',
    description: 'No filter.toDate (nothing, or only filter.count) → 0 rows and allCount 0; only filter.toDate → allCount without rows; both → allCount and rows.',
  })
  async history(@CurrentMember() member: AuthenticatedMember, @Query() query: HistoryQuery) {
    return ok(
      await this.rpc.call<HistoryReply>(ProcessingRpc.History, {
        customerId: member.memberId,
        toDate: query['filter.toDate'],
        count: query['filter.count'],
        fromDate: query['filter.fromDate'],
        cardId: query['filter.cardId'],
        from: query['filter.from'],
        historyItemType: query['filter.historyItemType'],
      }),
    );
  }
}
