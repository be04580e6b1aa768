import type { DailyDays, DailyTime } from './types.ts';
import { readTypedTimeZone, validTimeZone } from './zones.ts';

/**
 * Parsing of the slash command's `daily …`: the text after `daily` becomes a typed command or a
 * usage error. Pure: no Slack, no store, no wording (the chat layer words errors, naming its
 * command); the caller fills in the user's own time zone when the command names none.
 */

/** What `daily …` asks for. */
export type DailyCommand =
  /** `daily`: show the channel's settings and next post time. */
  | { kind: 'show' }
  /** `daily off`: stop posting to the channel. */
  | { kind: 'off' }
  /** `daily help`: how the daily commands work. */
  | { kind: 'help' }
  /** `daily 09:00 [Zone/Name] [weekdays|everyday]`: subscribe or change the schedule. */
  | { kind: 'subscribe'; time: DailyTime; timeZone?: string; days: DailyDays };

/**
 * Why the text after `daily` could not be understood, as data: the chat layer words it (and
 * names its own command), quoting what the user typed (`typed`, `after`) safely.
 */
export type DailyUsageError =
  /** The first word is not a time, e.g. `25:00`, `9` or `nine`. */
  | { code: 'bad_time'; typed: string }
  /**
   * A 12-hour time (`9:30 pm`, `9am`): `time` is the same time on the 24-hour clock, `rest` what
   * followed it (a zone, the days) when the command with it would be taken, so it can be given
   * back whole.
   */
  | { code: 'twelve_hour_clock'; typed: string; time: DailyTime; rest: string }
  /**
   * An offset (`UTC+8`) where a zone name goes: `zone` is the fixed-offset zone that means it,
   * none for an offset no such zone has (`UTC+5:30`, `UTC-13`).
   */
  | { code: 'utc_offset'; typed: string; zone?: string }
  /** A zone or a days word where the time should come first, e.g. `everyday 09:00`. */
  | { code: 'missing_time' }
  /** The time, the zone or the days given twice. */
  | { code: 'duplicate_option'; option: 'time' | 'zone' | 'days' }
  /** A zone-shaped word the runtime does not know, e.g. `Mars/Base`. */
  | { code: 'unknown_zone'; typed: string }
  /** A zone without a region (`CST`), which means different zones to different people; `reading` is the runtime's. */
  | { code: 'zone_abbreviation'; typed: string; reading: string }
  /**
   * A word that means nothing here: after the time, or after a word that takes nothing more
   * (`off now`), which is then `after`.
   */
  | { code: 'unexpected'; typed: string; after?: string };

/** The result of `parseDailyCommand`. */
export type DailyCommandResult = { ok: true; command: DailyCommand } | { ok: false; error: DailyUsageError };

/** How a valid time looks, for error messages (a bad DAILY_TIME's, and the chat layer's). */
export const TIME_HINT = 'use HH:MM from 00:00 to 23:59, e.g. 09:00(时间格式如 09:00)';

const SHOW_WORDS = new Set(['', 'show', 'status', '查看']);
const OFF_WORDS = new Set(['off', 'stop', '关闭', '停止']);
const DAYS_WORDS: ReadonlyMap<string, DailyDays> = new Map([
  ['weekdays', 'weekdays'],
  ['weekday', 'weekdays'],
  ['工作日', 'weekdays'],
  ['everyday', 'everyday'],
  ['daily', 'everyday'],
  ['每天', 'everyday'],
]);

/**
 * Parses the text after `daily`. Case-insensitive; full-width characters (`09:00`,
 * `09:00`) are read as their ASCII forms. After the time, a zone and a days word may come in
 * either order, each at most once. Days default to `weekdays`; a missing zone is left out so the
 * caller can use the user's Slack zone or DEFAULT_TZ.
 *
 * @example parseDailyCommand('09:00 everyday')
 * // { ok: true, command: { kind: 'subscribe', time: { hour: 9, minute: 0 }, days: 'everyday' } }
 * @example parseDailyCommand('9:05 europe/berlin').command.timeZone // 'Europe/Berlin'
 * @example parseDailyCommand('off') // { ok: true, command: { kind: 'off' } }
 * @example parseDailyCommand('25:00') // { ok: false, error: { code: 'bad_time', typed: '25:00' } }
 */
