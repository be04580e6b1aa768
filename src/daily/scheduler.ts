import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { finishesWithin } from '../deadline.ts';
import { errorMessage } from '../errors.ts';
import { CLAIM_IN_FLIGHT_MS, type PostRecord, type Store, type Subscription } from '../store/types.ts';
import { buildExcerpt, type DailyExcerpt } from './excerpt.ts';
import { dayStillOpen } from './post-log.ts';
import { nextUnit } from './rotation.ts';
import { nextPostTime, todaysSlot } from './schedule.ts';
import type { DailyUnit } from './types.ts';
import { UNKNOWN_TIME_ZONE, validTimeZone } from './zones.ts';

/**
 * What the chat layer reports after trying to post. It should not throw: a failure comes back
 * with its error (as the chat service names it, for logs and the subscriber) and what it means
 * for the schedule, which only the chat layer can tell:
 * - `pause`: the bot cannot post in the channel until someone acts (it left, the channel was
 *   archived, posting is restricted). The subscription is paused and its subscriber told.
 * - `retry`: nothing was posted and trying later may work (a rate limit, with `retryAfterMs` when
 *   the service says how long to wait). Tried again, up to `maxAttempts`.
 * - `give_up`: anything else, including failures after which the post may have gone through.
 *
 * @example { ok: true, ts: '1732582800.000100' }
 * @example { ok: false, error: 'ratelimited', outcome: 'retry', retryAfterMs: 30_000 }
 */
export type PostResult =
  | { ok: true; ts: string }
  | { ok: false; error: string; outcome: 'pause' | 'retry' | 'give_up'; retryAfterMs?: number };

/**
 * The timer functions the scheduler uses; tests inject fake ones.
 *
 * @example timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Where the scheduler reports what it does. `console` fits.
 *
 * @example logger: { info: (m, d) => log.info(d, m), warn: (m, d) => log.warn(d, m), error: (m, d) => log.error(d, m) }
 */
export interface DailyLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options for `DailyScheduler`. */
export interface DailySchedulerOptions {
  store: Store;
  /**
   * The current daily units in reading order, asked for at every pass so reloaded content counts.
   *
   * @example units: () => dailyUnits(loadDocuments('content'))
   */
  units: () => readonly DailyUnit[];
  /** Posts an excerpt to the subscription's channel. @example post: async (sub, excerpt) => chat.post(sub.channelId, excerpt) */
  post: (subscription: Subscription, excerpt: DailyExcerpt) => Promise<PostResult>;
  /**
   * Called after a subscription was paused because the channel cannot be posted to, so the chat
   * layer can tell `subscription.createdBy`. Errors it throws are logged.
   *
   * @example onPaused: (sub, error) => dm(sub.createdBy, `Daily excerpt paused: ${error}`)
   */
  onPaused?: (subscription: Subscription, error: string) => void | Promise<void>;
  /** @default { now: () => new Date() } */
  clock?: { now(): Date };
  /** @default the global setTimeout / clearTimeout */
  timers?: Timers;
  /** @default console */
  logger?: DailyLogger;
  /**
   * Names this process in the post log, to tell who claimed what.
   *
   * @default `${hostname}:${pid}:${random}`
   */
  instanceId?: string;
  /**
   * The longest single wait (ms). Waits are recomputed after it, so a changed system clock,
   * subscriptions added by another process, or setTimeout's 24.8-day limit never strand a post.
   *
   * @default 3_600_000 (one hour)
   */
  maxWaitMs?: number;
  /**
   * How many times one channel-day may be tried when the chat service says to retry (rate limits).
   *
   * @default 5
   */
  maxAttempts?: number;
  /**
   * Back-off before the n-th retry when the chat service gives no `retryAfterMs`: `retryBaseMs × 2^(n-1)`.
   *
   * @default 30_000
   */
  retryBaseMs?: number;
  /**
   * How many channels are posted to at once: a channel whose post hangs holds one lane, not
   * every channel after it.
   *
   * @default 4
   */
  concurrency?: number;
}

