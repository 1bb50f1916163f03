import { Injectable } from '@nestjs/common';
import {
  AvailableRequest,
  BalanceChangeReason,
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
  EventCode,
  MemberReference,
  MerchantContext,
  PaymentReply,
  PaymentRequest,
  ProcessingResultCode,
  RoutingKey,
} from '@loyalty/contracts';
import { Outbox, RpcErrorCode, RpcFault } from '@loyalty/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { ProcessingConfig } from '../config/processing.config';
import { DEFAULT_CURRENCY_ID } from '../currencies/currency.entity';
import { RegistryService } from '../currencies/registry.service';
import { inTransaction } from '../database/transactions';
import { HistoryService } from '../history/history.service';
import { LedgerService, Posting } from '../ledger/ledger.service';
import { allocateByWeight } from '../money/allocation';
import { isWholeCents, Money, moneyFromDecimal, moneyFromNumber, moneyToDecimal, moneyToNumber, ZERO } from '../money/money';
import { LoyaltyGroup } from '../rules/loyalty-group.entity';
import { LoyaltyGroupsService, ruleOf } from '../rules/loyalty-groups.service';
import { accruals, availablePayment, cardCapabilities, CardCapabilities, paymentCap, programDiscounts } from '../rules/program-rules';
import {
  ChequeLine,
  chequeReply,
  fromStoredLines,
  fromStoredPositions,
  linesOfRequest,
  Positions,
  sameCheque,
  toStoredLines,
  toStoredPositions,
  totalOf,
  weightsOf,
  withProgramDiscounts,
} from './cheque';
import { Caller, MemberResolver, ResolvedMember } from './member-resolver';
import { OperationJournal } from './operation-journal';
import { Purchase } from './purchase.entity';
import { PurchaseFacts, purchaseConfirmedEvent, PurchaseCurrencies, purchaseHistoryData } from './purchase-events';
import { Refusal } from './refusal';

const ZERO_POSITIONS = (lines: readonly ChequeLine[]): Positions => new Map(lines.map((line) => [line.position, ZERO]));

/** Calls that change a purchase carry these. */
export interface PurchaseCall extends Caller {
  purchaseId: string;
  operationId: string;
  operationDate: string;
  cashier?: string | null;
  merchant?: MerchantContext;
  applicationId?: number | null;
}

