import { formatTime, parseTime } from '../daily/command.ts';
import type { DailyTime } from '../daily/types.ts';

/** A subscription's time as every store keeps it: `HH:MM`, the daily command's own format. */
export const storedTime: (time: DailyTime) => string = formatTime;

/**
 * A stored `HH:MM` read back. The column's check admits only that format, so a value the daily
 * command cannot read means the database was edited by hand: say so rather than post at 00:00.
 */
export function readStoredTime(text: string): DailyTime {
  const time = parseTime(text);
  if (!time) throw new Error(`stored subscription time "${text}" is not HH:MM`);
  return time;
}