/** What one pass did, for logs and tests. */
export interface PassReport {
  posted: { channelId: string; channelDate: string; unitId: string; ts: string }[];
  failed: { channelId: string; channelDate: string; unitId: string; error: string; retryAt?: Date }[];
  paused: { channelId: string; error: string }[];
  /** The earliest pending retry, if any; the scheduler wakes for it. */
  nextRetryAt?: Date;
}

/**
 * Posts each subscribed channel's daily excerpt at its time, in its zone. Knows nothing of Slack:
 * the chat layer passes `post` and `onPaused`.
 *
 * Several instances (processes, or restarts) may share one store: each channel-day is claimed
 * in the store before posting, so it is posted at most once. A missed slot (bot down) is posted
 * when the bot comes back on the same channel-local day, never on a later day.
 *
 * @example
 * const scheduler = new DailyScheduler({ store, units: () => units, post, onPaused });
 * scheduler.start();
 * // after /speech daily changes a subscription:
 * await scheduler.refresh();
 * // on shutdown:
 * await scheduler.stop();
 */
export class DailyScheduler {
  /** This process's name in the post log. */
  readonly instanceId: string;
  private readonly store: Store;
  private readonly units: () => readonly DailyUnit[];
  private readonly post: DailySchedulerOptions['post'];
  private readonly onPaused: DailySchedulerOptions['onPaused'];
  private readonly clock: { now(): Date };
  private readonly timers: Timers;
  private readonly logger: DailyLogger;
  private readonly maxWaitMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly concurrency: number;

  private timer: unknown;
  private started = false;
  private stopped = false;
  private passing: Promise<void> | undefined;
  private passAgain = false;
  private armGeneration = 0;
  private retryAt: Date | undefined;
  private readonly reportedStale = new Set<string>();
  /** Channel and zone pairs already logged as unknown to this runtime. */
  private readonly unknownZonesLogged = new Set<string>();

  constructor(options: DailySchedulerOptions) {
    this.store = options.store;
    this.units = options.units;
    this.post = options.post;
    this.onPaused = options.onPaused;
    this.clock = options.clock ?? { now: () => new Date() };
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.logger = options.logger ?? console;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.maxWaitMs = options.maxWaitMs ?? 3_600_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  }

  /**
   * Starts: a catch-up pass at once (today's due slots not yet claimed), then a timer for the
   * next slot. Returns a promise for the end of that first pass; there is no need to await it.
   *
   * @example scheduler.start();
   */
  start(): Promise<void> {
    if (this.started) return this.passing ?? Promise.resolve();
    this.started = true;
    return this.tick();
  }

  /**
   * Re-reads the subscriptions and re-arms the timer; call after a subscription is added,
   * changed or removed. (Changes made by another process are seen within `maxWaitMs`.)
   *
   * @example await store.upsertSubscription(input); await scheduler.refresh();
   */
  async refresh(): Promise<void> {
    // A running pass arms the timer when it ends, reading the subscriptions afresh.
    if (!this.started || this.stopped || this.passing) return;
    await this.arm();
  }

  /**
   * Stops the timer and waits for a pass in progress to finish its posts already started (no
   * new one starts), so the store can be closed after.
   *
   * @param waitMs the longest wait, in real time, for a post that hangs (shutdown must not)
   * @returns whether the pass finished in time
   * @example await scheduler.stop(10_000); await store.close();
   */
  async stop(waitMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.stopped = true;
    this.armGeneration++;
    this.clearTimer();
    const { passing } = this;
    if (!passing) return true;
    if (!Number.isFinite(waitMs)) {
      await passing;
      return true;
    }
    const finished = await finishesWithin(passing, waitMs);
    if (!finished) this.logger.warn('daily: a post still running at shutdown was left', { waitMs });
    return finished;
  }

