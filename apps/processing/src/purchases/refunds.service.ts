import { Injectable } from '@nestjs/common';
import { BalanceChangeReason, EventCode, ProcessingResultCode, RefundReply, RefundRequest, RoutingKey } from '@loyalty/contracts';
import { Outbox, RpcErrorCode, RpcFault } from '@loyalty/messaging';
import { EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { ProcessingConfig } from '../config/processing.config';
import { RegistryService } from '../currencies/registry.service';
import { HistoryService } from '../history/history.service';
import { LedgerService } from '../ledger/ledger.service';
import { allocateByWeight } from '../money/allocation';
import { Money, moneyFromDecimal, moneyFromNumber, moneyToDecimal, moneyToNumber, sumMoney, ZERO } from '../money/money';
import { ChequeLine, fromStoredLines, fromStoredPositions, Positions, toStoredLines, toStoredPositions } from './cheque';
import { OperationJournal } from './operation-journal';
import { Purchase, ReturnedLine } from './purchase.entity';
import { PurchaseFacts, purchaseHistoryData, purchaseRefundedEvent } from './purchase-events';
import { baseReply, scopeOf } from './purchases.service';
import { Refusal } from './refusal';
import { reversedShare } from './refund-share';

/**
 * Refunds (SPEC §3.4): goods of a confirmed purchase come back; for each returned line the
 * bonuses paid on it are given back and the bonuses accrued on it are taken back, in proportion
 * to the quantity returned. The refund is a purchase of its own (kind Refund) with its own id.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly config: ProcessingConfig,
    private readonly registry: RegistryService,
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerService,
    private readonly history: HistoryService,
    private readonly journal: OperationJournal,
    private readonly outbox: Outbox,
  ) {}

  async refund(request: RefundRequest): Promise<RefundReply> {
    const scope = scopeOf(request);
    const positions = request.cheque.lines.map((line) => line.position);
    if (new Set(positions).size !== positions.length) {
      throw new RpcFault(RpcErrorCode.ValidationFailed, 'Invalid request', ['cheque.lines: positions must be unique']);
    }
    return this.journal.run<RefundReply>(
      'Refund',
      scope,
      request,
      (manager) => lockPurchase(manager, scope, request.refundPurchaseId),
      async (manager, original, transactionId) => {
        if (request.member && original.customerId !== request.member.memberId) {
          throw new Refusal(ProcessingResultCode.PurchaseNotFound, 'Purchase not found');
        }
        if (original.stage === 'Canceled') throw new Refusal(ProcessingResultCode.OperationIsCanceled, 'The purchase is canceled');
        if (original.stage !== 'Confirmed') throw new Refusal(ProcessingResultCode.IncorrectOperationOrder, 'Only a confirmed purchase can be refunded');
        const taken = await manager.getRepository(Purchase).exists({ where: { merchantScope: scope, externalPurchaseId: request.purchaseId } });
        if (taken) throw new Refusal(ProcessingResultCode.IncorrectOperationOrder, `Purchase id ${request.purchaseId} is already in use`);

        const { returnedLines, payment, accrual, returned } = this.reverse(original, request);
        const paymentBack = sumMoney(payment.values());
        const accrualBack = sumMoney(accrual.values());

        const account = await this.accounts.lock(manager, original.accountId);
        const allowNegative = this.config.REFUND_NEGATIVE_TYPE === 'AllowNegative';
        // SuppressNegative: take back only what is there beyond what open payments hold.
        const afterCredit = account.balance + paymentBack;
        const available = afterCredit - account.held;
        const takeBack = allowNegative ? accrualBack : accrualBack < available ? accrualBack : available > 0n ? available : ZERO;
        const takenPositions =
          takeBack === accrualBack
            ? accrual
            : allocateByWeight(takeBack, [...accrual].map(([position, amount]) => ({ position, weight: amount })));

        const occurredAt = new Date(request.operationDate);
        const refundPurchaseId = await this.insertRefund(manager, scope, request, original, returnedLines, {
          payment,
          paymentBack,
          taken: takenPositions,
          takeBack,
        });
        await this.ledger.post(
          manager,
          account,
          [
            { kind: BalanceChangeReason.RefundPaymentReturn, amount: paymentBack },
            { kind: BalanceChangeReason.RefundRewardReversal, amount: -takeBack, allowNegative },
          ],
          { purchaseId: refundPurchaseId, sourceId: request.operationId, cardNumber: original.cardNumber, occurredAt },
        );
        await manager.getRepository(Purchase).update({ id: original.id }, { returned });

        const facts: PurchaseFacts = {
          purchaseId: refundPurchaseId,
          externalPurchaseId: request.purchaseId,
          chequeNumber: request.cheque.number ?? original.chequeNumber,
          lines: returnedLines,
          payment,
          accrual: takenPositions,
          discount: new Map(),
          offerExternalId: original.offerExternalId,
          merchant: request.merchant ?? original.merchant,
          cashier: request.cashier ?? original.cashier,
          identity: original.identity,
          owner: { customerId: account.customerId, customerUid: account.customerUid, accountgroupId: account.accountgroupId },
          identifierId: original.identifierId,
          applicationId: request.applicationId ?? original.applicationId,
          dateTime: occurredAt,
        };
        const currencies = { money: await this.registry.moneyCurrency(), bonus: await this.registry.defaultCurrency() };
        await this.outbox.add(manager, {
          routingKey: RoutingKey.PurchasesRefundModelUpdate,
          eventCode: EventCode.OnPurchaseRefund,
          body: purchaseRefundedEvent(facts, { purchaseId: original.id, externalPurchaseId: original.externalPurchaseId }, currencies),
        });
        await this.history.record(manager, {
          customerId: original.customerId,
          cardId: original.cardId,
          dateTime: occurredAt,
          identity: original.identity,
          description: 'Возврат покупки',
          partnerId: facts.merchant?.partnerId ?? null,
          brandId: facts.merchant?.brandId ?? null,
          data: purchaseHistoryData(facts, true, currencies),
        });
        return {
          ...baseReply(request.operationId, Number(transactionId)),
          returnedBonusAmount: moneyToNumber(paymentBack),
          withdrawnBonusAmount: moneyToNumber(takeBack),
        };
      },
    );
  }

  /** Per returned line: the lines of the refund cheque and the shares given and taken back. */
  private reverse(original: Purchase, request: RefundRequest) {
    const bought = new Map(fromStoredLines(original.lines).map((line) => [line.position, line]));
    const paymentShares = fromStoredPositions(original.paymentPositions);
    const accrualShares = fromStoredPositions(original.accrualPositions);
    const returned: Record<string, ReturnedLine> = { ...original.returned };
    const returnedLines: ChequeLine[] = [];
    const payment: Positions = new Map();
    const accrual: Positions = new Map();
    for (const requested of request.cheque.lines) {
      const line = bought.get(requested.position);
      if (!line) throw new Refusal(ProcessingResultCode.DifferentCheque, `The purchase has no position ${requested.position}`);
      const before = returned[String(requested.position)] ?? { quantity: '0', payment: '0', accrual: '0' };
      const returningNow = moneyFromNumber(requested.quantity);
      const returnedBefore = moneyFromDecimal(before.quantity);
      if (returnedBefore + returningNow > line.quantity) {
        throw new Refusal(ProcessingResultCode.DifferentCheque, `Position ${requested.position}: more returned than bought`);
      }
      const common = { boughtQuantity: line.quantity, returnedBefore, returningNow };
      const paymentBack = reversedShare({ ...common, share: paymentShares.get(line.position) ?? ZERO, alreadyReversed: moneyFromDecimal(before.payment) });
      const accrualBack = reversedShare({ ...common, share: accrualShares.get(line.position) ?? ZERO, alreadyReversed: moneyFromDecimal(before.accrual) });
      payment.set(line.position, paymentBack);
      accrual.set(line.position, accrualBack);
      returned[String(line.position)] = {
        quantity: moneyToDecimal(returnedBefore + returningNow),
        payment: moneyToDecimal(moneyFromDecimal(before.payment) + paymentBack),
        accrual: moneyToDecimal(moneyFromDecimal(before.accrual) + accrualBack),
      };
      returnedLines.push({ ...line, quantity: returningNow, amount: moneyFromNumber(requested.amount), posDiscount: ZERO, programDiscount: ZERO });
    }
    return { returnedLines, payment, accrual, returned };
  }

  private async insertRefund(
    manager: EntityManager,
    scope: string,
    request: RefundRequest,
    original: Purchase,
    lines: ChequeLine[],
    amounts: { payment: Positions; paymentBack: Money; taken: Positions; takeBack: Money },
  ): Promise<number> {
    const inserted = await manager.getRepository(Purchase).insert({
      merchantScope: scope,
      externalPurchaseId: request.purchaseId,
      kind: 'Refund',
      stage: 'Confirmed',
      customerId: original.customerId,
      accountId: original.accountId,
      cardNumber: original.cardNumber,
      cardId: original.cardId,
      identity: original.identity,
      identifierId: original.identifierId,
      applicationId: request.applicationId ?? original.applicationId,
      merchant: request.merchant ?? original.merchant,
      cashier: request.cashier ?? original.cashier,
      chequeNumber: request.cheque.number ?? original.chequeNumber,
      lines: toStoredLines(lines),
      groupId: original.groupId,
      offerExternalId: original.offerExternalId,
      paymentAmount: amounts.paymentBack,
      paymentPositions: toStoredPositions(amounts.payment),
      accrualAmount: amounts.takeBack,
      accrualPositions: toStoredPositions(amounts.taken),
      refundedPurchaseId: original.id,
      operationDate: new Date(request.operationDate),
      confirmedAt: new Date(),
    });
    return inserted.identifiers[0]['id'] as number;
  }
}

function lockPurchase(manager: EntityManager, scope: string, externalPurchaseId: string): Promise<Purchase | null> {
  return manager.getRepository(Purchase).findOne({ where: { merchantScope: scope, externalPurchaseId }, lock: { mode: 'pessimistic_write' } });
}
