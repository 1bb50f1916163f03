import { isLuhnValid, luhnCheckDigit } from './luhn';

describe('Luhn check digit', () => {
  it.each([
    ['7992739871', 3],
    ['411111111111111', 1],
    ['510510510510510', 0],
    ['0', 0],
  ])('of %s is %d', (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
  });

  it('accepts well-known valid numbers and rejects a single changed digit', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('79927398710')).toBe(false);
  });

  it('rejects what is not a digit string', () => {
    expect(isLuhnValid('4111-1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    expect(() => luhnCheckDigit('12a')).toThrow('digits');
  });
});
