import { Injectable, Logger } from '@nestjs/common';
import {
  BatchErrorCode,
  CurrencyInfo,
  LifetimeInfo,
  MembersResolveReply,
  PROCESSING_MEMBERS_RESOLVE,
  ProcessingRpc,
} from '@loyalty/contracts';
import { RpcClient, RpcFault } from '@loyalty/messaging';
import { BatchOperationsConfig } from '../config/batch-operations.config';

/**
 * What a batch needs to know from processing before it is accepted: which memberNos name nobody,
 * and whether the currency and lifetime ids exist. Processing owns accounts and the card
 * projection; this service keeps no copy. If processing does not answer, the batch cannot be
 * validated and the caller is told to retry (ProcessingUnavailable → 503).
 */
@Injectable()
export class ProcessingChecks {
  private readonly logger = new Logger(ProcessingChecks.name);

  constructor(
    private readonly rpc: RpcClient,
    private readonly config: BatchOperationsConfig,
  ) {}

  /** The numbers processing knows nobody by; at most MEMBERS_RESOLVE_MAX per call. */
  async unknownMembers(memberNos: string[]): Promise<string[]> {
    const reply = await this.call<MembersResolveReply>(PROCESSING_MEMBERS_RESOLVE, { memberNos }, this.config.MEMBER_CHECK_TIMEOUT_MS);
    return reply.unknown;
  }

  async currencyExists(externalId: string): Promise<boolean> {
    const { currencies } = await this.call<{ currencies: CurrencyInfo[] }>(ProcessingRpc.ListCurrencies, {}, this.config.PROCESSING_RPC_TIMEOUT_MS);
    return currencies.some((currency) => currency.externalId === externalId && !currency.isDeleted);
  }

  async lifetimeExists(externalId: string): Promise<boolean> {
    const { lifetimes } = await this.call<{ lifetimes: LifetimeInfo[] }>(ProcessingRpc.ListLifetimes, {}, this.config.PROCESSING_RPC_TIMEOUT_MS);
    return lifetimes.some((lifetime) => lifetime.externalId === externalId);
  }

  private async call<T>(routingKey: string, payload: object, timeoutMs: number): Promise<T> {
    try {
      return await this.rpc.call<T>(routingKey, payload, timeoutMs);
    } catch (error) {
      this.logger.warn(`${routingKey} failed while validating a batch: ${(error as Error).message}`);
      throw new RpcFault(BatchErrorCode.ProcessingUnavailable, 'Processing did not answer the checks of the batch; retry later');
    }
  }
}
