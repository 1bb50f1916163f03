import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { CurrencyInfo, LifetimeInfo, PutCurrencyRequest, PutLifetimeRequest } from '@loyalty/contracts';
import { BalanceCommandErrorCode } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ProcessingConfig } from '../config/processing.config';
import { Currency, DEFAULT_CURRENCY_ID, MONEY_CURRENCY_ID } from './currency.entity';
import { DEFAULT_LIFETIME_ID, LifetimeDefinition } from './lifetime-definition.entity';

/** How long another replica's registry change may take to be seen here. */
const REFRESH_INTERVAL_MS = 5000;

/**
 * Currencies and lifetime definitions (SPEC §4). Read on every purchase and history row, changed
 * rarely: kept in memory and refreshed in the background. Reads never wait for the database
 * unless an id is unknown, because they happen inside money transactions that already hold a
 * pool connection — taking a second one there can starve the pool under load.
 */
@Injectable()
export class RegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryService.name);
  private currencies = new Map<number, Currency>();
  private lifetimes = new Map<number, LifetimeDefinition>();
  private loaded = false;
  private refresher: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ProcessingConfig,
  ) {}

  /** Applies the configured external ids of the default currency and of the cheques' money. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.dataSource.query(`UPDATE currency SET external_id = $2, updated_at = now() WHERE id = $1 AND external_id <> $2`, [
        DEFAULT_CURRENCY_ID,
        this.config.DEFAULT_CURRENCY_EXTERNAL_ID,
      ]);
      await this.dataSource.query(`UPDATE currency SET external_id = $2, updated_at = now() WHERE id = $1 AND external_id <> $2`, [
        MONEY_CURRENCY_ID,
        this.config.PURCHASE_CURRENCY_EXTERNAL_ID,
      ]);
      await this.reload();
    } catch (error) {
      // The database may be down at boot; readiness says so and the next read retries.
      this.logger.warn(`Registries not loaded at start-up: ${(error as Error).message}`);
    }
    this.refresher = setInterval(() => {
      this.reload().catch((error: Error) => this.logger.warn(`Registry refresh failed: ${error.message}`));
    }, REFRESH_INTERVAL_MS);
    this.refresher.unref();
  }

  onApplicationShutdown(): void {
    if (this.refresher) clearInterval(this.refresher);
  }

  async currency(id: number): Promise<Currency> {
    await this.fresh();
    if (!this.currencies.has(id)) await this.reload();
    const currency = this.currencies.get(id);
    if (!currency) throw new Error(`Currency ${id} is not in the registry`);
    return currency;
  }

  async defaultCurrency(): Promise<Currency> {
    return this.currency(DEFAULT_CURRENCY_ID);
  }

  async moneyCurrency(): Promise<Currency> {
    return this.currency(MONEY_CURRENCY_ID);
  }

  /** A bonus currency by external id (null/undefined → the default); unknown → CurrencyNotFound. */
  async bonusCurrency(externalId: string | null | undefined): Promise<Currency> {
    if (!externalId) return this.defaultCurrency();
    await this.fresh();
    let found = [...this.currencies.values()].find((currency) => currency.externalId === externalId);
    if (!found) {
      await this.reload();
      found = [...this.currencies.values()].find((currency) => currency.externalId === externalId);
    }
    if (!found || found.kind !== 'bonus' || found.isDeleted) {
      throw new RpcFault(BalanceCommandErrorCode.CurrencyNotFound, `No bonus currency with externalId ${externalId}`);
    }
    return found;
  }

  /** A lifetime by external id (null/undefined → the default); unknown → LifetimeNotFound. */
  async lifetime(externalId: string | null | undefined): Promise<LifetimeDefinition> {
    await this.fresh();
    const find = () =>
      externalId
        ? [...this.lifetimes.values()].find((lifetime) => lifetime.externalId === externalId)
        : (this.lifetimes.get(DEFAULT_LIFETIME_ID) ?? [...this.lifetimes.values()].find((lifetime) => lifetime.isDefault));
    let found = find();
    if (!found) {
      await this.reload();
      found = find();
    }
    if (!found) throw new RpcFault(BalanceCommandErrorCode.LifetimeNotFound, `No lifetime definition with externalId ${externalId}`);
    return found;
  }

  currencyInfo(currency: Currency): CurrencyInfo {
    return {
      id: currency.id,
      name: currency.name,
      externalId: currency.externalId,
      description: currency.description,
      isDeleted: currency.isDeleted,
      nameCases: { ...currency.nameCases },
    };
  }

  async listCurrencies(): Promise<CurrencyInfo[]> {
    await this.reload();
    return [...this.currencies.values()].sort((a, b) => a.id - b.id).map((currency) => this.currencyInfo(currency));
  }

  async putCurrency(request: PutCurrencyRequest): Promise<CurrencyInfo> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO currency (external_id, name, description, is_deleted, kind, name_cases)
       VALUES ($1, $2, $3, $4, 'bonus', $5)
       ON CONFLICT (external_id) DO UPDATE
         SET name = EXCLUDED.name, description = EXCLUDED.description, is_deleted = EXCLUDED.is_deleted,
             name_cases = EXCLUDED.name_cases, updated_at = now()
       RETURNING id`,
      [request.externalId, request.name, request.description ?? null, request.isDeleted ?? false, JSON.stringify(request.nameCases)],
    );
    await this.reload();
    return this.currencyInfo(await this.currency(rows[0].id));
  }

  async listLifetimes(): Promise<LifetimeInfo[]> {
    await this.reload();
    return [...this.lifetimes.values()].sort((a, b) => a.id - b.id).map(toLifetimeInfo);
  }

  async putLifetime(request: PutLifetimeRequest): Promise<LifetimeInfo> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO lifetime_definition (external_id, name, duration_days)
       VALUES ($1, $2, $3)
       ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, duration_days = EXCLUDED.duration_days, updated_at = now()
       RETURNING id`,
      [request.externalId, request.name, request.durationDays ?? null],
    );
    await this.reload();
    const lifetime = this.lifetimes.get(rows[0].id);
    if (!lifetime) throw new Error(`Lifetime ${rows[0].id} vanished`);
    return toLifetimeInfo(lifetime);
  }

  /** When an accrual made at `from` under `lifetime` expires; null = never. */
  expiryOf(lifetime: LifetimeDefinition, from: Date): Date | null {
    if (lifetime.durationDays === null) return null;
    return new Date(from.getTime() + lifetime.durationDays * 86_400_000);
  }

  private async fresh(): Promise<void> {
    if (!this.loaded) await this.reload();
  }

  private async reload(manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [currencies, lifetimes] = await Promise.all([
      manager.getRepository(Currency).find(),
      manager.getRepository(LifetimeDefinition).find(),
    ]);
    this.currencies = new Map(currencies.map((currency) => [currency.id, currency]));
    this.lifetimes = new Map(lifetimes.map((lifetime) => [lifetime.id, lifetime]));
    this.loaded = true;
  }
}

function toLifetimeInfo(lifetime: LifetimeDefinition): LifetimeInfo {
  return {
    id: lifetime.id,
    externalId: lifetime.externalId,
    name: lifetime.name,
    durationDays: lifetime.durationDays,
    isDefault: lifetime.isDefault,
  };
}
