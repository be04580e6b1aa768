import { formatPlace } from '../content/place.ts';
import type { DailyUnit } from './types.ts';

/** The day's post, ready for a chat layer to render. */
export interface DailyExcerpt {
  /** e.g. `每日一读 · 11月26日`. */
  header: string;
  unit: DailyUnit;
  /** The channel-local date in Chinese, e.g. `11月26日`. */
  dateLabel: string;
  /** The weekday in Chinese, e.g. `星期三`. */
  weekdayLabel: string;
  /** The channel-local date, `YYYY-MM-DD`. */
  channelDate: string;
  /** Where the text stands and where it was published, e.g. `第二部分 · 第三段 · 一是 · 来源:中国档案报(…)`. */
  citation: string;
  /** The whole excerpt as plain text (header, text, citation), e.g. for a notification fallback. */
  plainText: string;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/**
 * Builds the excerpt for a unit on a channel-local date.
 *
 * @param channelDate `YYYY-MM-DD` in the channel's zone (see `channelDate` in schedule.ts)
 * @example buildExcerpt(unit, '2025-11-26').header // '每日一读 · 11月26日'
 */
export function buildExcerpt(unit: DailyUnit, channelDate: string): DailyExcerpt {
  const [year, month, day] = channelDate.split('-').map(Number);
  const dateLabel = `${month}月${day}日`;
  const weekday = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  const header = `每日一读 · ${dateLabel}`;
  const citation = `${formatPlace(unit)} · ${unit.source}`;
  return {
    header,
    unit,
    dateLabel,
    weekdayLabel: WEEKDAYS[weekday] ?? '',
    channelDate,
    citation,
    plainText: `${header}\n\n${unit.text}\n\n—— ${citation}`,
  };
}
