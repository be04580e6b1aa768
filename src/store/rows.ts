/**
 * The tables' rows as the SQL stores read them, and how a row becomes the contract's record.
 * Both databases have the same columns; they differ only in how an instant and a flag come
 * back (PostgreSQL: `Date` and `boolean`; SQLite: epoch milliseconds and 0/1), which each store
 * passes in.
 */
import type { DailyDays } from '../daily/types.ts';
import { readStoredTime } from './times.ts';
import type { PostRecord, PostStatus, Subscription } from './types.ts';

export interface SubscriptionRow<Instant, Flag> {
  channel_id: string;
  team_id: string | null;
  time: string;
  time_zone: string;
  days: string;
  created_by: string;
  paused: Flag;
  paused_reason: string | null;
  active_since: Instant;
  created_at: Instant;
  updated_at: Instant;
}

export interface PostRow<Instant> {
  channel_id: string;
  channel_date: string;
  unit_id: string;
  instance_id: string;
  status: string;
  attempts: number;
  claimed_at: Instant;
  ts: string | null;
  error: string | null;
  retry_at: Instant | null;
}

/** How a database returns instants and flags. */
export interface ColumnReader<Instant, Flag> {
  instant(value: Instant): Date;
  flag(value: Flag): boolean;
}

export function toSubscription<Instant, Flag>(
  row: SubscriptionRow<Instant, Flag>,
  read: ColumnReader<Instant, Flag>,
): Subscription {
  return {
    channelId: row.channel_id,
    teamId: row.team_id,
    time: readStoredTime(row.time),
    timeZone: row.time_zone,
    days: row.days as DailyDays,
    createdBy: row.created_by,
    paused: read.flag(row.paused),
    pausedReason: row.paused_reason,
    createdAt: read.instant(row.created_at),
    updatedAt: read.instant(row.updated_at),
    activeSince: read.instant(row.active_since),
  };
}

/**
 * The subscriptions of a listing, leaving out a row that cannot be read (a value edited into the
 * database by hand, such as a time of `24:00`) with a warning, once per row and value: one bad
 * row must not stop every other channel's daily excerpt, nor the App Home.
 */
export function readableSubscriptions<Instant, Flag>(
  rows: readonly SubscriptionRow<Instant, Flag>[],
  read: ColumnReader<Instant, Flag>,
): Subscription[] {
  return rows.flatMap((row) => {
    try {
      return [toSubscription(row, read)];
    } catch (error) {
      warnOnce(
        `${row.channel_id} ${row.time}`,
        `The daily excerpt of ${row.channel_id} is skipped: ${(error as Error).message}. Set it again with the daily command in that channel, or fix the row in the database.`,
      );
      return [];
    }
  });
}

const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message, { code: 'SPEECH_BOT_UNREADABLE_ROW' });
}

export function toPostRecord<Instant, Flag>(
  row: PostRow<Instant>,
  read: ColumnReader<Instant, Flag>,
): PostRecord {
  return {
    channelId: row.channel_id,
    channelDate: row.channel_date,
    unitId: row.unit_id,
    instanceId: row.instance_id,
    status: row.status as PostStatus,
    attempts: row.attempts,
    claimedAt: read.instant(row.claimed_at),
    ts: row.ts,
    error: row.error,
    retryAt: row.retry_at === null ? null : read.instant(row.retry_at),
  };
}
