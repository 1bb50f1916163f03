import { Injectable } from '@nestjs/common';
import {
  BalanceAccrueRequest,
  BalanceChangeReason,
  BalanceCommandErrorCode,
  BalanceCommandReply,
  BalanceMember,
  BalanceWithdrawRequest,
  ProcessingResultCode,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { CardDirectoryService, CardOwner } from '../cards-projection/card-directory.service';
import { Currency } from '../currencies/currency.entity';
import { RegistryService } from '../currencies/registry.service';
import { inTransaction, LostIdempotencyRace } from '../database/transactions';
import { HistoryService } from '../history/history.service';
import { LedgerService, Posting } from '../ledger/ledger.service';
import { isWholeCents, Money, moneyFromNumber, moneyToDecimal, moneyToNumber } from '../money/money';
import { canonicalJson } from '../purchases/operation-journal';
import { BalanceCommandKind } from './balance-command.entity';

interface Target {
  owner: CardOwner;
  cardNumber: string | null;
  cardId: number | null;
}

/**
 * Accruals and withdrawals other services ask for (batch operations, social rewards; SPEC §2.2,
 * §3.6, §3.7): each idempotency key is applied at most once, in the same transaction as its
 * ledger entry, and shows in History with its description.
 */
@Injectable()
export class BalanceCommandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryService,
    private readonly accounts: AccountsService,
    private readonly directory: CardDirectoryService,
    private readonly ledger: LedgerService,
    private readonly history: HistoryService,
  ) {}

  async accrue(request: BalanceAccrueRequest): Promise<BalanceCommandReply> {
    const lifetime = await this.registry.lifetime(request.lifetimeExternalId);
    return this.apply('Accrue', request, async (amount) => ({
      posting: { kind: BalanceChangeReason.Accrual, amount, description: request.description ?? null, lifetime },
      history: { kind: 'RewardData', offerExternalId: null, rewardType: request.rewardType ?? 'Bonus', description: request.description ?? null },
      rowDescription: request.description || 'Начисление бонусов',
    }));
  }

  async withdraw(request: BalanceWithdrawRequest): Promise<BalanceCommandReply> {
    return this.apply('Withdraw', request, async (amount) => ({
      posting: { kind: BalanceChangeReason.Withdrawal, amount: -amount, description: request.description ?? null, allowNegative: request.allowNegative ?? false },
      history: { kind: 'WithdrawData', withdrawType: request.withdrawType ?? 'Withdraw', description: request.description ?? null },
      rowDescription: request.description || 'Списание бонусов',
    }));
  }

  private async apply(
    kind: BalanceCommandKind,
    request: BalanceAccrueRequest | BalanceWithdrawRequest,
    plan: (amount: Money) => Promise<{
      posting: Posting;
      history: { kind: 'RewardData'; offerExternalId: null; rewardType: string; description: string | null } | { kind: 'WithdrawData'; withdrawType: string; description: string | null };
      rowDescription: string;
    }>,
  ): Promise<BalanceCommandReply> {
    const amount = moneyFromNumber(request.amount);
    if (!isWholeCents(amount)) throw new RpcFault(BalanceCommandErrorCode.InvalidAmount, 'amount must be whole cents (0.01)');
    const currency = await this.registry.bonusCurrency(request.currencyExternalId);
    const fingerprint = createHash('sha256').update(canonicalJson({ kind, request })).digest('hex');
    const { posting, history, rowDescription } = await plan(amount);
    const replay = await this.replay(this.dataSource.manager, request.idempotencyKey, fingerprint);
    if (replay) return replay;
    // Resolved before the transaction: a projection miss may ask the cards service.
    const target = await this.target(request.member);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.dataSource, async (manager) => {
          const concurrent = await this.replay(manager, request.idempotencyKey, fingerprint);
          if (concurrent) return concurrent;
          const account = await this.accounts.lock(manager, await this.accounts.ensure(manager, target.owner, currency.id));
          if (posting.amount < 0n && !posting.allowNegative && -posting.amount > account.balance - account.held) {
            throw new RpcFault(ProcessingResultCode.NotEnoughMoney, 'Not enough bonuses', { balance: moneyToNumber(account.balance - account.held) });
          }
          const occurredAt = request.operationDate ? new Date(request.operationDate) : new Date();
          const [entry] = await this.ledger.post(manager, account, [posting], {
            sourceId: request.idempotencyKey,
            cardNumber: target.cardNumber,
            occurredAt,
          });
          await this.history.record(manager, {
            customerId: target.owner.customerId,
            cardId: target.cardId,
            dateTime: occurredAt,
            identity: target.cardNumber ?? target.owner.customerUid,
            description: rowDescription,
            partnerId: null,
            brandId: null,
            data: { ...history, amount: { amount: moneyToDecimal(posting.amount), currencyId: currency.id } },
          });
          const reply = replyOf(request.idempotencyKey, entry.id, posting.amount, account.balance, target.owner.customerId, currency);
          const inserted: unknown[] = await manager.query(
            `INSERT INTO balance_command (idempotency_key, kind, request_hash, entry_id, reply) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
            [request.idempotencyKey, kind, fingerprint, entry.id, JSON.stringify(reply)],
          );
          if (inserted.length === 0) throw new LostIdempotencyRace(request.idempotencyKey);
          return reply;
        });
      } catch (error) {
        // The same key applied concurrently: the loser rolls back and replays the winner's reply.
        if (attempt < 3 && error instanceof LostIdempotencyRace) continue;
        throw error;
      }
    }
  }

  /** The stored reply of an applied key (marked not applied again); IdempotencyKeyReused for another command. */
  private async replay(manager: EntityManager, idempotencyKey: string, fingerprint: string): Promise<BalanceCommandReply | null> {
    const existing: Array<{ request_hash: string; reply: BalanceCommandReply }> = await manager.query(
      `SELECT request_hash, reply FROM balance_command WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    if (!existing[0]) return null;
    if (existing[0].request_hash !== fingerprint) {
      throw new RpcFault(BalanceCommandErrorCode.IdempotencyKeyReused, 'The idempotency key was already used for another command');
    }
    return { ...existing[0].reply, applied: false };
  }

  /** A member named by card number, uuid or id; unknown → MemberNotFound. */
  private async target(member: BalanceMember): Promise<Target> {
    if (member.cardNumber) {
      const card = await this.directory.findByNumber(member.cardNumber);
      if (card && !card.isDeleted && card.customerId !== null && card.customerUid !== null && card.accountgroupId !== null) {
        return {
          owner: { customerId: card.customerId, customerUid: card.customerUid, accountgroupId: card.accountgroupId },
          cardNumber: card.cardNumber,
          cardId: card.cardId,
        };
      }
      throw new RpcFault(BalanceCommandErrorCode.MemberNotFound, `No member holds card ${member.cardNumber}`);
    }
    const manager = this.dataSource.manager;
    const owner = member.customerUid
      ? ((await this.accounts.ownerByCustomerUid(manager, member.customerUid)) ?? (await this.directory.ownerByCustomerUid(member.customerUid)))
      : member.customerId !== undefined
        ? await this.ownerById(member.customerId)
        : null;
    if (!owner) throw new RpcFault(BalanceCommandErrorCode.MemberNotFound, 'The member is not known to processing');
    return { owner, cardNumber: null, cardId: null };
  }

  private async ownerById(customerId: number): Promise<CardOwner | null> {
    const fromAccount = await this.accounts.ownerByCustomerId(this.dataSource.manager, customerId);
    if (fromAccount) return fromAccount;
    const card = await this.directory.mainCardOf(customerId);
    return card && card.customerUid && card.accountgroupId ? { customerId, customerUid: card.customerUid, accountgroupId: card.accountgroupId } : null;
  }
}

function replyOf(idempotencyKey: string, entryId: string, amount: Money, balance: Money, customerId: number, currency: Currency): BalanceCommandReply {
  return {
    idempotencyKey,
    applied: true,
    entryId: Number(entryId),
    amount: moneyToNumber(amount),
    balance: moneyToNumber(balance),
    customerId,
    currencyExternalId: currency.externalId,
  };
}
