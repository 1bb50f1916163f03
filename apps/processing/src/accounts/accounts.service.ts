import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CardOwner } from '../cards-projection/card-directory.service';
import { moneyFromRow } from '../database/money-column';
import { Account } from './account.entity';

interface AccountRow {
  id: string;
  customer_id: number;
  currency_id: number;
  customer_uid: string;
  accountgroup_id: string;
  balance: string;
  held: string;
}

const COLUMNS = 'id, customer_id, currency_id, customer_uid, accountgroup_id, balance, held';

/** Opening and locking accounts. Every change of an account's money happens under its row lock. */
@Injectable()
export class AccountsService {
  /** The account's id, opening it on first use. Takes no lock. */
  async ensure(manager: EntityManager, owner: CardOwner, currencyId: number): Promise<string> {
    const existing: Array<{ id: string }> = await manager.query(`SELECT id FROM account WHERE customer_id = $1 AND currency_id = $2`, [
      owner.customerId,
      currencyId,
    ]);
    if (existing[0]) return existing[0].id;
    await manager.query(
      `INSERT INTO account (customer_id, currency_id, customer_uid, accountgroup_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id, currency_id) DO NOTHING`,
      [owner.customerId, currencyId, owner.customerUid, owner.accountgroupId],
    );
    const created: Array<{ id: string }> = await manager.query(`SELECT id FROM account WHERE customer_id = $1 AND currency_id = $2`, [
      owner.customerId,
      currencyId,
    ]);
    return created[0].id;
  }

  /**
   * Locks the account row until the transaction ends: the way to serialise money changes.
   * FOR NO KEY UPDATE, not FOR UPDATE: inserting a purchase or a ledger entry takes a KEY SHARE
   * lock on the account through the foreign key, and FOR UPDATE would deadlock two transactions
   * that each inserted a row first. NO KEY UPDATE still excludes every other money change.
   */
  async lock(manager: EntityManager, accountId: string): Promise<Account> {
    const rows: AccountRow[] = await manager.query(`SELECT ${COLUMNS} FROM account WHERE id = $1 FOR NO KEY UPDATE`, [accountId]);
    if (!rows[0]) throw new Error(`Account ${accountId} does not exist`);
    return toAccount(rows[0]);
  }

  /** Reads without locking (Calculate, Balance): may be a moment stale, never used to decide a debit. */
  async read(manager: EntityManager, accountId: string): Promise<Account> {
    const rows: AccountRow[] = await manager.query(`SELECT ${COLUMNS} FROM account WHERE id = $1`, [accountId]);
    if (!rows[0]) throw new Error(`Account ${accountId} does not exist`);
    return toAccount(rows[0]);
  }

  async findFor(manager: EntityManager, customerId: number, currencyId: number): Promise<Account | null> {
    const rows: AccountRow[] = await manager.query(`SELECT ${COLUMNS} FROM account WHERE customer_id = $1 AND currency_id = $2`, [
      customerId,
      currencyId,
    ]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** A member known only by uuid, from any of their accounts. */
  async ownerByCustomerUid(manager: EntityManager, customerUid: string): Promise<CardOwner | null> {
    const rows: AccountRow[] = await manager.query(`SELECT ${COLUMNS} FROM account WHERE customer_uid = $1 LIMIT 1`, [customerUid]);
    return rows[0] ? { customerId: rows[0].customer_id, customerUid: rows[0].customer_uid, accountgroupId: rows[0].accountgroup_id } : null;
  }

  async ownerByCustomerId(manager: EntityManager, customerId: number): Promise<CardOwner | null> {
    const rows: AccountRow[] = await manager.query(`SELECT ${COLUMNS} FROM account WHERE customer_id = $1 LIMIT 1`, [customerId]);
    return rows[0] ? { customerId: rows[0].customer_id, customerUid: rows[0].customer_uid, accountgroupId: rows[0].accountgroup_id } : null;
  }
}

function toAccount(row: AccountRow): Account {
  const account = new Account();
  account.id = String(row.id);
  account.customerId = row.customer_id;
  account.currencyId = row.currency_id;
  account.customerUid = row.customer_uid;
  account.accountgroupId = row.accountgroup_id;
  account.balance = moneyFromRow(row.balance);
  account.held = moneyFromRow(row.held);
  return account;
}
