import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import type { DailyExcerpt } from '../../src/daily/excerpt.ts';
import { type DailyLogger, DailyScheduler, type PostResult } from '../../src/daily/scheduler.ts';
import type { DailyUnit } from '../../src/daily/types.ts';
import { dailyUnits } from '../../src/daily/units.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Subscription } from '../../src/store/types.ts';
import { subscriptionInput } from '../support/subscriptions.ts';
import { FakeClock, settle } from './fake-clock.ts';

const UNITS = dailyUnits(loadDocuments(fileURLToPath(new URL('../../content', import.meta.url))));

// Wednesday 2025-11-26, 08:00 in Shanghai; the 09:00 slot is 01:00Z.
const WED_0800 = '2025-11-26T00:00:00Z';
const WED_SLOT = '2025-11-26T01:00:00Z';

interface Sent {
  channelId: string;
  excerpt: DailyExcerpt;
  at: Date;
  instance: string;
}

let dir: string;
let file: string;
let clock: FakeClock;
let sent: Sent[];
let attempts: { channelId: string; unitId: string; at: Date }[];
const opened: { stores: SqliteStore[]; schedulers: DailyScheduler[] } = { stores: [], schedulers: [] };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'daily-'));
  file = path.join(dir, 'data', 'bot.db');
  clock = new FakeClock(WED_0800);
  sent = [];
  attempts = [];
});

