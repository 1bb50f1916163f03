import { MONEY_RULE, parseDecimalAmount, POINTS_RULE } from './decimal-amount';

describe('parseDecimalAmount', () => {
  it.each([
    [1522.46, '1522.46'],
    [0.01, '0.01'],
    [100, '100'],
    [0.3, '0.3'],
    [999999999999.99, '999999999999.99'],
  ])('keeps points %p exactly as %s', (value, expected) => {
    expect(parseDecimalAmount(value, POINTS_RULE)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [0, 'range'],
    [-1, 'range'],
    [1e12, 'range'],
    [1.234, 'precision'],
    [0.1 + 0.2, 'precision'],
    [1e-7, 'precision'],
    ['12.5', 'type'],
    [null, 'type'],
    [undefined, 'type'],
    [Number.NaN, 'type'],
    [Number.POSITIVE_INFINITY, 'type'],
  ])('refuses points %p (%s)', (value, reason) => {
    expect(parseDecimalAmount(value, POINTS_RULE)).toEqual({ ok: false, reason });
  });

  it('allows zero and four decimals for money amounts', () => {
    expect(parseDecimalAmount(0, MONEY_RULE)).toEqual({ ok: true, value: '0' });
    expect(parseDecimalAmount(152246.5432, MONEY_RULE)).toEqual({ ok: true, value: '152246.5432' });
    expect(parseDecimalAmount(1.23456, MONEY_RULE)).toEqual({ ok: false, reason: 'precision' });
  });
});
