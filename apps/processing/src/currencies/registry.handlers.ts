import { Injectable } from '@nestjs/common';
import {
  CurrencyInfo,
  LifetimeInfo,
  ListRegistryRequest,
  ProcessingRpc,
  PutCurrencyRequest,
  PutLifetimeRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { RegistryService } from './registry.service';

/** System API `GET|PUT currencies` and `GET|PUT lifetimes` (SPEC §4), served for the gateway. */
@Injectable()
export class RegistryHandlers {
  constructor(private readonly registry: RegistryService) {}

  @RpcHandler({ routingKey: ProcessingRpc.ListCurrencies, request: ListRegistryRequest })
  listCurrencies(): Promise<{ currencies: CurrencyInfo[] }> {
    return this.registry.listCurrencies().then((currencies) => ({ currencies }));
  }

  @RpcHandler({ routingKey: ProcessingRpc.PutCurrency, request: PutCurrencyRequest })
  putCurrency(request: PutCurrencyRequest): Promise<CurrencyInfo> {
    return this.registry.putCurrency(request);
  }

  @RpcHandler({ routingKey: ProcessingRpc.ListLifetimes, request: ListRegistryRequest })
  listLifetimes(): Promise<{ lifetimes: LifetimeInfo[] }> {
    return this.registry.listLifetimes().then((lifetimes) => ({ lifetimes }));
  }

  @RpcHandler({ routingKey: ProcessingRpc.PutLifetime, request: PutLifetimeRequest })
  putLifetime(request: PutLifetimeRequest): Promise<LifetimeInfo> {
    return this.registry.putLifetime(request);
  }
}