/**
 * Purchase processing (SPEC §3.4). Every call that changes something runs in one transaction that
 * first locks the purchase row, then checks the operation journal (so a repeated request waits
 * for the first and gets its reply), then locks the account when money moves. Lock order is
 * always purchase → account, so concurrent calls cannot deadlock.
 */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ProcessingConfig,
    private readonly members: MemberResolver,
    private readonly groups: LoyaltyGroupsService,
    private readonly registry: RegistryService,
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerService,
    private readonly history: HistoryService,
    private readonly journal: OperationJournal,
    private readonly outbox: Outbox,
  ) {}

  /** Prices the cheque with the member's group discount and says how many bonuses may pay for it. */
  async calculate(request: CalculateRequest): Promise<CalculateReply> {
    const member = await this.members.resolve(request);
    const capabilities = usable(member);
    const group = await this.groups.groupOfCategory(member.card?.category ?? null);
    const rule = ruleOf(group);
    const requested = linesOfRequest(request.cheque.lines);
    const lines = withProgramDiscounts(requested, programDiscounts(requested, rule));
    const scope = scopeOf(request);
    return inTransaction(this.dataSource, async (manager) => {
      const accountId = await this.accounts.ensure(manager, member.owner, DEFAULT_CURRENCY_ID);
      const { purchase, created } = await this.openPurchase(manager, scope, request, member, accountId, lines, group);
      assertOwner(purchase, member.owner.customerId);
      if (!created) {
        assertStage(purchase, ['Calculated']);
        await manager.getRepository(Purchase).update(
          { id: purchase.id },
          { lines: toStoredLines(lines), chequeNumber: request.cheque.number ?? purchase.chequeNumber, ...this.memberColumns(member, group) },
        );
      }
      const account = await this.accounts.read(manager, accountId);
      const available = availablePayment(this.cap(lines), account.balance - account.held, capabilities.canPay);
      const cashback = capabilities.canAccrue ? accruals(lines, new Map(), rule) : ZERO_POSITIONS(lines);
      return {
        availableAmount: moneyToNumber(available),
        availableBonusAmount: moneyToNumber(available),
        ...baseReply(request.operationId, null),
        cheque: chequeReply(lines, { cashback }),
      };
    });
  }

  /** The most bonuses payable on a priced cheque. Changes nothing. */
  async available(request: AvailableRequest): Promise<CalculateReply> {
    const member = await this.members.resolve(request);
    const capabilities = usable(member);
    const lines = linesOfRequest(request.cheque.lines);
    const account = await this.accounts.findFor(this.dataSource.manager, member.owner.customerId, DEFAULT_CURRENCY_ID);
    const spendable = account ? account.balance - account.held : ZERO;
    const available = availablePayment(this.cap(lines), spendable, capabilities.canPay);
    return {
      availableAmount: moneyToNumber(available),
      availableBonusAmount: moneyToNumber(available),
      ...baseReply(request.operationId, null),
      cheque: chequeReply(lines),
    };
  }

  /** Holds `amount` bonuses for the purchase. */
  async payment(request: PaymentRequest): Promise<PaymentReply> {
    const member = await this.members.resolve(request);
    const capabilities = usable(member);
    if (!capabilities.canPay) throw new Refusal(ProcessingResultCode.CardNotActivated, 'The card is not activated: it may not pay with bonuses');
    const amount = moneyFromNumber(request.amount);
    if (!isWholeCents(amount)) throw new RpcFault(RpcErrorCode.ValidationFailed, 'Invalid request', ['amount: must be whole cents']);
    const group = await this.groups.groupOfCategory(member.card?.category ?? null);
    const requested = linesOfRequest(request.cheque.lines);
    const scope = scopeOf(request);
    return this.journal.run<PaymentReply>('Payment', scope, request, async (manager) => {
      const accountId = await this.accounts.ensure(manager, member.owner, DEFAULT_CURRENCY_ID);
      return (await this.openPurchase(manager, scope, request, member, accountId, requested, group)).purchase;
    }, async (manager, purchase, transactionId) => {
      assertOwner(purchase, member.owner.customerId);
      assertStage(purchase, ['Calculated']);
      const lines = fromStoredLines(purchase.lines);
      if (!sameCheque(lines, requested)) throw new Refusal(ProcessingResultCode.DifferentCheque, 'The cheque differs from the calculated one');
      if (amount > this.cap(lines)) {
        throw new Refusal(ProcessingResultCode.LargePaymentAmount, `At most ${moneyToNumber(this.cap(lines))} may be paid with bonuses`);
      }
      const limitKey = member.card ? `card:${member.card.cardNumber}` : `customer:${member.owner.customerId}`;
      const businessDate = this.businessDate(new Date());
      const cashierMessage = await this.checkDailyLimits(manager, limitKey, businessDate, amount);
      const account = await this.accounts.lock(manager, purchase.accountId);
      if (amount > account.balance - account.held) throw new Refusal(ProcessingResultCode.NotEnoughMoney, 'Not enough bonuses');
      const holdId = await this.ledger.hold(manager, account, {
        purchaseId: purchase.id,
        operationId: request.operationId,
        limitKey,
        businessDate,
        amount,
      });
      const shares = allocateByWeight(amount, weightsOf(lines));
      await manager.getRepository(Purchase).update(
        { id: purchase.id },
        {
          stage: 'Paid',
          paymentAmount: amount,
          paymentPositions: toStoredPositions(shares),
          holdId,
          chequeNumber: request.cheque.number ?? purchase.chequeNumber,
          ...this.memberColumns(member, group),
        },
      );
      const cashback = capabilities.canAccrue ? accruals(lines, shares, ruleOf(group)) : ZERO_POSITIONS(lines);
      return {
        amount: moneyToNumber(amount),
        bonusAmount: moneyToNumber(amount),
        ...baseReply(request.operationId, Number(transactionId)),
        cashierMessage,
        cheque: chequeReply(lines, { payShares: shares, cashback }),
      };
    });
  }

  /** Records how the cheque is paid and computes the accrual, credited at Confirm. */
  async bonus(request: BonusRequest): Promise<BonusReply> {
    const member = await this.members.resolve(request);
    const capabilities = usable(member);
    const group = await this.groups.groupOfCategory(member.card?.category ?? null);
    const requested = linesOfRequest(request.cheque.lines);
    const scope = scopeOf(request);
    return this.journal.run<BonusReply>('Bonus', scope, request, async (manager) => {
      const accountId = await this.accounts.ensure(manager, member.owner, DEFAULT_CURRENCY_ID);
      return (await this.openPurchase(manager, scope, request, member, accountId, requested, group)).purchase;
    }, async (manager, purchase, transactionId) => {
      assertOwner(purchase, member.owner.customerId);
      assertStage(purchase, ['Calculated', 'Paid']);
      const lines = fromStoredLines(purchase.lines);
      if (!sameCheque(lines, requested)) throw new Refusal(ProcessingResultCode.DifferentCheque, 'The cheque differs from the one paid');
      const paid = purchase.stage === 'Paid' ? purchase.paymentAmount : ZERO;
      const paidWithBonuses = (request.pays ?? []).filter((pay) => pay.type.toLowerCase() === 'loymax');
      if (request.pays && moneyFromNumber(paidWithBonuses.reduce((sum, pay) => sum + pay.amount, 0)) !== paid) {
        throw new Refusal(ProcessingResultCode.DifferentCheque, `The bonus part of pays must equal the payment held (${moneyToNumber(paid)})`);
      }
      const shares = paid > 0n ? fromStoredPositions(purchase.paymentPositions) : new Map<number, Money>();
      const accrual = capabilities.canAccrue ? accruals(lines, shares, ruleOf(group)) : ZERO_POSITIONS(lines);
      await manager.getRepository(Purchase).update(
        { id: purchase.id },
        {
          stage: 'Accrued',
          accrualAmount: [...accrual.values()].reduce((sum, value) => sum + value, ZERO),
          accrualPositions: toStoredPositions(accrual),
          chequeNumber: request.cheque.number ?? purchase.chequeNumber,
          ...this.memberColumns(member, group),
        },
      );
      return { ...baseReply(request.operationId, Number(transactionId)), cheque: chequeReply(lines, { payShares: paid > 0n ? shares : null, cashback: accrual }) };
    });
  }

  /** Turns the hold into a withdrawal and the accrual into a reward; announces the purchase. */
  async confirm(request: ConfirmRequest): Promise<ConfirmReply> {
    const scope = scopeOf(request);
    return this.journal.run<ConfirmReply>('Confirm', scope, request, (manager) => this.lockPurchase(manager, scope, request.purchaseId), async (manager, purchase) => {
      assertCaller(purchase, request.member);
      assertStage(purchase, ['Paid', 'Accrued']);
      const account = await this.accounts.lock(manager, purchase.accountId);
      const postings: Posting[] = [];
      if (purchase.holdId) {
        await this.ledger.endHold(manager, account, purchase.holdId, 'Captured');
        // Authorised at Payment: captured even if a refund under AllowNegative lowered the balance since.
        postings.push({ kind: BalanceChangeReason.PurchasePayment, amount: -purchase.paymentAmount, allowNegative: true });
      }
      const accrual = purchase.stage === 'Accrued' ? purchase.accrualAmount : ZERO;
      if (accrual > 0n) postings.push({ kind: BalanceChangeReason.PurchaseReward, amount: accrual });
      const occurredAt = new Date(request.operationDate);
      await this.ledger.post(manager, account, postings, {
        purchaseId: purchase.id,
        sourceId: request.operationId,
        cardNumber: purchase.cardNumber,
        occurredAt,
      });
      await manager.getRepository(Purchase).update({ id: purchase.id }, { stage: 'Confirmed', confirmedAt: new Date() });

      const facts = this.factsOf(purchase, account, occurredAt, {
        payment: purchase.holdId ? fromStoredPositions(purchase.paymentPositions) : new Map(),
        accrual: accrual > 0n ? fromStoredPositions(purchase.accrualPositions) : new Map(),
      });
      const currencies = await this.currencies();
      await this.outbox.add(manager, {
        routingKey: RoutingKey.PurchasesConfirmModelUpdate,
        eventCode: EventCode.OnPurchaseConfirm,
        body: purchaseConfirmedEvent(facts, currencies),
      });
      await this.history.record(manager, {
        customerId: purchase.customerId,
        cardId: purchase.cardId,
        dateTime: occurredAt,
        identity: purchase.identity,
        description: purchase.merchant?.description || 'Покупка',
        partnerId: purchase.merchant?.partnerId ?? null,
        brandId: purchase.merchant?.brandId ?? null,
        data: purchaseHistoryData(facts, false, currencies),
      });
      return baseReply(request.operationId, null);
    });
  }

  /** Releases what an unconfirmed purchase holds and closes it. */
  async cancel(request: CancelRequest): Promise<CancelReply> {
    const scope = scopeOf(request);
    return this.journal.run<CancelReply>('Cancel', scope, request, (manager) => this.lockPurchase(manager, scope, request.purchaseId), async (manager, purchase, transactionId) => {
      assertCaller(purchase, request.member);
      assertStage(purchase, ['Calculated', 'Paid', 'Accrued']);
      if (purchase.holdId) {
        const account = await this.accounts.lock(manager, purchase.accountId);
        await this.ledger.endHold(manager, account, purchase.holdId, 'Released');
      }
      await manager.getRepository(Purchase).update({ id: purchase.id }, { stage: 'Canceled' });
      return baseReply(request.operationId, Number(transactionId));
    });
  }

  /** Undoes one Payment (releasing its hold) or one Bonus (dropping its accrual) of an open purchase. */
  async cancelOperation(request: CancelOperationRequest): Promise<CancelReply> {
    const scope = scopeOf(request);
    return this.journal.run<CancelReply>(
      'CancelOperation',
      scope,
      request,
      (manager) => this.lockPurchase(manager, scope, request.purchaseId),
      async (manager, purchase, transactionId) => {
        assertCaller(purchase, request.member);
        const target = await this.journal.find(manager, scope, request.targetOperationId);
        if (!target || target.purchaseId !== purchase.id) throw new Refusal(ProcessingResultCode.OperationNotFound, 'No such operation in this purchase');
        if (target.canceled) throw new Refusal(ProcessingResultCode.OperationIsCanceled, 'The operation is already canceled');
        assertStage(purchase, ['Calculated', 'Paid', 'Accrued']);
        if (target.kind === 'Payment') {
          if (purchase.stage === 'Accrued') {
            throw new Refusal(ProcessingResultCode.IncorrectOperationOrder, 'Cancel the Bonus operation before its Payment');
          }
          if (purchase.holdId) {
            const account = await this.accounts.lock(manager, purchase.accountId);
            await this.ledger.endHold(manager, account, purchase.holdId, 'Released');
          }
          await manager.getRepository(Purchase).update(
            { id: purchase.id },
            { stage: 'Calculated', holdId: null, paymentAmount: ZERO, paymentPositions: {} },
          );
        } else if (target.kind === 'Bonus') {
          await manager.getRepository(Purchase).update(
            { id: purchase.id },
            { stage: purchase.holdId ? 'Paid' : 'Calculated', accrualAmount: ZERO, accrualPositions: {} },
          );
        } else {
          throw new Refusal(ProcessingResultCode.IncorrectOperationOrder, `A ${target.kind} operation cannot be canceled on its own`);
        }
        await this.journal.markCanceled(manager, target.id);
        return baseReply(request.operationId, Number(transactionId));
      },
    );
  }

  /** `POST Balance`: the ledger balance, what is held and what is pending confirmation. */
  async balance(request: BalanceRequest): Promise<BalanceReply> {
    const member = await this.members.resolve(request);
    const currency = await this.registry.bonusCurrency(request.currencyExternalId);
    const manager = this.dataSource.manager;
    const account = await this.accounts.findFor(manager, member.owner.customerId, currency.id);
    const balance = account?.balance ?? ZERO;
    const held = account?.held ?? ZERO;
    let pending = ZERO;
    if (currency.id === DEFAULT_CURRENCY_ID) {
      const rows: Array<{ pending: string }> = await manager.query(
        `SELECT COALESCE(SUM(accrual_amount), 0)::text AS pending FROM purchase WHERE customer_id = $1 AND kind = 'Sale' AND stage = 'Accrued'`,
        [member.owner.customerId],
      );
      pending = moneyFromDecimal(rows[0].pending);
    }
    return {
      code: ProcessingResultCode.Ok,
      errorMessage: null,
      amount: moneyToNumber(balance),
      currency: currency.name,
      description: `${moneyToNumber(balance)} ${currency.nameCases.abbreviation}`,
      heldAmount: moneyToNumber(held),
      availableAmount: moneyToNumber(balance - held),
      pendingAmount: moneyToNumber(pending),
      currencyInfo: this.registry.currencyInfo(currency),
    };
  }

  // -------------------------------------------------------------------------------------------

  /** The purchase row, created (stage Calculated, with these lines) when new, locked either way. */
  private async openPurchase(
    manager: EntityManager,
    scope: string,
    request: PurchaseCall & { cheque: { number?: string | null } },
    member: ResolvedMember,
    accountId: string,
    lines: ChequeLine[],
    group: LoyaltyGroup,
  ): Promise<{ purchase: Purchase; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Purchase)
      .values({
        merchantScope: scope,
        externalPurchaseId: request.purchaseId,
        kind: 'Sale',
        stage: 'Calculated',
        customerId: member.owner.customerId,
        accountId,
        merchant: request.merchant ?? null,
        applicationId: request.applicationId ?? null,
        cashier: request.cashier ?? null,
        chequeNumber: request.cheque.number ?? null,
        lines: toStoredLines(lines),
        operationDate: new Date(request.operationDate),
        ...this.memberColumns(member, group),
      })
      .orIgnore()
      .returning('id')
      .execute();
    const purchase = await this.lockPurchase(manager, scope, request.purchaseId);
    if (!purchase) throw new Error(`Purchase ${request.purchaseId} vanished after insert`);
    return { purchase, created: inserted.raw.length > 0 };
  }

  private lockPurchase(manager: EntityManager, scope: string, externalPurchaseId: string): Promise<Purchase | null> {
    return manager.getRepository(Purchase).findOne({ where: { merchantScope: scope, externalPurchaseId }, lock: { mode: 'pessimistic_write' } });
  }

  private memberColumns(member: ResolvedMember, group: LoyaltyGroup): Partial<Purchase> {
    return {
      cardNumber: member.card?.cardNumber ?? null,
      cardId: member.card?.cardId ?? null,
      identity: member.identity,
      identifierId: member.identifierId,
      groupId: group.id,
      offerExternalId: group.offerExternalId,
    };
  }

  private cap(lines: readonly ChequeLine[]): Money {
    return paymentCap(totalOf(lines), moneyFromNumber(this.config.MAX_BONUS_PAYMENT_PERCENT));
  }

  /** Hard limit exceeded → LimitGained; soft limit exceeded → a warning for the cashier. */
  private async checkDailyLimits(manager: EntityManager, limitKey: string, businessDate: string, amount: Money): Promise<string | null> {
    const hard = moneyFromNumber(this.config.PAYMENT_DAILY_HARD_LIMIT);
    const soft = moneyFromNumber(this.config.PAYMENT_DAILY_SOFT_LIMIT);
    if (hard === ZERO && soft === ZERO) return null;
    const paidToday = (await this.ledger.paidOn(manager, limitKey, businessDate)) + amount;
    if (hard > 0n && paidToday > hard) throw new Refusal(ProcessingResultCode.LimitGained, 'The daily limit of bonus payments for this card is reached');
    if (soft > 0n && paidToday > soft) return `Превышен дневной лимит оплаты бонусами (${moneyToDecimal(soft)})`;
    return null;
  }

  private businessDate(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.PROGRAM_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }

  private async currencies(): Promise<PurchaseCurrencies> {
    return { money: await this.registry.moneyCurrency(), bonus: await this.registry.defaultCurrency() };
  }

  private factsOf(
    purchase: Purchase,
    owner: { customerId: number; customerUid: string; accountgroupId: string },
    dateTime: Date,
    movements: { payment: Positions; accrual: Positions },
  ): PurchaseFacts {
    const lines = fromStoredLines(purchase.lines);
    return {
      purchaseId: purchase.id,
      externalPurchaseId: purchase.externalPurchaseId,
      chequeNumber: purchase.chequeNumber,
      lines,
      payment: movements.payment,
      accrual: movements.accrual,
      discount: new Map(lines.map((line) => [line.position, line.programDiscount])),
      offerExternalId: purchase.offerExternalId,
      merchant: purchase.merchant,
      cashier: purchase.cashier,
      identity: purchase.identity,
      owner: { customerId: owner.customerId, customerUid: owner.customerUid, accountgroupId: owner.accountgroupId },
      identifierId: purchase.identifierId,
      applicationId: purchase.applicationId,
      dateTime,
    };
  }
}

