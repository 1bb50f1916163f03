import { parseOperationDate } from './operation-date';

const iso = (text: string, timeZone = 'UTC') => {
  const result = parseOperationDate(text, timeZone);
  return result.ok ? result.value.toISOString() : result.reason;
};

describe('parseOperationDate', () => {
  it('reads the seed form as wall-clock time in the program time zone', () => {
    expect(iso('2013-08-14 12:26:14')).toBe('2013-08-14T12:26:14.000Z');
    expect(iso('2013-08-14 12:26:14', 'Europe/Moscow')).toBe('2013-08-14T08:26:14.000Z');
    expect(iso('2013-01-14 12:26:14', 'America/New_York')).toBe('2013-01-14T17:26:14.000Z');
    expect(iso('2013-08-14 12:26:14', 'America/New_York')).toBe('2013-08-14T16:26:14.000Z');
    expect(iso('2024-01-01 00:30:00', 'Asia/Kolkata')).toBe('2023-12-31T19:00:00.000Z');
  });

  it('takes the first occurrence of a wall time repeated when clocks fall back', () => {
    // New York, 2024-11-03: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso('2024-11-03 01:30:00', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
  });

  it('moves a wall time skipped by spring forward to just after the gap', () => {
    // New York, 2024-03-10: 02:00–03:00 does not exist; 02:30 is read with the EST offset = 03:30 EDT.
    expect(iso('2024-03-10 02:30:00', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z');
  });

  it('reads ISO-8601 with an offset as that instant, whatever the program time zone', () => {
    expect(iso('2013-08-14T12:26:14+03:00', 'America/New_York')).toBe('2013-08-14T09:26:14.000Z');
    expect(iso('2013-08-14T12:26:14Z', 'Europe/Moscow')).toBe('2013-08-14T12:26:14.000Z');
    expect(iso('2013-08-14T12:26:14.5-0230')).toBe('2013-08-14T14:56:14.500Z');
  });

  it.each([
    ['2013-08-14T12:26:14', 'format'],
    ['2013-08-14', 'format'],
    ['14.08.2013 12:26:14', 'format'],
    ['2013-08-14 12:26', 'format'],
    ['', 'format'],
    ['2013-02-29 12:00:00', 'calendar'],
    ['2013-13-01 12:00:00', 'calendar'],
    ['2013-08-14 24:00:00', 'calendar'],
    ['2013-08-14T12:26:14+25:00', 'calendar'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(iso(text)).toBe(reason);
  });

  it('knows leap years', () => {
    expect(iso('2012-02-29 23:59:59')).toBe('2012-02-29T23:59:59.000Z');
  });
});
