import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from './luhn';

export const VIRTUAL_CARD_NUMBER_LENGTH = 16;

/**
 * A new virtual card number: the configured prefix, random digits, and a Luhn check digit — 16
 * digits in all. Random rather than sequential so that numbers cannot be guessed from one another;
 * uniqueness is enforced by the database (the caller retries on a collision).
 */
export function newVirtualCardNumber(prefix: string, random: (max: number) => number = randomInt): string {
  if (!/^\d{1,8}$/.test(prefix)) throw new Error('The virtual card prefix must be 1-8 digits');
  let payload = prefix;
  while (payload.length < VIRTUAL_CARD_NUMBER_LENGTH - 1) payload += String(random(10));
  return payload + String(luhnCheckDigit(payload));
}
