import type { DailyUnit } from './types.ts';

/** The day's post: which passage, on which channel-local date. The chat layer words it. */
export interface DailyExcerpt {
  unit: DailyUnit;
  /** The channel-local date, `YYYY-MM-DD`. */
  channelDate: string;
  /** The same date's month (1–12), day of the month and weekday (0 Sunday … 6 Saturday). */
  month: number;
  day: number;
  weekday: number;
}

/**
 * Builds the excerpt for a unit on a channel-local date.
 *
 * @param channelDate `YYYY-MM-DD` in the channel's zone (see `channelDate` in schedule.ts)
 * @example buildExcerpt(unit, '2025-11-26') // { unit, channelDate: '2025-11-26', month: 11, day: 26, weekday: 3 }
 */
export function buildExcerpt(unit: DailyUnit, channelDate: string): DailyExcerpt {
  const [year = 1970, month = 1, day = 1] = channelDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { unit, channelDate, month, day, weekday };
}
