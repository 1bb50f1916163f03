import { Injectable } from '@nestjs/common';
import {
  AvailableRequest,
  BalanceReply,
  BalanceRequest,
  BonusReply,
  BonusRequest,
  CalculateReply,
  CalculateRequest,
  CancelOperationRequest,
  CancelReply,
  CancelRequest,
  ConfirmReply,
  ConfirmRequest,
  PaymentReply,
  PaymentRequest,
  ProcessingRpc,
  RefundReply,
  RefundRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { PurchasesService } from './purchases.service';
import { RefundsService } from './refunds.service';
import { answering } from './refusal';

/**
 * The `/api/v1/Processing` methods (SPEC §3.4) as RPC. Each reply is one element of the Loymax
 * `data` array; a refusal is an RPC error with the Loymax code (see `answering`).
 */
@Injectable()
export class PurchasesHandlers {
  constructor(
    private readonly purchases: PurchasesService,
    private readonly refunds: RefundsService,
  ) {}

  @RpcHandler({ routingKey: ProcessingRpc.Calculate, request: CalculateRequest })
  calculate(request: CalculateRequest): Promise<CalculateReply> {
    return answering(request.operationId, () => this.purchases.calculate(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Available, request: AvailableRequest })
  available(request: AvailableRequest): Promise<CalculateReply> {
    return answering(request.operationId, () => this.purchases.available(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Payment, request: PaymentRequest })
  payment(request: PaymentRequest): Promise<PaymentReply> {
    return answering(request.operationId, () => this.purchases.payment(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Bonus, request: BonusRequest })
  bonus(request: BonusRequest): Promise<BonusReply> {
    return answering(request.operationId, () => this.purchases.bonus(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Confirm, request: ConfirmRequest })
  confirm(request: ConfirmRequest): Promise<ConfirmReply> {
    return answering(request.operationId, () => this.purchases.confirm(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Cancel, request: CancelRequest })
  cancel(request: CancelRequest): Promise<CancelReply> {
    return answering(request.operationId, () => this.purchases.cancel(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.CancelOperation, request: CancelOperationRequest })
  cancelOperation(request: CancelOperationRequest): Promise<CancelReply> {
    return answering(request.operationId, () => this.purchases.cancelOperation(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Refund, request: RefundRequest })
  refund(request: RefundRequest): Promise<RefundReply> {
    return answering(request.operationId, () => this.refunds.refund(request));
  }

  @RpcHandler({ routingKey: ProcessingRpc.Balance, request: BalanceRequest })
  balance(request: BalanceRequest): Promise<BalanceReply> {
    return answering(null, () => this.purchases.balance(request));
  }
}
