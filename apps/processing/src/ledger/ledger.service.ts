import { Injectable } from '@nestjs/common';
import {
  BALANCE_CHANGED_EVENT_CODE,
  BalanceChangedEvent,
  BalanceChangeReason,
  InternalRoutingKey,
  toEventDateTime,
} from '@loyalty/contracts';
import { Outbox } from '@loyalty/messaging';
import { EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { LifetimeDefinition } from '../currencies/lifetime-definition.entity';
import { RegistryService } from '../currencies/registry.service';
import { Money, moneyFromDecimal, moneyToDecimal, moneyToNumber, ZERO } from '../money/money';

/** One movement to write: positive credits (a new lot), negative debits (consuming lots). */
export interface Posting {
  kind: BalanceChangeReason;
  amount: Money;
  description?: string | null;
  /** Credits: how long the lot lives (default lifetime when omitted). */
  lifetime?: LifetimeDefinition;
  /** Debits: may take the balance below zero (refund reversal under AllowNegative, forced withdrawals). */
  allowNegative?: boolean;
}

export interface PostingContext {
  purchaseId?: number | null;
  /** The purchase operationId or the command's idempotency key. */
  sourceId: string | null;
  cardNumber?: string | null;
  /** Business time of the movement (History's dateTime). */
  occurredAt: Date;
}

export interface PostedEntry {
  id: string;
  kind: BalanceChangeReason;
  amount: Money;
}

export interface HoldRequest {
  purchaseId: number;
  operationId: string;
  limitKey: string;
  businessDate: string;
  amount: Money;
}

/**
 * The ledger (SPEC §3.4): append-only entries, accrual lots, holds. Every method expects the
 * account locked by the caller in the current transaction (`AccountsService.lock`) and keeps the
 * `account` object it is given up to date, so several calls can follow each other.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly registry: RegistryService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Writes the postings in order, updates the balance, and announces the change on
   * `processing.balance.changed` — all in the caller's transaction.
   */
  async post(manager: EntityManager, account: Account, postings: readonly Posting[], context: PostingContext): Promise<PostedEntry[]> {
    const entries: PostedEntry[] = [];
    const before = account.balance;
    for (const posting of postings) {
      if (posting.amount === ZERO) continue;
      entries.push(posting.amount > 0n ? await this.credit(manager, account, posting, context) : await this.debit(manager, account, posting, context));
    }
    if (entries.length === 0) return entries;
    await manager.query(`UPDATE account SET balance = $2, updated_at = now() WHERE id = $1`, [account.id, moneyToDecimal(account.balance)]);
    await this.announce(manager, account, account.balance - before, entries, context);
    return entries;
  }

  async hold(manager: EntityManager, account: Account, request: HoldRequest): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO payment_hold (account_id, purchase_id, operation_id, limit_key, business_date, amount, state)
       VALUES ($1, $2, $3, $4, $5, $6, 'Held') RETURNING id`,
      [account.id, request.purchaseId, request.operationId, request.limitKey, request.businessDate, moneyToDecimal(request.amount)],
    );
    account.held += request.amount;
    await this.saveHeld(manager, account);
    return String(rows[0].id);
  }

  /** Ends a hold: `Captured` when the purchase is confirmed (the caller posts the debit), `Released` otherwise. */
  async endHold(manager: EntityManager, account: Account, holdId: string, outcome: 'Captured' | 'Released'): Promise<Money> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ amount: string }>, number] = await manager.query(
      `UPDATE payment_hold SET state = $2, updated_at = now() WHERE id = $1 AND state = 'Held' RETURNING amount`,
      [holdId, outcome],
    );
    if (!rows[0]) return ZERO;
    const amount = moneyFromDecimal(rows[0].amount);
    account.held -= amount;
    await this.saveHeld(manager, account);
    return amount;
  }

  /** Bonuses paid (held or captured) today under one limit key. */
  async paidOn(manager: EntityManager, limitKey: string, businessDate: string): Promise<Money> {
    const rows: Array<{ total: string | null }> = await manager.query(
      `SELECT COALESCE(SUM(amount), 0)::numeric(19,4)::text AS total FROM payment_hold
       WHERE limit_key = $1 AND business_date = $2 AND state <> 'Released'`,
      [limitKey, businessDate],
    );
    return moneyFromDecimal(rows[0]?.total ?? '0');
  }

  private async credit(manager: EntityManager, account: Account, posting: Posting, context: PostingContext): Promise<PostedEntry> {
    const id = await this.insertEntry(manager, account, posting, context);
    const lifetime = posting.lifetime ?? (await this.registry.lifetime(null));
    // A negative balance (a refund under AllowNegative) is a debt the next credits pay off first.
    const spendable = account.balance >= 0n ? posting.amount : account.balance + posting.amount;
    const remaining = spendable > 0n ? (spendable < posting.amount ? spendable : posting.amount) : ZERO;
    await manager.query(
      `INSERT INTO accrual_lot (account_id, entry_id, amount, remaining, lifetime_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [account.id, id, moneyToDecimal(posting.amount), moneyToDecimal(remaining), lifetime.id, this.registry.expiryOf(lifetime, new Date())],
    );
    account.balance += posting.amount;
    return { id, kind: posting.kind, amount: posting.amount };
  }

  private async debit(manager: EntityManager, account: Account, posting: Posting, context: PostingContext): Promise<PostedEntry> {
    const amount = -posting.amount;
    if (!posting.allowNegative && account.balance - amount < 0n) {
      // Callers check the balance first and answer NotEnoughMoney; reaching this is a bug.
      throw new Error(`Debit of ${moneyToDecimal(amount)} would overdraw account ${account.id}`);
    }
    const id = await this.insertEntry(manager, account, posting, context);
    await this.consumeLots(manager, account, amount);
    account.balance -= amount;
    return { id, kind: posting.kind, amount: posting.amount };
  }

  /** Takes `amount` off the account's lots: earliest expiry first, never-expiring lots last; the account lock makes this race-free. */
  private async consumeLots(manager: EntityManager, account: Account, amount: Money): Promise<void> {
    await manager.query(
      `WITH ordered AS (
         SELECT id, remaining, SUM(remaining) OVER (ORDER BY expires_at ASC NULLS LAST, id ASC) AS running
         FROM accrual_lot WHERE account_id = $1 AND remaining > 0
       ), taken AS (
         SELECT id, LEAST(remaining, $2::numeric - (running - remaining)) AS amount FROM ordered WHERE running - remaining < $2::numeric
       )
       UPDATE accrual_lot SET remaining = accrual_lot.remaining - taken.amount FROM taken WHERE accrual_lot.id = taken.id`,
      [account.id, moneyToDecimal(amount)],
    );
  }

  /**
   * Member merge: the whole balance of `from` moves to `to` (SPEC §3.3). A positive balance moves
   * lot by lot, each keeping its lifetime and expiry (a debt of `to` is paid off from them first,
   * as any credit would); a negative balance (a debt) moves as a debt. One `MergeTransferOut` entry
   * on `from`, one `MergeTransferIn` on `to`, both balances announced. Both accounts must be locked
   * by the caller and `from` must hold nothing (an open payment would lose its bonuses).
   */
  async transferAll(manager: EntityManager, from: Account, to: Account, context: PostingContext): Promise<Money> {
    if (from.held !== ZERO) throw new Error(`Account ${from.id} has bonuses held by an open payment`);
    const amount = from.balance;
    if (amount === ZERO) return ZERO;
    if (amount < ZERO) {
      await this.post(manager, to, [{ kind: BalanceChangeReason.MergeTransferIn, amount, allowNegative: true }], context);
      await this.post(manager, from, [{ kind: BalanceChangeReason.MergeTransferOut, amount: -amount }], context);
      return amount;
    }
    const lots: Array<{ id: string; remaining: string }> = await manager.query(
      `SELECT id, remaining::text AS remaining FROM accrual_lot WHERE account_id = $1 AND remaining > 0 ORDER BY id FOR UPDATE`,
      [from.id],
    );
    const inLots = lots.reduce((sum, lot) => sum + moneyFromDecimal(lot.remaining), ZERO);
    if (inLots !== amount) throw new Error(`Account ${from.id}: balance ${moneyToDecimal(amount)} differs from its open lots ${moneyToDecimal(inLots)}`);
    const lotIds = lots.map((lot) => lot.id);

    const outEntry = await this.insertEntry(manager, from, { kind: BalanceChangeReason.MergeTransferOut, amount: -amount }, context);
    const inEntry = await this.insertEntry(manager, to, { kind: BalanceChangeReason.MergeTransferIn, amount }, context);
    await manager.query(
      `INSERT INTO accrual_lot (account_id, entry_id, amount, remaining, lifetime_id, expires_at)
       SELECT $1, $2, remaining, remaining, lifetime_id, expires_at FROM accrual_lot WHERE id = ANY($3::bigint[]) ORDER BY id`,
      [to.id, inEntry, lotIds],
    );
    await manager.query(`UPDATE accrual_lot SET remaining = 0 WHERE id = ANY($1::bigint[])`, [lotIds]);
    // A debt of `to` is paid off first, as `credit` does for any accrual.
    if (to.balance < ZERO) await this.consumeLots(manager, to, -to.balance < amount ? -to.balance : amount);

    from.balance -= amount;
    to.balance += amount;
    for (const [account, change, entry] of [
      [from, -amount, { id: outEntry, kind: BalanceChangeReason.MergeTransferOut, amount: -amount }],
      [to, amount, { id: inEntry, kind: BalanceChangeReason.MergeTransferIn, amount }],
    ] as const) {
      await manager.query(`UPDATE account SET balance = $2, updated_at = now() WHERE id = $1`, [account.id, moneyToDecimal(account.balance)]);
      await this.announce(manager, account, change, [entry], context);
    }
    return amount;
  }

  private async insertEntry(manager: EntityManager, account: Account, posting: Posting, context: PostingContext): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO ledger_entry (account_id, kind, amount, description, purchase_id, source_id, card_number, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        account.id,
        posting.kind,
        moneyToDecimal(posting.amount),
        posting.description ?? null,
        context.purchaseId ?? null,
        context.sourceId,
        context.cardNumber ?? null,
        context.occurredAt,
      ],
    );
    return String(rows[0].id);
  }

  private async saveHeld(manager: EntityManager, account: Account): Promise<void> {
    await manager.query(`UPDATE account SET held = $2, updated_at = now() WHERE id = $1`, [account.id, moneyToDecimal(account.held)]);
  }

  private async announce(manager: EntityManager, account: Account, change: Money, entries: PostedEntry[], context: PostingContext): Promise<void> {
    const currency = await this.registry.currency(account.currencyId);
    const body: BalanceChangedEvent = {
      customerId: account.customerId,
      customerUid: account.customerUid,
      accountgroupId: account.accountgroupId,
      currencyId: currency.id,
      currencyExternalId: currency.externalId,
      change: moneyToNumber(change),
      balance: moneyToNumber(account.balance),
      reasons: [...new Set(entries.map((entry) => entry.kind))],
      sourceId: context.sourceId,
      cardNumber: context.cardNumber ?? null,
      occurredAt: toEventDateTime(new Date()),
      eventCode: BALANCE_CHANGED_EVENT_CODE,
    };
    await this.outbox.add(manager, { routingKey: InternalRoutingKey.ProcessingBalanceChanged, eventCode: BALANCE_CHANGED_EVENT_CODE, body });
  }
}
