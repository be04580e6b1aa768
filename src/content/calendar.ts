/**
 * Whether text is a date that exists, written `YYYY-MM-DD`: the shape alone would let
 * `2026-13-45` through, to be shown as 13月45日.
 *
 * @example isCalendarDate('2028-02-29') // true (a leap year)
 * @example isCalendarDate('2026-02-29') // false
 * @example isCalendarDate('2026-13-45') // false
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // An impossible day rolls over into the next month; a real date comes back unchanged.
  // (setUTCFullYear, unlike Date.UTC, takes years 0–99 as written, not as 1900–1999.)
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