afterEach(async () => {
  for (const scheduler of opened.schedulers.splice(0)) await scheduler.stop();
  for (const store of opened.stores.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore(): SqliteStore {
  const store = new SqliteStore(file, { now: () => clock.now() });
  opened.stores.push(store);
  return store;
}

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; message: string; details?: Record<string, unknown> }[] =
    [];
  const logger: DailyLogger = {
    info: (message, details) => lines.push({ level: 'info', message, ...(details && { details }) }),
    warn: (message, details) => lines.push({ level: 'warn', message, ...(details && { details }) }),
    error: (message, details) => lines.push({ level: 'error', message, ...(details && { details }) }),
  };
  return { logger, lines };
}

type PostFn = (subscription: Subscription, excerpt: DailyExcerpt) => Promise<PostResult>;

/** A Slack stand-in: records every attempt, and counts as sent what `respond` accepts. */
function slack(
  instance: string,
  respond: (channelId: string, call: number) => PostResult | Error = () => ({ ok: true, ts: '' }),
): PostFn {
  return async (subscription, excerpt) => {
    // Yield, so concurrent schedulers really interleave around the post.
    await Promise.resolve();
    attempts.push({ channelId: subscription.channelId, unitId: excerpt.unit.id, at: clock.now() });
    const call = attempts.filter((attempt) => attempt.channelId === subscription.channelId).length;
    const result = respond(subscription.channelId, call);
    if (result instanceof Error) throw result;
    if (result.ok) {
      sent.push({ channelId: subscription.channelId, excerpt, at: clock.now(), instance });
      return { ok: true, ts: `${subscription.channelId}.${sent.length}` };
    }
    return result;
  };
}

function makeScheduler(
  store: SqliteStore,
  options: {
    instance?: string;
    post?: PostFn;
    units?: () => readonly DailyUnit[];
    onPaused?: (subscription: Subscription, error: string) => void;
    logger?: DailyLogger;
    maxAttempts?: number;
    retryBaseMs?: number;
    concurrency?: number;
  } = {},
): DailyScheduler {
  const instance = options.instance ?? 'A';
  const scheduler = new DailyScheduler({
    store,
    units: options.units ?? (() => UNITS),
    post: options.post ?? slack(instance),
    clock: clock.clock,
    timers: clock.timers,
    logger: options.logger ?? recordingLogger().logger,
    instanceId: instance,
    ...(options.onPaused && { onPaused: options.onPaused }),
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  });
  opened.schedulers.push(scheduler);
  return scheduler;
}

const subscription = subscriptionInput;

describe('DailyScheduler', () => {
  it('does not post to a channel turned off or paused while the posts ahead of it were made', async () => {
    const store = openStore();
    for (const channelId of ['C1', 'C2', 'C3']) await store.upsertSubscription(subscription({ channelId }));
    const post = slack('A');
    const scheduler = makeScheduler(store, {
      concurrency: 1,
      post: async (target, excerpt) => {
        // While C1 is being posted, C2 is turned off and C3 paused (by a person, another replica).
        if (target.channelId === 'C1') {
          await store.deleteSubscription('C2');
          await store.pauseSubscription('C3', 'not_in_channel');
        }
        return post(target, excerpt);
      },
    });
    const report = await scheduler.runDue(new Date(WED_SLOT));
    expect(sent.map((message) => message.channelId)).toEqual(['C1']);
    expect(report.posted).toHaveLength(1);
    expect(await store.getPost('C2', '2025-11-26')).toBeUndefined();
  });

  it('posts at the time, in reading order, on weekdays only', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    await makeScheduler(store).start();
    expect(sent).toHaveLength(0);
    expect(clock.armed).toBe(1);

    await clock.advanceTo('2025-11-26T00:59:59Z');
    expect(sent).toHaveLength(0);
    await clock.advanceTo(WED_SLOT);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at).toEqual(new Date(WED_SLOT));
    expect(sent[0]?.excerpt).toMatchObject({
      channelDate: '2025-11-26',
      weekday: 3,
      unit: { id: UNITS[0]?.id },
    });
    expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
      status: 'posted',
      ts: 'C1.1',
      instanceId: 'A',
    });

    // Thursday, Friday, then Monday: nothing on the weekend.
    await clock.advanceTo('2025-12-01T12:00:00Z');
    expect(sent.map((s) => s.excerpt.channelDate)).toEqual([
      '2025-11-26',
      '2025-11-27',
      '2025-11-28',
      '2025-12-01',
    ]);
    expect(sent.map((s) => s.excerpt.unit.id)).toEqual(UNITS.slice(0, 4).map((unit) => unit.id));
    expect(sent.map((s) => s.at.toISOString())).toEqual([
      '2025-11-26T01:00:00.000Z',
      '2025-11-27T01:00:00.000Z',
      '2025-11-28T01:00:00.000Z',
      '2025-12-01T01:00:00.000Z',
    ]);
    // Long gaps are waited out in capped steps, never one long timer.
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(3_600_000);
  });

  it('walks the whole content before repeating a unit', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription({ days: 'everyday' }));
    await makeScheduler(store).start();
    await clock.advanceBy((UNITS.length + 1) * 86_400_000);
    const ids = sent.map((s) => s.excerpt.unit.id);
    expect(ids).toHaveLength(UNITS.length + 1);
    expect(ids.slice(0, UNITS.length)).toEqual(UNITS.map((unit) => unit.id));
    expect(ids.at(-1)).toBe(UNITS[0]?.id);
  });

  it('keeps the wall-clock time across a DST change (Europe/Berlin, 2026-03-29)', async () => {
    clock.set('2026-03-27T12:00:00Z');
    const store = openStore();
    await store.upsertSubscription(subscription({ timeZone: 'Europe/Berlin', days: 'everyday' }));
    await makeScheduler(store).start();
    await clock.advanceTo('2026-03-30T12:00:00Z');
    expect(sent.map((s) => s.at.toISOString())).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('posts once on the day New York repeats an hour (2026-11-01)', async () => {
    clock.set('2026-10-30T12:00:00Z');
    const store = openStore();
    await store.upsertSubscription(
      subscription({ timeZone: 'America/New_York', time: { hour: 1, minute: 30 }, days: 'everyday' }),
    );
    await makeScheduler(store).start();
    await clock.advanceTo('2026-11-03T12:00:00Z');
    expect(sent.map((s) => [s.excerpt.channelDate, s.at.toISOString()])).toEqual([
      ['2026-10-31', '2026-10-31T05:30:00.000Z'],
      ['2026-11-01', '2026-11-01T05:30:00.000Z'], // 01:30 EDT, the first of the two
      ['2026-11-02', '2026-11-02T06:30:00.000Z'], // 01:30 EST
      ['2026-11-03', '2026-11-03T06:30:00.000Z'],
    ]);
  });

  it('does not post twice after a restart on the same database file', async () => {
    const first = openStore();
    await first.upsertSubscription(subscription());
    const a = makeScheduler(first, { instance: 'A' });
    await a.start();
    await clock.advanceTo('2025-11-26T01:10:00Z');
    expect(sent).toHaveLength(1);
    await a.stop();
    await first.close();

    await clock.advanceTo('2025-11-26T01:30:00Z');
    const second = openStore();
    await makeScheduler(second, { instance: 'B' }).start();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(sent).toHaveLength(1);
    // The next day continues the rotation from the file.
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent.map((s) => [s.instance, s.excerpt.unit.id])).toEqual([
      ['A', UNITS[0]?.id],
      ['B', UNITS[1]?.id],
    ]);
  });

  it('posts exactly once with two schedulers on one database file', async () => {
    const storeA = openStore();
    const storeB = openStore();
    await storeA.upsertSubscription(subscription());
    await storeA.upsertSubscription(subscription({ channelId: 'C2', time: { hour: 9, minute: 30 } }));
    const a = makeScheduler(storeA, { instance: 'A' });
    const b = makeScheduler(storeB, { instance: 'B' });
    await Promise.all([a.start(), b.start()]);
    await clock.advanceTo('2025-11-26T03:00:00Z');
    expect(sent.map((s) => s.channelId).sort()).toEqual(['C1', 'C2']);
    expect(attempts).toHaveLength(2);

    // Both passes at the very same instant, interleaved: still one post per channel-day.
    const reports = await Promise.all([a.runDue(clock.now()), b.runDue(clock.now())]);
    expect(reports.flatMap((report) => report.posted)).toHaveLength(0);
    clock.set('2025-11-27T03:00:00Z');
    const next = await Promise.all([a.runDue(clock.now()), b.runDue(clock.now())]);
    expect(
      next
        .flatMap((report) => report.posted)
        .map((p) => p.channelId)
        .sort(),
    ).toEqual(['C1', 'C2']);
    expect(sent).toHaveLength(4);
  });

  it('catches up a slot missed while down, later the same day', async () => {
    clock.set('2025-11-25T00:00:00Z'); // subscribed on Tuesday
    const store = openStore();
    await store.upsertSubscription(subscription());
    clock.set('2025-11-26T04:00:00Z'); // back on Wednesday at 12:00 in Shanghai
    await makeScheduler(store).start();
    expect(sent.map((s) => [s.excerpt.channelDate, s.at.toISOString()])).toEqual([
      ['2025-11-26', '2025-11-26T04:00:00.000Z'],
    ]);
    expect(await store.getPost('C1', '2025-11-25')).toBeUndefined();
  });

  it("never posts yesterday's missed slot", async () => {
    clock.set('2025-11-25T00:00:00Z');
    const store = openStore();
    await store.upsertSubscription(subscription());
    clock.set('2025-11-26T16:30:00Z'); // back at 00:30 on Thursday: Wednesday's slot is gone
    await makeScheduler(store).start();
    await clock.advanceTo('2025-11-27T00:59:00Z');
    expect(sent).toHaveLength(0);
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent.map((s) => s.excerpt.channelDate)).toEqual(['2025-11-27']);
  });

  it('does not post a slot that passed before the subscription was made', async () => {
    clock.set('2025-11-26T02:00:00Z'); // 10:00 in Shanghai
    const store = openStore();
    await store.upsertSubscription(subscription());
    await makeScheduler(store).start();
    await clock.advanceTo('2025-11-26T15:00:00Z');
    expect(sent).toHaveLength(0);
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent).toHaveLength(1);
  });

  it('does not re-post a claim left without outcome (crash mid-post), and says so', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    clock.set('2025-11-26T01:00:00Z');
    await store.claimPost('C1', '2025-11-26', UNITS[0]?.id ?? '', 'crashed');
    clock.set('2025-11-26T01:30:00Z');
    const { logger, lines } = recordingLogger();
    await makeScheduler(store, { logger }).start();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(sent).toHaveLength(0);
    expect(lines.filter((line) => line.message.includes('claim without outcome'))).toHaveLength(1);
    // The rotation counts the unclaimed unit as given.
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent.map((s) => s.excerpt.unit.id)).toEqual([UNITS[1]?.id]);
  });

  it('stops posting once the subscription is deleted (daily off)', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const scheduler = makeScheduler(store);
    await scheduler.start();
    await store.deleteSubscription('C1');
    await scheduler.refresh();
    await clock.advanceTo('2025-11-28T12:00:00Z');
    expect(sent).toHaveLength(0);
    expect(clock.armed).toBe(1); // still watching, for subscriptions made later
  });

  it('picks up a new subscription on refresh', async () => {
    const store = openStore();
    const scheduler = makeScheduler(store);
    await scheduler.start();
    await store.upsertSubscription(subscription({ time: { hour: 8, minute: 20 } }));
    await scheduler.refresh();
    await clock.advanceTo('2025-11-26T00:20:00Z');
    expect(sent.map((s) => s.at.toISOString())).toEqual(['2025-11-26T00:20:00.000Z']);
  });

  it('picks up a subscription made by another process within the wait cap', async () => {
    const store = openStore();
    await makeScheduler(store).start();
    await openStore().upsertSubscription(subscription({ time: { hour: 8, minute: 20 } }));
    await clock.advanceTo('2025-11-26T01:00:00Z');
    // Seen at the next hourly check: still the same day, so it is caught up.
    expect(sent.map((s) => s.at.toISOString())).toEqual(['2025-11-26T01:00:00.000Z']);
  });

  it.each(['not_in_channel', 'is_archived'])(
    'pauses the subscription and tells the subscriber when the post cannot be made until someone acts (%s)',
    async (error) => {
      const store = openStore();
      await store.upsertSubscription(subscription({ createdBy: 'U7' }));
      const paused: [Subscription, string][] = [];
      const post = slack('A', () => ({ ok: false, error, outcome: 'pause' }));
      await makeScheduler(store, { post, onPaused: (sub, reason) => paused.push([sub, reason]) }).start();
      await clock.advanceTo('2025-11-28T12:00:00Z');
      expect(attempts).toHaveLength(1);
      expect(paused).toHaveLength(1);
      expect(paused[0]?.[0]).toMatchObject({ channelId: 'C1', createdBy: 'U7', paused: true });
      expect(paused[0]?.[1]).toBe(error);
      expect(await store.getSubscription('C1')).toMatchObject({ paused: true, pausedReason: error });
      // Nothing reached the channel: the day is left open to a subscription made after the fix.
      expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
        status: 'failed',
        error,
        retryAt: new Date(WED_SLOT),
      });
    },
  );

  it('posts the same day when the channel is subscribed again after Slack refused the post', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    // Removed from the channel at 09:00; invited back, and subscribed again for 10:00, at 09:30.
    const post = slack('A', (_, call) =>
      call === 1 ? { ok: false, error: 'not_in_channel', outcome: 'pause' } : { ok: true, ts: '' },
    );
    const scheduler = makeScheduler(store, { post });
    await scheduler.start();
    await clock.advanceTo(WED_SLOT);
    expect(await store.getSubscription('C1')).toMatchObject({ paused: true });
    await clock.advanceTo('2025-11-26T01:30:00Z');
    await store.upsertSubscription(subscription({ time: { hour: 10, minute: 0 } }));
    await scheduler.refresh();
    await clock.advanceTo('2025-11-26T03:00:00Z');
    expect(sent.map((s) => s.at.toISOString())).toEqual(['2025-11-26T02:00:00.000Z']);
    // The refused passage is the one posted: it never reached the channel.
    expect(attempts.map((a) => a.unitId)).toEqual([attempts[0]?.unitId, attempts[0]?.unitId]);
    // Once posted, the day is closed: a later time that day posts nothing more.
    await store.upsertSubscription(subscription({ time: { hour: 15, minute: 0 } }));
    await scheduler.refresh();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(sent).toHaveLength(1);
  });

  it('does not post again the same day after a failure Slack may have posted through', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const post = slack('A', (_, call) =>
      call === 1 ? { ok: false, error: 'internal_error', outcome: 'give_up' } : { ok: true, ts: '' },
    );
    const scheduler = makeScheduler(store, { post });
    await scheduler.start();
    await clock.advanceTo(WED_SLOT);
    await store.upsertSubscription(subscription({ time: { hour: 10, minute: 0 } }));
    await scheduler.refresh();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(attempts).toHaveLength(1);
  });

  it('survives an onPaused callback that throws', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const { logger, lines } = recordingLogger();
    const post = slack('A', () => ({ ok: false, error: 'is_archived', outcome: 'pause' }));
    const onPaused = () => {
      throw new Error('DM failed');
    };
    await makeScheduler(store, { post, onPaused, logger }).start();
    await clock.advanceTo(WED_SLOT);
    expect(lines.some((line) => line.level === 'error' && line.details?.error === 'DM failed')).toBe(true);
    expect(clock.armed).toBe(1);
  });

  it('retries a rate-limited post after Retry-After, then succeeds once', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const post = slack('A', (_, call) =>
      call === 1
        ? { ok: false, error: 'ratelimited', outcome: 'retry', retryAfterMs: 30_000 }
        : { ok: true, ts: '' },
    );
    await makeScheduler(store, { post }).start();
    await clock.advanceTo(WED_SLOT);
    expect(attempts).toHaveLength(1);
    expect(sent).toHaveLength(0);
    expect(await store.getPost('C1', '2025-11-26')).toMatchObject({ status: 'failed', error: 'ratelimited' });

    await clock.advanceTo('2025-11-26T01:00:29Z');
    expect(attempts).toHaveLength(1);
    await clock.advanceTo('2025-11-26T01:00:30Z');
    expect(attempts.map((a) => a.at.toISOString())).toEqual([
      '2025-11-26T01:00:00.000Z',
      '2025-11-26T01:00:30.000Z',
    ]);
    expect(attempts[1]?.unitId).toBe(attempts[0]?.unitId);
    expect(sent).toHaveLength(1);
    expect(await store.getPost('C1', '2025-11-26')).toMatchObject({ status: 'posted', attempts: 2 });
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(sent).toHaveLength(1);
  });

  it('gives up after a bounded number of rate-limited attempts, with back-off', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const { logger, lines } = recordingLogger();
    const post = slack('A', (_, call) =>
      call <= 3 ? { ok: false, error: 'ratelimited', outcome: 'retry' } : { ok: true, ts: '' },
    );
    await makeScheduler(store, { post, logger, maxAttempts: 3, retryBaseMs: 1_000 }).start();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(attempts.map((a) => a.at.toISOString())).toEqual([
      '2025-11-26T01:00:00.000Z',
      '2025-11-26T01:00:01.000Z',
      '2025-11-26T01:00:03.000Z',
    ]);
    expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
      status: 'failed',
      attempts: 3,
      retryAt: null,
    });
    expect(lines.some((line) => line.level === 'error' && line.message.includes('post failed'))).toBe(true);
    // The next day is a new slot. A final failure counts as given in the rotation, as one Slack
    // may have posted through would: given up on, a limited post moves the rotation on too.
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent.map((s) => s.excerpt.unit.id)).toEqual([UNITS[1]?.id]);
  });

  it('logs other errors and keeps going for other channels and days', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription({ channelId: 'C1' }));
    await store.upsertSubscription(subscription({ channelId: 'C2' }));
    await store.upsertSubscription(subscription({ channelId: 'C3' }));
    const { logger, lines } = recordingLogger();
    const post = slack('A', (channelId, call) => {
      if (channelId === 'C1' && call === 1) return new Error('socket hang up');
      if (channelId === 'C2' && call === 1) return { ok: false, error: 'internal_error', outcome: 'give_up' };
      return { ok: true, ts: '' };
    });
    await makeScheduler(store, { post, logger }).start();
    await clock.advanceTo('2025-11-26T12:00:00Z');
    expect(sent.map((s) => s.channelId)).toEqual(['C3']);
    // Failures that may have reached Slack are not retried the same day.
    expect(attempts.map((a) => a.channelId)).toEqual(['C1', 'C2', 'C3']);
    const errors = lines.filter((line) => line.level === 'error').map((line) => line.details?.error);
    expect(errors).toEqual(['socket hang up', 'internal_error']);
    expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
      status: 'failed',
      error: 'socket hang up',
    });

    // Slack may have shown C1 and C2 the first passage: the next day moves on rather than repeat it.
    await clock.advanceTo('2025-11-27T01:00:00Z');
    expect(sent.map((s) => [s.channelId, s.excerpt.unit.id])).toEqual([
      ['C3', UNITS[0]?.id],
      ['C1', UNITS[1]?.id],
      ['C2', UNITS[1]?.id],
      ['C3', UNITS[1]?.id],
    ]);
  });

  it('survives a store that fails, and recovers', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const { logger, lines } = recordingLogger();
    const realList = store.listSubscriptions.bind(store);
    let broken = true;
    store.listSubscriptions = async (teamId) => {
      if (broken) throw new Error('disk I/O error');
      return realList(teamId);
    };
    await makeScheduler(store, { logger }).start();
    await clock.advanceTo(WED_SLOT);
    expect(sent).toHaveLength(0);
    expect(lines.some((line) => line.details?.error === 'disk I/O error')).toBe(true);
    broken = false;
    await clock.advanceTo('2025-11-26T02:00:00Z');
    expect(sent).toHaveLength(1);
  });

  it('warns and posts nothing without content', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const { logger, lines } = recordingLogger();
    await makeScheduler(store, { logger, units: () => [] }).start();
    await clock.advanceTo(WED_SLOT);
    expect(attempts).toHaveLength(0);
    expect(await store.getPost('C1', '2025-11-26')).toBeUndefined();
    expect(lines.some((line) => line.level === 'warn' && line.message.includes('no content'))).toBe(true);
  });

  it('stops: no timers left, no more posts', async () => {
    const store = openStore();
    await store.upsertSubscription(subscription());
    const scheduler = makeScheduler(store);
    await scheduler.start();
    await scheduler.stop();
    expect(clock.armed).toBe(0);
    await clock.advanceTo('2025-11-27T12:00:00Z');
    expect(sent).toHaveLength(0);
    await settle();
  });
});
