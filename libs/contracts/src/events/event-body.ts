import { Describe, IntegerValue, MessageId, MoneyAmount, Flag, OptionalKey, OptionalOrNull } from '../validation/fields';

/**
 * The retry bookkeeping the seed shows on its OnBlockCard example. We put it on every body we
 * publish (SPEC §2.1): `externalId` equals the AMQP messageId, `tryCount` starts at 0, and the
 * retry path of the consumer wrapper raises it, sets `delaySecond`, and finally `toErrorQueue`.
 */
export interface RetryFields {
  externalId: string;
  tryCount: number;
  delaySecond: number | null;
  toErrorQueue: boolean;
}

/**
 * Base of every SMC event body. The retry fields are optional here because only one seed example
 * has them and consumers must accept seed-shaped input; producers always send them (see
 * `initialRetryFields`).
 */
export abstract class EventBody implements Partial<RetryFields> {
  @OptionalKey()
  @MessageId()
  @Describe('Equals the AMQP messageId: a uuid without hyphens.')
  externalId?: string;

  @OptionalKey()
  @IntegerValue({ min: 0 })
  @Describe('0 on first publish; raised by each retry.')
  tryCount?: number;

  @OptionalOrNull()
  @MoneyAmount('nonNegative')
  @Describe('Delay before this retry, in seconds; null on first publish.')
  delaySecond?: number | null;

  @OptionalKey()
  @Flag()
  @Describe('true once the message was moved to an error queue.')
  toErrorQueue?: boolean;
}

/** A body as we put it on the exchange: the seed model plus the retry fields, all present. */
export type PublishedEventBody<T extends EventBody> = T & RetryFields;

/** Retry fields of a first publish. */
export function initialRetryFields(messageId: string): RetryFields {
  return { externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false };
}

/**
 * Formats a date the way the events carry dates: ISO-8601 UTC with second precision
 * (`2021-07-19T16:33:24Z`, no milliseconds — the seed never shows them).
 */
export function toEventDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
