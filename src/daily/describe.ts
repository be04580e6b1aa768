import type { PostRecord, Store, Subscription } from '../store/types.ts';
import { dayStillOpen } from './post-log.ts';
import { channelDate, nextPostTime } from './schedule.ts';
import type { DailySchedule } from './types.ts';
import { UNKNOWN_TIME_ZONE, validTimeZone } from './zones.ts';

/**
 * Where a channel's daily excerpt stands, as data for the chat layer to word: the schedule, then
 * why posting stopped (a paused subscription) or when the next post comes.
 */
export type DailyStatus = DailySchedule &
  ({ paused: true; pausedReason: string | null } | { paused: false; nextPost: Date });

/**
 * A channel's daily settings and what comes next, for `daily` (show), the confirmation of a
 * subscription and the App Home.
 *
 * @param now the instant the next post time is counted from
 * @param todaysPost the post log's row for the channel's date at `now`, if any: a day already
 *   posted is not promised again when the time changes to later that day
 * @example describeSubscription(sub, new Date('2025-11-26T02:00:00Z'), undefined)
 * // { time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays',
 * //   paused: false, nextPost: new Date('2025-11-27T01:00:00Z') }
 */
export function describeSubscription(
  subscription: Subscription,
  now: Date,
  todaysPost: PostRecord | undefined,
): DailyStatus {
  const { time, timeZone, days } = subscription;
  if (subscription.paused)
    return { time, timeZone, days, paused: true, pausedReason: subscription.pausedReason };
  // Stored by a runtime that knew the zone (a newer Node on another replica): this one posts nothing.
  if (!validTimeZone(timeZone))
    return { time, timeZone, days, paused: true, pausedReason: UNKNOWN_TIME_ZONE };
  const after = subscription.activeSince > now ? subscription.activeSince : now;
  let nextPost = nextPostTime(subscription, after);
  if (!dayStillOpen(todaysPost) && channelDate(nextPost, timeZone) === todaysPost?.channelDate) {
    nextPost = nextPostTime(subscription, nextPost);
  }
  return { time, timeZone, days, paused: false, nextPost };
}

/**
 * {@link describeSubscription} with today's row read from the post log.
 *
 * @example await dailyStatus(store, sub, new Date())
 */
export async function dailyStatus(store: Store, subscription: Subscription, now: Date): Promise<DailyStatus> {
  const today = validTimeZone(subscription.timeZone) ? channelDate(now, subscription.timeZone) : undefined;
  const todaysPost = today === undefined ? undefined : await store.getPost(subscription.channelId, today);
  return describeSubscription(subscription, now, todaysPost);
}

const WEEKDAY_ZH: Readonly<Record<string, string>> = {
  Mon: '周一',
  Tue: '周二',
  Wed: '周三',
  Thu: '周四',
  Fri: '周五',
  Sat: '周六',
  Sun: '周日',
};

/**
 * An instant as `YYYY-MM-DD HH:MM (Thu 周四)` in a time zone.
 *
 * @example formatLocal(new Date('2025-11-27T01:00:00Z'), 'Asia/Shanghai') // '2025-11-27 09:00 (Thu 周四)'
 */
export function formatLocal(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${weekday} ${WEEKDAY_ZH[weekday] ?? ''})`;
}
