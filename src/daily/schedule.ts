import { Cron } from 'croner';
import type { DailyDays, DailySchedule } from './types.ts';

/**
 * Time arithmetic for subscriptions, in the channel's own time zone. Croner does the calendar
 * work, including DST: a slot in the hour skipped in spring is posted an hour later that day
 * (02:30 → 03:30), and a slot in the hour repeated in autumn is posted once.
 */

/** Today's slot of a subscription: when it fell and which channel-local date it belongs to. */
export interface DailySlot {
  /** The instant of the slot, e.g. 2025-11-26T01:00:00Z for 09:00 in Asia/Shanghai. */
  at: Date;
  /** The channel-local date, `YYYY-MM-DD`; the post log's key together with the channel. */
  channelDate: string;
}

/**
 * The cron pattern of a schedule (minute hour day month weekday).
 *
 * @example cronPattern({ time: { hour: 9, minute: 5 }, timeZone: 'UTC', days: 'weekdays' }) // '5 9 * * 1-5'
 */
export function cronPattern(schedule: DailySchedule): string {
  return `${schedule.time.minute} ${schedule.time.hour} * * ${schedule.days === 'weekdays' ? '1-5' : '*'}`;
}

function cron(schedule: DailySchedule): Cron {
  // Paused: used only to compute dates, never to fire; the scheduler owns its timers.
  return new Cron(cronPattern(schedule), { timezone: schedule.timeZone, paused: true });
}

/**
 * The first slot strictly after `after`.
 *
 * @example nextPostTime({ time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays' }, new Date('2025-11-26T02:00:00Z'))
 * // 2025-11-27T01:00:00.000Z (Thursday 09:00 in Shanghai)
 */
export function nextPostTime(schedule: DailySchedule, after: Date): Date {
  const next = cron(schedule).nextRun(after);
  // A daily pattern always has a next run; croner returns null only for patterns that never match.
  if (!next) throw new Error(`no next run for "${cronPattern(schedule)}" in ${schedule.timeZone}`);
  return next;
}

/**
 * The calendar date of an instant in a time zone, `YYYY-MM-DD`.
 *
 * @example channelDate(new Date('2025-11-26T17:00:00Z'), 'Asia/Shanghai') // '2025-11-27'
 * @example channelDate(new Date('2025-11-26T17:00:00Z'), 'Europe/Berlin') // '2025-11-26'
 */
export function channelDate(instant: Date, timeZone: string): string {
  const parts = dateParts(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateParts(instant: Date, timeZone: string): { year: string; month: string; day: string } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    format.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month'), day: part('day') };
}

/**
 * The latest slot at or before `now`, if it falls on `now`'s channel-local date: the slot that
 * is due, or already done, today. `undefined` on days without a slot (weekends for `weekdays`)
 * and before today's time. Yesterday's slot is never returned, which is what limits catch-up
 * after downtime to the same day.
 *
 * @param notBefore slots earlier than this are ignored, e.g. the moment the subscription was made
 * @example todaysSlot(nineAmShanghaiWeekdays, new Date('2025-11-26T03:00:00Z'))
 * // { at: 2025-11-26T01:00:00.000Z, channelDate: '2025-11-26' }
 */
export function todaysSlot(schedule: DailySchedule, now: Date, notBefore?: Date): DailySlot | undefined {
  const job = cron(schedule);
  const today = channelDate(now, schedule.timeZone);
  // Any slot of today lies within 26 hours before now (a day of 25 hours, plus margin), so a
  // walk of at most a few runs from there finds the latest one not after now.
  let slot: Date | undefined;
  for (
    let run = job.nextRun(new Date(now.getTime() - 26 * 3_600_000));
    run && run <= now;
    run = job.nextRun(run)
  ) {
    slot = run;
  }
  if (!slot || channelDate(slot, schedule.timeZone) !== today) return undefined;
  if (notBefore && slot < notBefore) return undefined;
  return { at: slot, channelDate: today };
}

/**
 * Whether a subscription with these days posts on a calendar date (`YYYY-MM-DD`, the channel's own).
 *
 * @example postsOn('weekdays', '2026-11-29') // false: a Sunday
 */
export function postsOn(days: DailyDays, date: string): boolean {
  if (days === 'everyday') return true;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * The first date on or after `date` that a subscription with these days posts on.
 *
 * @example nextPostingDate('weekdays', '2026-11-29') // '2026-11-30'
 */
export function nextPostingDate(days: DailyDays, date: string): string {
  let day = date;
  while (!postsOn(days, day)) day = dayAfter(day);
  return day;
}

/** The calendar date after a `YYYY-MM-DD` date. @example dayAfter('2026-02-28') // '2026-03-01' */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
