import type { Place } from '../content/types.ts';

/**
 * The data of the daily excerpt feature. Plain objects only: the store persists them, the
 * scheduler acts on them, and the Slack layer renders them; none of them knows about Slack.
 */

/** A wall-clock time of day in a channel's time zone, e.g. `{ hour: 9, minute: 0 }` for 09:00. */
export interface DailyTime {
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
}

/**
 * Which days get a post: `weekdays` (Monday–Friday, the default, so nobody is pinged on a
 * weekend) or `everyday`.
 */
export type DailyDays = 'weekdays' | 'everyday';

/** When a channel gets its excerpt: `{ time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays' }`. */
export interface DailySchedule {
  time: DailyTime;
  /** An IANA zone name, e.g. `Asia/Shanghai` or `Europe/Berlin`. */
  timeZone: string;
  days: DailyDays;
}

/** One day's reading: a whole paragraph, or one coherent part of a long paragraph. */
export interface DailyUnit {
  /**
   * Stable id, taken from the content ids: the paragraph id (`speech/s1-p2`) for a whole
   * paragraph, the point's passage id (`speech/s2-p3-1`) for a part.
   */
  id: string;
  docId: string;
  docTitle: string;
  /** The paragraph the unit comes from, e.g. `speech/s2-p3`. */
  paragraphId: string;
  /** The section heading (or the document title for the introduction). */
  heading: string;
  /** Where it stands; `formatPlace` says `第二部分 · 第三段 · 一是`. */
  place: Place;
  /** The point's own label (`一是`) for a unit that is one point of a paragraph. */
  label?: string;
  /** The text to post, exactly as published (a part's paragraph lead is prepended to its first point). */
  text: string;
  /** Citation line, e.g. `来源:中国档案报(2019年7月18日 总第3400期 第三版)`. */
  source: string;
  /** For a part of a split paragraph: which part, e.g. `{ index: 1, count: 5 }`. Absent for whole paragraphs. */
  part?: { index: number; count: number };
}