export function parseDailyCommand(text: string): DailyCommandResult {
  const tokens = text.normalize('NFKC').trim().split(/\s+/u).filter(Boolean);
  const [first, ...rest] = tokens;
  const firstWord = (first ?? '').toLowerCase();
  if (SHOW_WORDS.has(firstWord) || OFF_WORDS.has(firstWord)) {
    if (rest.length > 0) return usageError({ code: 'unexpected', typed: rest.join(' '), after: first ?? '' });
    return { ok: true, command: { kind: OFF_WORDS.has(firstWord) ? 'off' : 'show' } };
  }

  if (HELP_WORDS.has(firstWord)) {
    if (rest.length > 0) return usageError({ code: 'unexpected', typed: rest.join(' '), after: first ?? '' });
    return { ok: true, command: { kind: 'help' } };
  }
  const twelveHour = twelveHourTime(first ?? '', rest);
  if (twelveHour) return usageError(twelveHour);
  const time = parseTime(firstWord);
  if (!time) {
    const looksLikeOption = DAYS_WORDS.has(firstWord) || validTimeZone(first ?? '') !== undefined;
    return usageError(looksLikeOption ? { code: 'missing_time' } : { code: 'bad_time', typed: first ?? '' });
  }

  let timeZone: string | undefined;
  let days: DailyDays | undefined;
  for (const token of rest) {
    const offset = offsetZone(token);
    if (offset) return usageError({ code: 'utc_offset', typed: token, ...offset });
    const dayRule = DAYS_WORDS.get(token.toLowerCase());
    if (dayRule) {
      if (days) return usageError({ code: 'duplicate_option', option: 'days' });
      days = dayRule;
      continue;
    }
    const zone = readTypedTimeZone(token);
    if (!zone.ok && zone.reason === 'abbreviation') {
      return usageError({ code: 'zone_abbreviation', typed: token, reading: zone.reading });
    }
    if (zone.ok) {
      if (timeZone) return usageError({ code: 'duplicate_option', option: 'zone' });
      timeZone = zone.zone;
      continue;
    }
    if (parseTime(token)) return usageError({ code: 'duplicate_option', option: 'time' });
    return usageError({ code: token.includes('/') ? 'unknown_zone' : 'unexpected', typed: token });
  }
  const command: DailyCommand = { kind: 'subscribe', time, days: days ?? 'weekdays' };
  if (timeZone) command.timeZone = timeZone;
  return { ok: true, command };
}

/**
 * Reads `HH:MM` (or `H:MM`), 00:00 to 23:59, with an ASCII or full-width colon; anything else,
 * including `9`, `9:00am`, `24:00` and `12:60`, gives `undefined`.
 *
 * @example parseTime('9:05') // { hour: 9, minute: 5 }
 * @example parseTime('24:00') // undefined
 */
export function parseTime(text: string): DailyTime | undefined {
  const match = /^(\d{1,2})[:：](\d{2})$/u.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/**
 * Reads `weekdays` or `everyday` (also `weekday`, `daily`, `工作日`, `每天`), or `undefined`.
 *
 * @example parseDays('Everyday') // 'everyday'
 */
export function parseDays(text: string): DailyDays | undefined {
  return DAYS_WORDS.get(text.normalize('NFKC').trim().toLowerCase());
}

/**
 * Formats a time as `HH:MM`.
 *
 * @example formatTime({ hour: 9, minute: 5 }) // '09:05'
 */
export function formatTime(time: DailyTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

const HELP_WORDS = new Set(['help', '帮助', '幫助', '?']);
const MERIDIEM_WORDS = 'am|pm|a\\.m\\.|p\\.m\\.';
const MERIDIEM = new RegExp(`^(${MERIDIEM_WORDS})$`);
const TIME_WITH_MERIDIEM = new RegExp(`^(\\d{1,2})(?::(\\d{2}))?(${MERIDIEM_WORDS})$`, 'i');

/**
 * A time on the 12-hour clock, as one word (`9am`, `9:30pm`) or two (`9:30 pm`), read into the
 * error that gives it on the 24-hour clock, with the words after it; `undefined` for anything else.
 *
 * @example twelveHourTime('9:30', ['pm', 'everyday'])
 * // { code: 'twelve_hour_clock', typed: '9:30 pm', time: { hour: 21, minute: 30 }, rest: 'everyday' }
 */
function twelveHourTime(first: string, rest: readonly string[]): DailyUsageError | undefined {
  const [next = ''] = rest;
  const joined = TIME_WITH_MERIDIEM.exec(first);
  const apart = MERIDIEM.test(next.toLowerCase()) ? /^(\d{1,2})(?::(\d{2}))?$/.exec(first) : null;
  const match = joined ?? apart;
  if (!match) return undefined;
  const hour12 = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour12 < 1 || hour12 > 12 || minute > 59) return undefined;
  const pm = (joined ? (match[3] ?? '') : next).toLowerCase().startsWith('p');
  const time = { hour: (hour12 % 12) + (pm ? 12 : 0), minute };
  const after = rest.slice(joined ? 0 : 1).join(' ');
  // What followed is given back only when the command with it would be taken (not `EST`).
  const takesAfter = after !== '' && parseDailyCommand(`${formatTime(time)} ${after}`).ok;
  return {
    code: 'twelve_hour_clock',
    typed: joined ? first : `${first} ${next}`,
    time,
    rest: takesAfter ? after : '',
  };
}

/**
 * The fixed-offset zone for `UTC+8` or `GMT-5`, whose IANA name reverses the sign (`Etc/GMT-8`
 * is UTC+8). `undefined` for a word that is no offset (or UTC+0); `{}` (no zone) for an offset
 * no such zone has: half hours (`UTC+5:30`), or beyond UTC−12 and UTC+14.
 *
 * @example offsetZone('UTC+8') // { zone: 'Etc/GMT-8' }
 */
function offsetZone(token: string): { zone?: string } | undefined {
  const match = /^(?:utc|gmt)([+-])(\d{1,2})(?::(\d{2}))?$/i.exec(token);
  if (!match) return undefined;
  const east = match[1] === '+';
  const hours = Number(match[2]);
  // UTC+0 is no offset to explain: the zone reader takes or refuses it as it does UTC.
  if (hours === 0 && Number(match[3] ?? 0) === 0) return undefined;
  if (Number(match[3] ?? 0) !== 0 || hours > (east ? 14 : 12)) return {};
  return { zone: `Etc/GMT${east ? '-' : '+'}${hours}` };
}

function usageError(error: DailyUsageError): { ok: false; error: DailyUsageError } {
  return { ok: false, error };
}
