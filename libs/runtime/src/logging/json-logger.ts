import type { LoggerService } from '@nestjs/common';
import { currentContext } from '../context/request-context';
import { redact, redactUrlPasswords } from './redact';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a line is written to; stdout unless a test or tool passes its own sink. */
export interface LogDestination {
  write(line: string): unknown;
}

export interface JsonLoggerOptions {
  service: string;
  level?: LogLevel;
  destination?: LogDestination;
}

type LineLevel = LogLevel | 'fatal';

const SEVERITY: Record<LineLevel, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4 };
const RESERVED_FIELDS = new Set(['time', 'level', 'service', 'context', 'msg', 'correlationId', 'traceparent', 'err']);
/** Nest passes stack traces as plain strings; this tells them apart from a context name. */
const STACK_TRACE = /\n\s+at\s/;

/**
 * Nest `LoggerService` writing one JSON object per line. Every line carries the correlation id and
 * traceparent of the request or message being handled, so logs of one operation can be joined
 * across services.
 *
 * Calls follow Nest's convention — `log(message, context?)`, `error(message, stack?, context?)` —
 * and additionally accept structured fields: `log({ msg: 'published', count: 3 }, 'Outbox')` or
 * `warn('retrying', { attempt: 2 }, 'Consumer')`. Fields pass through `redact()`.
 */
export class JsonLogger implements LoggerService {
  private readonly service: string;
  private readonly destination: LogDestination;
  private threshold: number;

  constructor(options: JsonLoggerOptions) {
    this.service = options.service;
    this.destination = options.destination ?? process.stdout;
    this.threshold = SEVERITY[options.level ?? 'info'];
  }

  setLevel(level: LogLevel): void {
    this.threshold = SEVERITY[level];
  }

  isLevelEnabled(level: LogLevel): boolean {
    return SEVERITY[level] <= this.threshold;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  /** Always written, whatever the level: the process is about to stop. */
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LineLevel, message: unknown, params: unknown[]): void {
    if (SEVERITY[level] > this.threshold) return;
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' && !STACK_TRACE.test(rest[rest.length - 1] as string) ? (rest.pop() as string) : undefined;

    const fields: Record<string, unknown> = {};
    let msg: string | undefined;
    let err: unknown;
    if (message instanceof Error) {
      msg = message.message;
      err = message;
    } else if (message !== null && typeof message === 'object') {
      const { msg: text, message: altText, err: nestedErr, ...other } = message as Record<string, unknown>;
      msg = typeof text === 'string' ? text : typeof altText === 'string' ? altText : undefined;
      if (nestedErr !== undefined) err = nestedErr;
      Object.assign(fields, other);
    } else if (message !== undefined) {
      msg = String(message);
    }
    for (const param of rest) {
      if (param instanceof Error) err = param;
      else if (typeof param === 'string' && STACK_TRACE.test(param)) err = err ?? { stack: param };
      else if (param !== null && typeof param === 'object') Object.assign(fields, param);
      else if (param !== undefined) fields['detail'] = param;
    }

    const request = currentContext();
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      msg: msg === undefined ? undefined : redactUrlPasswords(msg),
      correlationId: request?.correlationId,
      traceparent: request?.traceparent,
    };
    const safeFields = redact(fields);
    for (const [key, value] of Object.entries(safeFields)) {
      // A field may supply the correlation id when no request context is active (e.g. a relay loop).
      if (!RESERVED_FIELDS.has(key) || line[key] === undefined) line[key] = value;
    }
    if (err !== undefined) line['err'] = redact(err);
    this.destination.write(`${serialize(line)}\n`);
  }
}

function serialize(line: Record<string, unknown>): string {
  try {
    return JSON.stringify(line);
  } catch {
    return JSON.stringify({ time: line['time'], level: line['level'], service: line['service'], msg: '[unserialisable log line]' });
  }
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}
