import { Injectable } from '@nestjs/common';
import type { HistoryAmount, HistoryReply, HistoryRequest, HistoryRow } from '@loyalty/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { RegistryService } from '../currencies/registry.service';
import { moneyFromDecimal, moneyToNumber } from '../money/money';
import { HistoryItem, StoredAmount, StoredHistoryData } from './history-item.entity';
import { HistoryFilter, planHistoryQuery } from './history-query';

export interface HistoryEntry {
  customerId: number;
  cardId: number | null;
  dateTime: Date;
  identity: string;
  description: string;
  partnerId: string | null;
  brandId: string | null;
  data: StoredHistoryData;
}

/** The member's History (SPEC §3.5): rows written when things happen, read newest first. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryService,
  ) {}

  async record(manager: EntityManager, entry: HistoryEntry): Promise<void> {
    await manager.query(
      `INSERT INTO history_item (id, customer_id, card_id, type, date_time, identity, description, partner_id, brand_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        entry.customerId,
        entry.cardId,
        entry.data.kind,
        entry.dateTime,
        entry.identity,
        entry.description,
        entry.partnerId,
        entry.brandId,
        JSON.stringify(entry.data),
      ],
    );
  }

  async query(request: HistoryRequest): Promise<HistoryReply> {
    const plan = planHistoryQuery(request);
    if (plan.kind === 'nothing') return { allCount: 0, rows: [] };
    const allCount = await this.filtered(plan.filter).getCount();
    if (plan.kind === 'countOnly' || plan.count === 0) return { allCount, rows: [] };
    const items = await this.filtered(plan.filter)
      .orderBy('item.dateTime', 'DESC')
      .addOrderBy('item.seq', 'DESC')
      .offset(plan.skip)
      .limit(plan.count)
      .getMany();
    return { allCount, rows: await Promise.all(items.map((item) => this.render(item))) };
  }

  private filtered(filter: HistoryFilter): SelectQueryBuilder<HistoryItem> {
    const query = this.dataSource
      .getRepository(HistoryItem)
      .createQueryBuilder('item')
      .where('item.customerId = :customerId', { customerId: filter.customerId })
      .andWhere('item.dateTime < :before', { before: filter.before });
    if (filter.notBefore) query.andWhere('item.dateTime >= :notBefore', { notBefore: filter.notBefore });
    if (filter.cardId !== null) query.andWhere('item.cardId = :cardId', { cardId: filter.cardId });
    if (filter.type !== null) query.andWhere('item.type = :type', { type: filter.type });
    return query;
  }

  private async render(item: HistoryItem): Promise<HistoryRow> {
    const row = {
      id: item.id,
      dateTime: item.dateTime.toISOString(),
      type: item.type,
      userId: item.customerId,
      identity: item.identity,
      description: item.description,
      location: null,
      partnerId: item.partnerId,
      brandId: item.brandId,
      brand: null,
    };
    const data = item.data;
    switch (data.kind) {
      case 'Purchase':
        return {
          ...row,
          data: {
            externalPurchaseId: data.externalPurchaseId,
            chequeItems: data.chequeItems.map((chequeItem) => ({
              description: chequeItem.description,
              count: moneyToNumber(moneyFromDecimal(chequeItem.count)),
              amount: moneyToNumber(moneyFromDecimal(chequeItem.amount)),
            })),
            withdraws: await Promise.all(
              data.withdraws.map(async (withdraw) => ({ ...withdraw, amount: await this.amount(withdraw.amount) })),
            ),
            rewards: await Promise.all(data.rewards.map(async (reward) => ({ ...reward, amount: await this.amount(reward.amount) }))),
            isRefund: data.isRefund,
            chequeNumber: data.chequeNumber,
            amount: await this.amount(data.amount),
          },
        };
      case 'RewardData':
        return {
          ...row,
          data: { offerExternalId: data.offerExternalId, rewardType: data.rewardType, description: data.description, amount: await this.amount(data.amount) },
        };
      case 'WithdrawData':
        return { ...row, data: { withdrawType: data.withdrawType, description: data.description, amount: await this.amount(data.amount) } };
    }
  }

  private async amount(stored: StoredAmount): Promise<HistoryAmount> {
    const currency = await this.registry.currency(stored.currencyId);
    return { amount: moneyToNumber(moneyFromDecimal(stored.amount)), currency: currency.name, currencyInfo: this.registry.currencyInfo(currency) };
  }
}
