import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcFault, RpcTimeoutError } from '@loyalty/messaging';
import type { Request, Response } from 'express';
import { ApiError, DependencyUnavailableError, RequestValidationError, UpstreamTimeoutError } from './api-errors';
import { failure, type ApiEnvelope } from './envelope';
import { apiErrorForRpcFault } from './rpc-faults';

interface MappedError {
  status: number;
  body: ApiEnvelope<unknown>;
  headers?: Record<string, string>;
}

/**
 * The gateway's one error mapper: every failure becomes the SPEC §3.0 envelope. Only messages
 * written for clients (ApiError, Nest's HttpException) are shown; anything else is a 500 `Fail`
 * whose body carries just an error id, and the id is logged with the stack so support can find it.
 */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const mapped = this.map(exception, request);
    if (response.headersSent) {
      // A streamed answer failed half-way: nothing can be sent any more, only recorded.
      this.logger.error({ msg: 'Request failed after the response started', ...describeRequest(request), err: exception });
      response.end();
      return;
    }
    response.status(mapped.status).set(mapped.headers ?? {}).json(mapped.body);
  }

  private map(exception: unknown, request: Request): MappedError {
    if (exception instanceof RequestValidationError) {
      return { status: HttpStatus.BAD_REQUEST, body: failure('ValidationError', exception.message, { validationErrors: exception.validationErrors }) };
    }
    if (exception instanceof RpcTimeoutError) {
      // A controller that calls a service without translating its errors still answers 504.
      return this.map(new UpstreamTimeoutError('rpc', exception), request);
    }
    if (exception instanceof RpcFault) {
      // A typed error of a service: its code decides the answer (http/rpc-faults.ts).
      const apiError = apiErrorForRpcFault(exception);
      return apiError ? this.map(apiError, request) : this.unexpected(exception, request);
    }
    if (exception instanceof ApiError) {
      this.logDependencyFailure(exception, request);
      return { status: exception.getStatus(), body: failure(exception.state, exception.message, { data: exception.data }), headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.SERVICE_UNAVAILABLE || status === HttpStatus.GATEWAY_TIMEOUT || status < 500) {
        return { status, body: failure(status === HttpStatus.BAD_REQUEST ? 'ValidationError' : 'Error', clientMessage(exception)) };
      }
    } else {
      const exposed = exposedClientError(exception);
      if (exposed) return { status: exposed.status, body: failure(exposed.status === HttpStatus.BAD_REQUEST ? 'ValidationError' : 'Error', exposed.message) };
    }
    return this.unexpected(exception, request);
  }

  private unexpected(exception: unknown, request: Request): MappedError {
    const errorId = randomUUID().replace(/-/g, '');
    this.logger.error({ msg: 'Unhandled error while serving a request', errorId, ...describeRequest(request), err: exception });
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: failure('Fail', `Идентификатор ошибки: ${errorId}`) };
  }

  private logDependencyFailure(exception: ApiError, request: Request): void {
    if (exception instanceof DependencyUnavailableError) {
      this.logger.warn({ msg: 'Dependency unavailable', dependency: exception.dependency, ...describeRequest(request), err: exception.cause });
    } else if (exception instanceof UpstreamTimeoutError) {
      this.logger.warn({ msg: 'RPC timed out', operation: exception.operation, ...describeRequest(request), err: exception.cause });
    }
  }
}

function describeRequest(request: Request): { method: string; path: string } {
  return { method: request.method, path: (request.originalUrl ?? request.url).split('?')[0] };
}

/** The message of a Nest HttpException; the ValidationPipe-style array form is joined. */
function clientMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

/**
 * Errors from Express-level middleware (http-errors) flag the ones meant for the client with
 * `expose`; those keep their 4xx status and message.
 */
function exposedClientError(exception: unknown): { status: number; message: string } | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, statusCode, expose } = exception as Error & { status?: unknown; statusCode?: unknown; expose?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  if (expose !== true || typeof code !== 'number' || code < 400 || code >= 500) return undefined;
  return { status: code, message: exception.message };
}