/** Purchases and operationIds are unique per merchant (or per member for calls without one). */
export function scopeOf(call: { merchant?: MerchantContext; member?: MemberReference }): string {
  if (call.merchant) return `merchant:${call.merchant.merchantUid}`;
  if (call.member) return `member:${call.member.memberId}`;
  return 'pos';
}

export function baseReply(operationId: string, transactionId: number | null) {
  return {
    transactionId,
    deviceLogicalId: null,
    operationId,
    code: ProcessingResultCode.Ok,
    errorMessage: null,
    cashierMessage: null,
    chequeMessage: null,
    cheque: null,
  };
}

function usable(member: ResolvedMember): CardCapabilities {
  const capabilities = cardCapabilities(member.card);
  if (capabilities.refusal === ProcessingResultCode.CardNotFound) throw new Refusal(capabilities.refusal, 'Card not found');
  if (capabilities.refusal === ProcessingResultCode.CardBlocked) throw new Refusal(capabilities.refusal, 'Card is blocked');
  if (capabilities.refusal) throw new Refusal(capabilities.refusal, 'Card is not activated');
  return capabilities;
}

/** Another member's purchase is invisible: PurchaseNotFound, as if it did not exist. */
function assertOwner(purchase: Purchase, customerId: number): void {
  if (purchase.customerId !== customerId) throw new Refusal(ProcessingResultCode.PurchaseNotFound, 'Purchase not found');
}

function assertCaller(purchase: Purchase, member: MemberReference | undefined): void {
  if (member) assertOwner(purchase, member.memberId);
}

const STAGE_REFUSALS: Record<Purchase['stage'], [Exclude<ProcessingResultCode, 'Ok'>, string]> = {
  Calculated: [ProcessingResultCode.IncorrectOperationOrder, 'The purchase has no payment or bonus operation yet'],
  Paid: [ProcessingResultCode.IncorrectOperationOrder, 'The purchase is already paid'],
  Accrued: [ProcessingResultCode.IncorrectOperationOrder, 'The purchase already has its bonus operation'],
  Confirmed: [ProcessingResultCode.OperationIsConfirmed, 'The purchase is already confirmed'],
  Canceled: [ProcessingResultCode.OperationIsCanceled, 'The purchase is canceled'],
};

function assertStage(purchase: Purchase, allowed: Array<Purchase['stage']>): void {
  if (allowed.includes(purchase.stage)) return;
  const [code, message] = STAGE_REFUSALS[purchase.stage];
  throw new Refusal(code, message);
}
