import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BalanceChangeReason } from '@loyalty/contracts';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { ProcessingConfig } from '../config/processing.config';
import { inTransaction } from '../database/transactions';
import { HistoryService } from '../history/history.service';
import { moneyFromDecimal, moneyToDecimal, ZERO } from '../money/money';
import { LedgerService } from './ledger.service';

const ACCOUNTS_PER_RUN = 500;

/**
 * Writes off what is left of expired accrual lots as `WithdrawBonusExpiration` entries (SPEC §3.4),
 * one transaction per account. Bonuses held by an open payment are spared until the hold ends, so
 * a confirmed payment never finds them gone. Several replicas may run it: each account is handled
 * under its row lock and a second pass finds nothing left.
 */
@Injectable()
export class ExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiryJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ProcessingConfig,
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerService,
    private readonly history: HistoryService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EXPIRY_JOB_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: Error) => this.logger.warn(`Expiry run failed, the next one retries: ${error.message}`))
        .finally(() => (this.running = null));
    }, this.config.EXPIRY_JOB_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Expires everything due by `now`; returns the number of accounts that lost bonuses. */
  async runOnce(now = new Date()): Promise<number> {
    const due: Array<{ account_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT lot.account_id FROM accrual_lot lot JOIN account ON account.id = lot.account_id
       WHERE lot.remaining > 0 AND lot.expires_at <= $1 AND account.balance > account.held LIMIT ${ACCOUNTS_PER_RUN}`,
      [now],
    );
    let expired = 0;
    for (const { account_id: accountId } of due) {
      if (await this.expireAccount(String(accountId), now)) expired += 1;
    }
    return expired;
  }

  private expireAccount(accountId: string, now: Date): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const account = await this.accounts.lock(manager, accountId);
      const rows: Array<{ total: string }> = await manager.query(
        `SELECT COALESCE(SUM(remaining), 0)::text AS total FROM accrual_lot WHERE account_id = $1 AND remaining > 0 AND expires_at <= $2`,
        [accountId, now],
      );
      const due = moneyFromDecimal(rows[0].total);
      const spendable = account.balance - account.held;
      const amount = due < spendable ? due : spendable;
      if (amount <= ZERO) return false;
      // Debits consume the earliest-expiring lots first, which are exactly the expired ones.
      const description = 'Сгорание бонусов: истёк срок действия';
      await this.ledger.post(manager, account, [{ kind: BalanceChangeReason.WithdrawBonusExpiration, amount: -amount, description }], {
        sourceId: null,
        occurredAt: now,
      });
      await this.history.record(manager, {
        customerId: account.customerId,
        cardId: null,
        dateTime: now,
        identity: account.customerUid,
        description,
        partnerId: null,
        brandId: null,
        data: { kind: 'WithdrawData', withdrawType: 'Withdraw', description, amount: { amount: moneyToDecimal(-amount), currencyId: account.currencyId } },
      });
      return true;
    });
  }
}
