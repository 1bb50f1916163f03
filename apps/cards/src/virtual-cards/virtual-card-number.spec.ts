import { isLuhnValid } from './luhn';
import { newVirtualCardNumber, VIRTUAL_CARD_NUMBER_LENGTH } from './virtual-card-number';

describe('newVirtualCardNumber', () => {
  it('is 16 digits, starts with the prefix and passes the Luhn check', () => {
    for (const prefix of ['7', '7788', '12345678']) {
      for (let i = 0; i < 200; i += 1) {
        const number = newVirtualCardNumber(prefix);
        expect(number).toMatch(/^\d{16}$/);
        expect(number).toHaveLength(VIRTUAL_CARD_NUMBER_LENGTH);
        expect(number.startsWith(prefix)).toBe(true);
        expect(isLuhnValid(number)).toBe(true);
      }
    }
  });

  it('fills the middle with the random source', () => {
    expect(newVirtualCardNumber('7788', () => 0)).toBe('7788000000000003');
    expect(newVirtualCardNumber('7788', () => 9)).toBe('7788999999999994');
  });

  it('spreads numbers out instead of counting up', () => {
    const numbers = new Set(Array.from({ length: 1000 }, () => newVirtualCardNumber('7788')));
    expect(numbers.size).toBe(1000);
  });

  it('refuses a prefix that is not 1-8 digits', () => {
    expect(() => newVirtualCardNumber('')).toThrow();
    expect(() => newVirtualCardNumber('123456789')).toThrow();
    expect(() => newVirtualCardNumber('77a')).toThrow();
  });
});
