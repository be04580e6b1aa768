import type { DailyDays, DailyTime } from '../daily/types.ts';

/**
 * Persistence for the daily excerpt feature. Every method is async so a networked database
 * (PostgreSQL) can implement the same interface later; `SqliteStore` simply resolves at once.
 */

/** A channel's daily excerpt subscription as stored. */
export interface Subscription {
  /** Slack channel id; one subscription per channel. */
  channelId: string;
  /** Workspace id, or `null` for config-only setups (DAILY_CHANNEL) that have none. */
  teamId: string | null;
  time: DailyTime;
  /** IANA zone name, e.g. `Asia/Shanghai`. */
  timeZone: string;
  days: DailyDays;
  /** User id of whoever last set the subscription up (`config` for DAILY_CHANNEL); told when it is paused. */
  createdBy: string;
  /** Set when posting failed for good (bot removed, channel archived); cleared by subscribing again. */
  paused: boolean;
  /** Why it was paused, e.g. `not_in_channel`; `null` when active. */
  pausedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Since when the current schedule applies: set on creation, and again whenever the time, zone
   * or days change or a paused subscription is resumed. Slots before it are never posted, so
   * subscribing at 10:00 to a 09:00 slot starts tomorrow instead of posting at once.
   */
  activeSince: Date;
}

/**
 * What `upsertSubscription` takes.
 *
 * @example { channelId: 'C123', teamId: 'T1', time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays', createdBy: 'U42' }
 */
export interface SubscriptionInput {
  channelId: string;
  teamId?: string | null;
  time: DailyTime;
  timeZone: string;
  days: DailyDays;
  createdBy: string;
}

/**
 * The state of one channel-day's post:
 * - `claimed`: an instance decided to post and may have done so; its outcome is unknown until recorded.
 * - `posted`: Slack accepted the message.
 * - `failed`: Slack rejected it; `retryAt` set means it is safe to try again from then on.
 */
export type PostStatus = 'claimed' | 'posted' | 'failed';

/**
 * A claim younger than this may still be posting; an older one without outcome is taken as lost
 * (its instance died mid-post) by the scheduler and by the report at start.
 */
export const CLAIM_IN_FLIGHT_MS = 10 * 60_000;

/** One row of the post log: at most one per channel and channel-local date. */
export interface PostRecord {
  channelId: string;
  /** The channel-local date of the slot, `YYYY-MM-DD`. */
  channelDate: string;
  unitId: string;
  /** The scheduler instance that holds (or last held) the claim. */
  instanceId: string;
  status: PostStatus;
  /** How many times the slot has been claimed (1, plus one per retry). */
  attempts: number;
  claimedAt: Date;
  /** Slack message timestamp once posted. */
  ts: string | null;
  error: string | null;
  /** For a retryable failure: not before this instant. `null` means the failure is final. */
  retryAt: Date | null;
}

/**
 * The outcome of a claimed post.
 *
 * @example { status: 'posted', ts: '1732582800.000100' }
 * @example { status: 'failed', error: 'ratelimited', retryAt: new Date(Date.now() + 30_000) }
 * @example { status: 'failed', error: 'internal_error' } // final: Slack may have posted, never retried
 */
export type PostOutcome =
  | { status: 'posted'; ts: string }
  | { status: 'failed'; error: string; retryAt?: Date };

/** What `prune` removed. */
export interface PruneReport {
  events: number;
  posts: number;
}

/**
 * Storage for subscriptions, the post log and the ids of events being handled: the state every
 * replica of the bot shares. Implementations: `MemoryStore` (one process, tests), `SqliteStore`
 * (one machine; several processes may share the file), `PostgresStore` (several machines).
 * `test/store/contract.ts` runs the same suite on each.
 *
 * The guarantees every implementation gives:
 * - **One claim per channel-day.** Of all callers of `claimPost` for the same (channel, date),
 *   across connections, processes and machines, exactly one gets `true`; the only exception is a
 *   failure recorded with a `retryAt` that has passed, which one caller may claim again.
 * - **Exactly once over at-least-once.** A claim is written *before* posting. If the process dies
 *   between the claim and `recordPostOutcome`, nobody can tell whether Slack got the message, so
 *   the claim is never handed out again and that day's excerpt is lost (`unfinishedClaims` lists
 *   them for the operator). A missing reading is a small loss; the same reading posted twice to a
 *   whole channel looks broken.
 * - **One handler per event.** Of all callers of `claimEvent` with the same id before it expires,
 *   exactly one gets `true`.
 * - **Outcomes only on claims.** `recordPostOutcome` changes only a row in `claimed` state.
 */
