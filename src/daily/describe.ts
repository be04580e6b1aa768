import type { PostRecord, Store, Subscription } from '../store/types.ts';
import { dayStillOpen } from './post-log.ts';
import { channelDate, nextPostTime } from './schedule.ts';
import type { DailySchedule } from './types.ts';
import { UNKNOWN_TIME_ZONE, validTimeZone } from './zones.ts';

/**
 * Where a channel's daily excerpt stands, as data for the chat layer to word: the schedule, then
 * why posting stopped (a paused subscription) or when the next post comes.
 */
export type DailyStatus = DailySchedule & {
  /** Set by the bot's configuration (DAILY_CHANNEL): commands do not change it, and every start resumes it. */
  configured: boolean;
} & ({ paused: true; pausedReason: string | null } | { paused: false; nextPost: Date });

/**
 * A channel's daily settings and what comes next, for `daily` (show), the confirmation of a
 * subscription and the App Home.
 *
 * @param now the instant the next post time is counted from
 * @param postOn the post log's row for a channel date, if any: a date already posted (or
 *   failed after Slack may have posted) is skipped, as the scheduler skips it, so moving the
 *   time to later that day, or the zone west, does not promise a post that will not come
 * @example describeSubscription(sub, new Date('2025-11-26T02:00:00Z'))
 * // { time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays',
 * //   paused: false, nextPost: new Date('2025-11-27T01:00:00Z') }
 */
export function describeSubscription(
  subscription: Subscription,
  now: Date,
  postOn: (channelDate: string) => PostRecord | undefined = () => undefined,
): DailyStatus {
  const { time, timeZone, days } = subscription;
  const configured = subscription.createdBy === CONFIGURED_BY;
  if (subscription.paused)
    return { time, timeZone, days, paused: true, pausedReason: subscription.pausedReason, configured };
  // Stored by a runtime that knew the zone (a newer Node on another replica): this one posts nothing.
  if (!validTimeZone(timeZone))
    return { time, timeZone, days, paused: true, pausedReason: UNKNOWN_TIME_ZONE, configured };
  const slots = upcomingSlots(subscription, now);
  // The log holds no date past today's in any zone, which the slots pass: the fallback is never used.
  const nextPost = slots.find((slot) => dayStillOpen(postOn(channelDate(slot, timeZone)))) ?? slots[0];
  return { time, timeZone, days, configured, paused: false, nextPost };
}

/**
 * {@link describeSubscription} with the post log's rows for the dates of the upcoming slots.
 *
 * @example await dailyStatus(store, sub, new Date())
 */
export async function dailyStatus(store: Store, subscription: Subscription, now: Date): Promise<DailyStatus> {
  const dates =
    !subscription.paused && validTimeZone(subscription.timeZone)
      ? upcomingSlots(subscription, now).map((slot) => channelDate(slot, subscription.timeZone))
      : [];
  const rows = new Map(
    await Promise.all(
      dates.map(async (date) => [date, await store.getPost(subscription.channelId, date)] as const),
    ),
  );
  return describeSubscription(subscription, now, (date) => rows.get(date));
}

/**
 * The next slots from `now` (or from when the schedule applies): enough to pass every date the
 * post log can already have closed. Zones are up to 26 hours apart, so after a move west the old
 * zone's today can be the new zone's day after tomorrow.
 */
function upcomingSlots(subscription: Subscription, now: Date): [Date, ...Date[]] {
  let slot = nextPostTime(subscription, subscription.activeSince > now ? subscription.activeSince : now);
  const slots: [Date, ...Date[]] = [slot];
  for (let more = 1; more < UPCOMING_SLOTS; more++) {
    slot = nextPostTime(subscription, slot);
    slots.push(slot);
  }
  return slots;
}

const UPCOMING_SLOTS = 5;

/** Who `createdBy` names for the subscription DAILY_CHANNEL makes at start. */
export const CONFIGURED_BY = 'config';

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