  /**
   * One pass: for every active subscription whose slot today has come, pick the next unit in
   * its rotation, claim the channel-day, post, and record the outcome. Never throws; problems
   * with one channel are logged and the others go on. Public for tests and manual runs.
   *
   * @param now the pass's notion of the current instant
   * @example const report = await scheduler.runDue(new Date()); report.posted.length
   */
  async runDue(now: Date = this.clock.now()): Promise<PassReport> {
    const report: PassReport = { posted: [], failed: [], paused: [] };
    let subscriptions: Subscription[];
    try {
      subscriptions = await this.store.listSubscriptions();
    } catch (error) {
      this.logger.error('daily: cannot list subscriptions', { error: errorMessage(error) });
      return report;
    }
    const queue = [...subscriptions];
    const lane = async () => {
      // After stop() nothing new is posted; posts already started finish.
      for (let subscription = queue.shift(); subscription && !this.stopped; subscription = queue.shift()) {
        try {
          await this.runOne(subscription, now, report);
        } catch (error) {
          this.logger.error('daily: pass failed for a channel', {
            channelId: subscription.channelId,
            error: errorMessage(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, lane));
    return report;
  }

  private async runOne(subscription: Subscription, now: Date, report: PassReport): Promise<void> {
    if (subscription.paused) return;
    if (!validTimeZone(subscription.timeZone)) return this.skipUnknownZone(subscription);
    const slot = todaysSlot(subscription, now, subscription.activeSince);
    if (!slot) return;
    const { channelId } = subscription;
    const { channelDate } = slot;

    const existing = await this.store.getPost(channelId, channelDate);
    if (existing && !dayStillOpen(existing)) {
      this.reportStaleClaim(existing, now);
      return;
    }
    if (existing?.retryAt && existing.retryAt > now) {
      report.nextRetryAt = earliest(report.nextRetryAt, existing.retryAt);
      return;
    }

    const unit = nextUnit(this.units(), await this.store.postedUnitIds(channelId));
    if (!unit) {
      this.logger.warn('daily: no content to post', { channelId });
      return;
    }
    // The list was read when the pass began, and the posts ahead in it may have taken a while: a
    // channel turned off, paused or rescheduled since then is not posted to on the old settings.
    const current = await this.store.getSubscription(channelId);
    if (!current || current.paused || current.activeSince.getTime() !== subscription.activeSince.getTime()) {
      return;
    }
    // The decisive step: only the claimant posts. Losing means another instance has it.
    if (!(await this.store.claimPost(channelId, channelDate, unit.id, this.instanceId))) return;

    let result: PostResult;
    try {
      result = await this.post(subscription, buildExcerpt(unit, channelDate));
    } catch (error) {
      // A throw may come after the chat service received the message, so it is final, never retried.
      result = { ok: false, error: errorMessage(error), outcome: 'give_up' };
    }
    const attempts = (existing?.attempts ?? 0) + 1;
    await this.recordResult(subscription, channelDate, unit.id, attempts, result, report);
  }

  /**
   * A zone this runtime's time zone data lacks: another replica, on a newer Node, may know it and
   * post, so the subscription is left as it is (not paused for everyone), and logged once here.
   */
  private skipUnknownZone(subscription: Subscription): void {
    const key = `${subscription.channelId} ${subscription.timeZone}`;
    if (this.unknownZonesLogged.has(key)) return;
    this.unknownZonesLogged.add(key);
    this.logger.warn(
      'daily: time zone unknown to this runtime; its posts are left to a replica that knows it',
      {
        channelId: subscription.channelId,
        timeZone: subscription.timeZone,
        error: UNKNOWN_TIME_ZONE,
      },
    );
  }

  private async recordResult(
    subscription: Subscription,
    channelDate: string,
    unitId: string,
    attempts: number,
    result: PostResult,
    report: PassReport,
  ): Promise<void> {
    const { channelId } = subscription;
    if (result.ok) {
      await this.store.recordPostOutcome(channelId, channelDate, { status: 'posted', ts: result.ts });
      report.posted.push({ channelId, channelDate, unitId, ts: result.ts });
      this.logger.info('daily: posted', { channelId, channelDate, unitId, ts: result.ts });
      return;
    }
    const { error } = result;
    if (result.outcome === 'pause') {
      // Paused first, so a replica that finds the day open again finds the channel paused too
      // (one that read the subscription just before may still try, be refused, and pause it again).
      await this.store.pauseSubscription(channelId, error);
      // The chat service refused, so nothing reached the channel: the day stays open (its retry time already
      // passed) for when someone fixes the channel and subscribes it again.
      try {
        await this.store.recordPostOutcome(channelId, channelDate, {
          status: 'failed',
          error,
          retryAt: this.clock.now(),
        });
      } catch (recordError) {
        // The subscriber must still hear of the pause; the day stays claimed (closed), as before.
        this.logger.error('daily: cannot record a refused post', {
          channelId,
          error: errorMessage(recordError),
        });
      }
      report.failed.push({ channelId, channelDate, unitId, error });
      report.paused.push({ channelId, error });
      this.logger.warn('daily: subscription paused', { channelId, error });
      try {
        await this.onPaused?.({ ...subscription, paused: true, pausedReason: error }, error);
      } catch (callbackError) {
        this.logger.error('daily: onPaused failed', { channelId, error: errorMessage(callbackError) });
      }
      return;
    }
    if (result.outcome === 'retry' && attempts < this.maxAttempts) {
      const delay = result.retryAfterMs ?? this.retryBaseMs * 2 ** (attempts - 1);
      const retryAt = new Date(this.clock.now().getTime() + Math.max(0, delay));
      await this.store.recordPostOutcome(channelId, channelDate, { status: 'failed', error, retryAt });
      report.failed.push({ channelId, channelDate, unitId, error, retryAt });
      report.nextRetryAt = earliest(report.nextRetryAt, retryAt);
      this.logger.warn('daily: post will be retried', { channelId, channelDate, error, attempts, retryAt });
      return;
    }
    await this.store.recordPostOutcome(channelId, channelDate, { status: 'failed', error });
    report.failed.push({ channelId, channelDate, unitId, error });
    this.logger.error('daily: post failed', { channelId, channelDate, unitId, error, attempts });
  }

  private reportStaleClaim(record: PostRecord, now: Date): void {
    const key = `${record.channelId}/${record.channelDate}`;
    if (record.status !== 'claimed' || now.getTime() - record.claimedAt.getTime() < CLAIM_IN_FLIGHT_MS)
      return;
    if (this.reportedStale.has(key)) return;
    this.reportedStale.add(key);
    // Exactly-once: whoever claimed may have posted before dying, so this day is not posted again.
    this.logger.warn('daily: claim without outcome, not posting again', {
      channelId: record.channelId,
      channelDate: record.channelDate,
      instanceId: record.instanceId,
      claimedAt: record.claimedAt,
    });
  }

  /** Runs a pass (or queues one after the current pass) and re-arms the timer. */
  private tick(): Promise<void> {
    this.clearTimer();
    if (this.stopped) return Promise.resolve();
    if (this.passing) {
      this.passAgain = true;
      return this.passing;
    }
    this.passing = (async () => {
      do {
        this.passAgain = false;
        const report = await this.runDue(this.clock.now());
        this.retryAt = report.nextRetryAt;
      } while (this.passAgain && !this.stopped);
    })().finally(() => {
      this.passing = undefined;
    });
    const passing = this.passing;
    return passing.then(() => this.arm());
  }

  /** Sets the timer for the earliest next slot or retry, at most `maxWaitMs` away. */
  private async arm(): Promise<void> {
    const generation = ++this.armGeneration;
    let next: Date | undefined = this.retryAt;
    try {
      const now = this.clock.now();
      for (const subscription of await this.store.listSubscriptions()) {
        // A zone this runtime does not know has no time here: the pass skips it (skipUnknownZone).
        if (!subscription.paused && validTimeZone(subscription.timeZone)) {
          next = earliest(next, nextPostTime(subscription, now));
        }
      }
    } catch (error) {
      this.logger.error('daily: cannot compute the next post time', { error: errorMessage(error) });
    }
    // A newer arm() or stop() came while we read the store.
    if (generation !== this.armGeneration || this.stopped) return;
    const now = this.clock.now().getTime();
    const wait = next === undefined ? this.maxWaitMs : Math.min(this.maxWaitMs, next.getTime() - now);
    this.clearTimer();
    // Never less than a moment: timers may fire a little early, and a hot loop helps nobody.
    this.timer = this.timers.setTimeout(() => void this.tick(), Math.max(wait, 10));
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function earliest(a: Date | undefined, b: Date): Date {
  return a === undefined || b < a ? b : a;
}