export interface Store {
  /**
   * Creates or replaces a channel's subscription, and resumes it if it was paused.
   *
   * @example await store.upsertSubscription({ channelId: 'C1', time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays', createdBy: 'U1' })
   */
  upsertSubscription(input: SubscriptionInput): Promise<Subscription>;
  /** @example await store.getSubscription('C1') // undefined when the channel has none */
  getSubscription(channelId: string): Promise<Subscription | undefined>;
  /** All subscriptions (paused ones too), optionally of one workspace, ordered by channel id. @example await store.listSubscriptions('T1') */
  listSubscriptions(teamId?: string): Promise<Subscription[]>;
  /** Removes a subscription (`/speech daily off`); returns whether there was one. The post log is kept. @example await store.deleteSubscription('C1') */
  deleteSubscription(channelId: string): Promise<boolean>;
  /** Stops posting to a channel until it subscribes again; returns whether there was a subscription. @example await store.pauseSubscription('C1', 'not_in_channel') */
  pauseSubscription(channelId: string, reason: string): Promise<boolean>;
  /**
   * Atomically claims the right to post a channel's excerpt for one channel-local date. Only one
   * caller ever wins a given (channel, date), across connections and processes, except that a
   * failure recorded with `retryAt` in the past may be claimed again (attempts + 1).
   * A claim with no recorded outcome is never handed out again (see `SqliteStore` for why).
   *
   * @returns `true` if this caller may post now, `false` if the slot is taken
   * @example if (await store.claimPost('C1', '2025-11-26', 'speech/s1-p2', 'host-1:4242')) { … post … }
   */
  claimPost(channelId: string, channelDate: string, unitId: string, instanceId: string): Promise<boolean>;
  /**
   * Records what happened to a claimed post. Only a row in `claimed` state is updated, so a late
   * or duplicate outcome cannot overwrite a newer one; returns whether the row was updated.
   *
   * @example await store.recordPostOutcome('C1', '2025-11-26', { status: 'posted', ts: '1732582800.000100' })
   */
  recordPostOutcome(channelId: string, channelDate: string, outcome: PostOutcome): Promise<boolean>;
  /** The post log row for one channel-day. @example await store.getPost('C1', '2025-11-26') */
  getPost(channelId: string, channelDate: string): Promise<PostRecord | undefined>;
  /**
   * The unit ids a channel has been given, oldest first: posted ones, claims without outcome
   * (probably posted), and final failures (Slack may have posted before failing; a rate limit
   * given up on counts too, as the log cannot tell it apart), but not failures recorded with a
   * retry time (refused, or limited and still to be tried: nothing reached the channel).
   * This is the history `nextUnitId` rotates over: a passage that may have been seen is not
   * posted again the next day.
   *
   * @example await store.postedUnitIds('C1') // ['speech/intro-p1', 'speech/s1-p1']
   */
  postedUnitIds(channelId: string): Promise<string[]>;
  /**
   * Claims whose outcome was never recorded (a process died mid-post), oldest first: each is a
   * day's excerpt that may not have reached its channel. Logged at start.
   *
   * @param before only claims made before this instant (a claim made a moment ago is in flight)
   */
  unfinishedClaims(before: Date): Promise<PostRecord[]>;
  /**
   * Claims the handling of one Slack event (Slack redelivers an event it thinks was lost, maybe
   * to another replica). `true` for exactly one caller until `ttlMs` has passed.
   *
   * @example if (await store.claimEvent('Ev123', 60 * 60_000)) handle(event)
   */
  claimEvent(eventId: string, ttlMs: number): Promise<boolean>;
  /**
   * Removes expired event claims, and post-log rows of channel dates before `postsBefore`
   * (`YYYY-MM-DD`), so the tables do not grow forever.
   */
  prune(postsBefore: string): Promise<PruneReport>;
  /**
   * Reads and writes the store without changing what it holds: `/healthz` asks it, and start-up
   * asks it so a store that opens but cannot be written stops the bot at once.
   *
   * @throws StoreError naming the store and what failed
   * @example await store.checkHealth()
   */
  checkHealth(): Promise<void>;
  /** Releases the database. @example await store.close() */
  close(): Promise<void>;
}

/** The store cannot be opened, read or written; the message names the setting and the file. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** The database was written by a newer version of the bot: it is sound, and must be kept. */
export class NewerSchemaError extends StoreError {
  override name = 'NewerSchemaError';
}

/** The database file is damaged or not a database at all: only moving it away starts afresh. */
export class DamagedStoreError extends StoreError {
  override name = 'DamagedStoreError';
}
