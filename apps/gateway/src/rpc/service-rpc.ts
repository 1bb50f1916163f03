import { BrokerReadinessCheck, RpcClient, RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DependencyUnavailableError } from '../http/api-errors';

/**
 * How controllers call the services. With the broker down a request fails at once with 503
 * instead of waiting for the RPC timeout. Typed errors (RpcFault) travel on to the one error
 * mapper (http/rpc-faults.ts via the exception filter), which turns their codes into HTTP answers.
 */
@Injectable()
export class ServiceRpc {
  constructor(
    private readonly rpc: RpcClient,
    private readonly broker: BrokerReadinessCheck,
  ) {}

  async call<T>(routingKey: string, payload: object): Promise<T> {
    if (!(await this.broker.isReady())) throw new DependencyUnavailableError('broker');
    try {
      return await this.rpc.call<T>(routingKey, payload);
    } catch (error) {
      if (error instanceof RpcFault) throw error;
      // The channel went away between the check and the publish.
      throw new DependencyUnavailableError('broker', error);
    }
  }
}
