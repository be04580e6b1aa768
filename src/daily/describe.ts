import type { Subscription } from '../store/types.ts';
import { formatTime } from './command.ts';
import { nextPostTime } from './schedule.ts';

/**
 * A short bilingual description of a channel's daily settings, for `/speech daily`.
 *
 * @param now the instant the next post time is counted from
 * @example describeSubscription(sub, new Date('2025-11-26T02:00:00Z'))
 * // 'Daily excerpt 每日一读: 09:00 Asia/Shanghai, weekdays 工作日. Next post 下次: 2025-11-27 09:00 (Thu 周四).'
 */
export function describeSubscription(subscription: Subscription | undefined, now: Date): string {
  if (!subscription)
    return 'No daily excerpt in this channel(本频道未订阅每日一读). Try `/speech daily 09:00`.';
  const days = subscription.days === 'weekdays' ? 'weekdays 工作日' : 'every day 每天';
  const settings = `Daily excerpt 每日一读: ${formatTime(subscription.time)} ${subscription.timeZone}, ${days}.`;
  if (subscription.paused) {
    return `${settings} Paused 已暂停 (${subscription.pausedReason ?? 'unknown'}); run the command again to resume.`;
  }
  const after = subscription.activeSince > now ? subscription.activeSince : now;
  return `${settings} Next post 下次: ${formatLocal(nextPostTime(subscription, after), subscription.timeZone)}.`;
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
