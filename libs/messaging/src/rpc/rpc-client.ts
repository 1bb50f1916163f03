import { AmqpConnection, RpcTimeoutError as GolevelupTimeout } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable } from '@nestjs/common';
import { outgoingContextHeaders } from '@loyalty/runtime';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { RPC_EXCHANGE } from '../topology';
import { RpcFault, RpcReply, RpcTimeoutError } from './rpc';

@Injectable()
export class RpcClient {
  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Sends a request and returns the reply's data; a typed error reply is thrown as `RpcFault`. */
  async call<T>(routingKey: string, payload: object, timeoutMs = this.options.rpcTimeoutMs ?? 5000): Promise<T> {
    let reply: RpcReply<T>;
    try {
      reply = await this.amqp.request<RpcReply<T>>({
        exchange: RPC_EXCHANGE,
        routingKey,
        payload,
        timeout: timeoutMs,
        // A request nobody picked up before the caller gave up must never run later.
        expiration: timeoutMs,
        headers: outgoingContextHeaders(),
        publishOptions: { persistent: false, contentType: 'application/json' },
      });
    } catch (error) {
      if (error instanceof GolevelupTimeout) throw new RpcTimeoutError(routingKey, timeoutMs);
      throw error;
    }
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
      throw new RpcFault('InvalidReply', `RPC ${routingKey} returned a malformed reply`);
    }
    if (!reply.ok) throw new RpcFault(reply.error.code, reply.error.message, reply.error.details);
    return reply.data;
  }
}
