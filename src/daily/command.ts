import type { DailyDays, DailyTime } from './types.ts';

/**
 * Parsing of `/speech daily …`: the text after `daily` becomes a typed command or a usage
 * error. Pure: no Slack, no store; the caller fills in the user's own time zone when the
 * command names none.
 */

/** What `/speech daily …` asks for. */
export type DailyCommand =
  /** `/speech daily`: show the channel's settings and next post time. */
  | { kind: 'show' }
  /** `/speech daily off`: stop posting to the channel. */
  | { kind: 'off' }
  /** `/speech daily 09:00 [Zone/Name] [weekdays|everyday]`: subscribe or change the schedule. */
  | { kind: 'subscribe'; time: DailyTime; timeZone?: string; days: DailyDays };

/**
 * A piece of a message: our own words, or words the user typed (`{ typed }`). Kept apart so each
 * surface can quote the user safely: Slack, for one, must escape them and cut them short.
 */
export type MessagePart = string | { readonly typed: string };

/** Why the text could not be understood. */
export interface DailyUsageError {
  code: 'bad_time' | 'missing_time' | 'unknown_zone' | 'duplicate_option' | 'unexpected';
  /** One or two short sentences, English with a Chinese hint; what the user typed is a `{ typed }` part. */
  reason: readonly MessagePart[];
  /** The reason as plain text, the user's words verbatim, followed by the usage lines ({@link DAILY_USAGE}). */
  message: string;
}

/** The result of `parseDailyCommand`. */
export type DailyCommandResult = { ok: true; command: DailyCommand } | { ok: false; error: DailyUsageError };

/** The help text appended to every usage error. */
export const DAILY_USAGE = [
  'Usage 用法:',
  '`/speech daily 09:00` post an excerpt every weekday at 09:00 in your time zone(工作日每天 09:00 发一段)',
  '`/speech daily 09:00 everyday` every day, weekends too(每天)',
  '`/speech daily 09:00 Europe/Berlin` in a named time zone(指定时区)',
  '`/speech daily` show the settings(查看设置) · `/speech daily off` stop(停止)',
].join('\n');

/** How a valid time looks, for error messages. */
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
 * Parses the text after `/speech daily`. Case-insensitive; full-width characters (`09:00`,
 * `09:00`) are read as their ASCII forms. After the time, a zone and a days word may come in
 * either order, each at most once. Days default to `weekdays`; a missing zone is left out so the
 * caller can use the user's Slack zone or DEFAULT_TZ.
 *
 * @example parseDailyCommand('09:00 everyday')
 * // { ok: true, command: { kind: 'subscribe', time: { hour: 9, minute: 0 }, days: 'everyday' } }
 * @example parseDailyCommand('9:05 europe/berlin').command.timeZone // 'Europe/Berlin'
 * @example parseDailyCommand('off') // { ok: true, command: { kind: 'off' } }
 * @example parseDailyCommand('25:00').ok // false, error.code 'bad_time'
 */
export function parseDailyCommand(text: string): DailyCommandResult {
  const tokens = text.normalize('NFKC').trim().split(/\s+/u).filter(Boolean);
  const [first, ...rest] = tokens;
  const firstWord = (first ?? '').toLowerCase();
  if (SHOW_WORDS.has(firstWord) || OFF_WORDS.has(firstWord)) {
    if (rest.length > 0) {
      return usageError(
        'unexpected',
        'Unexpected "',
        { typed: rest.join(' ') },
        '" after "',
        { typed: first ?? '' },
        '"(多余的内容).',
      );
    }
    return { ok: true, command: { kind: OFF_WORDS.has(firstWord) ? 'off' : 'show' } };
  }

  const time = parseTime(firstWord);
  if (!time) {
    const looksLikeOption = DAYS_WORDS.has(firstWord) || validTimeZone(first ?? '') !== undefined;
    return looksLikeOption
      ? usageError('missing_time', 'Start with the time, e.g. `/speech daily 09:00 everyday`(请先写时间).')
      : usageError('bad_time', '"', { typed: first ?? '' }, `" is not a time; ${TIME_HINT}.`);
  }

  let timeZone: string | undefined;
  let days: DailyDays | undefined;
  for (const token of rest) {
    const dayRule = DAYS_WORDS.get(token.toLowerCase());
    if (dayRule) {
      if (days) return usageError('duplicate_option', 'Give weekdays or everyday only once(只能指定一次).');
      days = dayRule;
      continue;
    }
    const zone = validTimeZone(token);
    if (zone) {
      if (timeZone) return usageError('duplicate_option', 'Give only one time zone(只能指定一个时区).');
      timeZone = zone;
      continue;
    }
    if (parseTime(token)) return usageError('duplicate_option', 'Give only one time(只能指定一个时间).');
    return usageError(
      token.includes('/') ? 'unknown_zone' : 'unexpected',
      '"',
      { typed: token },
      '" is not a time zone (e.g. Asia/Shanghai, Europe/Berlin) or weekdays/everyday(无法识别).',
    );
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
 * The canonical spelling of an IANA time zone the runtime knows, or `undefined`. Zone names
 * are matched case-insensitively, so `europe/berlin` gives `Europe/Berlin`.
 *
 * @example validTimeZone('asia/shanghai') // 'Asia/Shanghai'
 * @example validTimeZone('Mars/Olympus') // undefined
 */
export function validTimeZone(text: string): string | undefined {
  // Only zone-shaped words: Intl also accepts offsets in newer runtimes, which would make the
  // accepted set depend on the Node version.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Formats a time as `HH:MM`.
 *
 * @example formatTime({ hour: 9, minute: 5 }) // '09:05'
 */
export function formatTime(time: DailyTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

function usageError(
  code: DailyUsageError['code'],
  ...reason: MessagePart[]
): { ok: false; error: DailyUsageError } {
  const text = reason.map((part) => (typeof part === 'string' ? part : part.typed)).join('');
  return { ok: false, error: { code, reason, message: `${text}\n${DAILY_USAGE}` } };
}
