import { SetMetadata } from '@nestjs/common';
import type { ContractClass } from '@loyalty/contracts';

export const RPC_HANDLER_METADATA = Symbol('loyalty:rpc-handler');

export interface RpcHandlerOptions {
  /** Routing key on the RPC exchange, e.g. `cards.card.get`; the queue is `rpc.<routingKey>`. */
  routingKey: string;
  /** Every request is validated against this class before the handler runs. */
  request: ContractClass;
}

/** Marks a provider method as the server of one RPC. It returns the reply data or throws `RpcFault`. */
export const RpcHandler = (options: RpcHandlerOptions): MethodDecorator => SetMetadata(RPC_HANDLER_METADATA, options);

export const rpcQueueName = (routingKey: string): string => `rpc.${routingKey}`;

export interface RpcErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** What travels back on the reply queue: a typed result or a typed error, never a bare exception. */
export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: RpcErrorBody };

/** Well-known RPC error codes; services add their own domain codes. */
export const RpcErrorCode = {
  ValidationFailed: 'ValidationFailed',
  Internal: 'InternalError',
  Timeout: 'Timeout',
} as const;

/** A typed error: thrown by handlers to reply with it, and by the client when such a reply arrives. */
export class RpcFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcFault';
  }
}

/** The caller gave up; the request's `expiration` guarantees the broker drops it if still queued. */
export class RpcTimeoutError extends RpcFault {
  constructor(routingKey: string, timeoutMs: number) {
    super(RpcErrorCode.Timeout, `RPC ${routingKey} got no reply within ${timeoutMs} ms`);
    this.name = 'RpcTimeoutError';
  }
}
