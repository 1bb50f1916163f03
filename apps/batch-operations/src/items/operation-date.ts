/**
 * `operationDate` of a batch item (SPEC §3.6): the seed's `YYYY-MM-DD HH:mm:ss`, read as wall-clock
 * time in the program time zone, or ISO-8601 with an explicit offset (`…T12:26:14+03:00`, `…Z`).
 * Anything else — an ISO time without offset included, since it names no instant — is malformed.
 */

const LOCAL_FORM = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET_FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})$/;

export type OperationDateResult = { ok: true; value: Date } | { ok: false; reason: 'format' | 'calendar' };

export function parseOperationDate(text: string, timeZone: string): OperationDateResult {
  const local = LOCAL_FORM.exec(text);
  if (local) {
    const fields = wallClock(local);
    if (!fields) return { ok: false, reason: 'calendar' };
    return { ok: true, value: new Date(zonedToUtc(fields, timeZone)) };
  }
  const zoned = OFFSET_FORM.exec(text);
  if (zoned) {
    const fields = wallClock(zoned);
    const offsetMinutes = parseOffset(zoned[8]);
    if (!fields || offsetMinutes === null) return { ok: false, reason: 'calendar' };
    const millis = zoned[7] ? Number(zoned[7].padEnd(3, '0').slice(0, 3)) : 0;
    return { ok: true, value: new Date(wallMillis(fields) + millis - offsetMinutes * 60_000) };
  }
  return { ok: false, reason: 'format' };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(match: RegExpExecArray): WallClock | null {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseOffset(text: string): number | null {
  if (text === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 18 || minutes > 59) return null;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function wallMillis(fields: WallClock): number {
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/**
 * The instant at which clocks in `timeZone` show `fields`. Offsets are tried from a day before and
 * a day after (any DST change in between is one of them): of the instants that really show this
 * wall time the first wins (fall back repeats an hour); a wall time skipped by spring forward has
 * none and is read with the offset before the change, i.e. it lands just after the gap.
 */
export function zonedToUtc(fields: WallClock, timeZone: string): number {
  const wall = wallMillis(fields);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const showingWall = [wall - before, wall - after].filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  return showingWall.length > 0 ? Math.min(...showingWall) : wall - before;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const shown = Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
  return shown - Math.floor(instant / 1000) * 1000;
}
