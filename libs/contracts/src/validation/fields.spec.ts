import { hasMoneyPrecision, isUtcDateTime } from './fields';

describe('hasMoneyPrecision', () => {
  it.each([0, 135, 135.0, 6.67, -62.51, 0.1 + 0.2, 1234567.1234, 10.0001])('accepts %p', (value) => {
    expect(hasMoneyPrecision(value)).toBe(true);
  });

  it.each([10.00001, 1234567.12345, Number.NaN, Number.POSITIVE_INFINITY, '10', null])('rejects %p', (value) => {
    expect(hasMoneyPrecision(value)).toBe(false);
  });
});

describe('isUtcDateTime', () => {
  it.each(['2021-07-19T16:33:24Z', '2020-02-29T00:00:00Z', '1999-12-31T23:59:59Z'])('accepts %p', (value) => {
    expect(isUtcDateTime(value)).toBe(true);
  });

  it.each(['2021-02-29T00:00:00Z', '2021-07-19T24:00:00Z', '2021-07-19T16:33:24.1Z', '2021-07-19T16:33:24z', 20210719])(
    'rejects %p',
    (value) => {
      expect(isUtcDateTime(value)).toBe(false);
    },
  );
});
