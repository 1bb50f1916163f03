/** SPEC §2.1 date format: ISO-8601 UTC with second precision, e.g. `2021-07-19T16:33:24Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
