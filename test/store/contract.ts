/**
 * The `Store` contract as a test suite: every store (memory, SQLite, PostgreSQL) must pass the
 * same tests, which check the guarantees documented on the `Store` interface.
 *
 * @example describeStore('SqliteStore', () => sqliteKind(dir))
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.ts';
import { subscriptionInput as input } from '../support/subscriptions.ts';

/** How to open one kind of store for the suite. */
export interface StoreKind {
  /** A store on a fresh, empty database, using `now` as its clock. */
  fresh(now: () => Date): Promise<Store>;
  /**
   * Another store on the database of the last `fresh` one: another connection or process.
   * Absent for a kind that cannot share its data (memory): the same store is used again.
   */
  again?(now: () => Date): Promise<Store>;
  /** Marks the last database as written by a newer program; `again` must then refuse it. */
  makeNewer?(): Promise<void>;
  /** Removes what the kind made (folders, databases) after each test. */
  cleanUp?(): Promise<void>;
}

/**
 * Runs the contract suite on the kind `kind()` returns. `kind` is called before each test, so a
 * kind can make a fresh folder or database.
 */
export function describeStore(
  name: string,
  kind: () => StoreKind | Promise<StoreKind>,
  /** `versioned`: the kind keeps data with a schema version (not memory), so the version test applies. */
  options: { versioned: boolean },
): void {
  describe(`${name} (Store contract)`, () => {
    let current: StoreKind;
    let now: Date;
    const opened: Store[] = [];
    const clock = () => now;
    const fresh = async () => remember(await current.fresh(clock));
    const again = async (first: Store) => (current.again ? remember(await current.again(clock)) : first);
    const remember = (store: Store) => {
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      current = await kind();
      now = new Date('2025-11-26T00:00:00Z');
    });

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await current.cleanUp?.();
    });

    describe('subscriptions', () => {
      it('upserts, gets, lists by team and deletes', async () => {
        const store = await fresh();
        expect(await store.upsertSubscription(input())).toEqual({
          channelId: 'C1',
          teamId: 'T1',
          time: { hour: 9, minute: 0 },
          timeZone: 'Asia/Shanghai',
          days: 'weekdays',
          createdBy: 'U1',
          paused: false,
          pausedReason: null,
          createdAt: now,
          updatedAt: now,
          activeSince: now,
        });
        await store.upsertSubscription(
          input({ channelId: 'C2', teamId: 'T2', time: { hour: 7, minute: 5 } }),
        );
        await store.upsertSubscription(input({ channelId: 'C0', teamId: null, createdBy: 'config' }));
        expect((await store.listSubscriptions()).map((s) => s.channelId)).toEqual(['C0', 'C1', 'C2']);
        expect((await store.listSubscriptions('T2')).map((s) => s.time)).toEqual([{ hour: 7, minute: 5 }]);
        expect((await store.getSubscription('C0'))?.teamId).toBeNull();
        expect(await store.deleteSubscription('C1')).toBe(true);
        expect(await store.deleteSubscription('C1')).toBe(false);
        expect(await store.getSubscription('C1')).toBeUndefined();
      });

      it('keeps activeSince when the same schedule is upserted again, resets it when it changes', async () => {
        const store = await fresh();
        const first = await store.upsertSubscription(input());
        now = new Date('2025-11-26T05:00:00Z');
        const same = await store.upsertSubscription(input({ createdBy: 'U2' }));
        expect(same.activeSince).toEqual(first.activeSince);
        expect(same.createdAt).toEqual(first.createdAt);
        expect(same.updatedAt).toEqual(now);
        expect(same.createdBy).toBe('U2');
        expect((await store.upsertSubscription(input({ days: 'everyday' }))).activeSince).toEqual(now);
      });

      it('pauses, and resumes on the next upsert', async () => {
        const store = await fresh();
        await store.upsertSubscription(input());
        expect(await store.pauseSubscription('C1', 'not_in_channel')).toBe(true);
        expect(await store.pauseSubscription('C9', 'not_in_channel')).toBe(false);
        expect(await store.getSubscription('C1')).toMatchObject({
          paused: true,
          pausedReason: 'not_in_channel',
        });
        now = new Date('2025-11-27T00:00:00Z');
        expect(await store.upsertSubscription(input())).toMatchObject({
          paused: false,
          pausedReason: null,
          activeSince: now,
        });
      });

      it('hands out copies: changing a returned record changes nothing stored', async () => {
        const store = await fresh();
        const stored = await store.upsertSubscription(input());
        const listed = await store.listSubscriptions();
        for (const subscription of [stored, ...listed]) {
          subscription.activeSince.setTime(0);
          subscription.time.hour = 3;
        }
        expect(await store.getSubscription('C1')).toMatchObject({
          activeSince: new Date('2025-11-26T00:00:00Z'),
          time: { hour: 9 },
        });
        await store.claimPost('C1', '2025-11-26', 'u', 'i');
        const post = await store.getPost('C1', '2025-11-26');
        post?.claimedAt.setTime(0);
        expect((await store.getPost('C1', '2025-11-26'))?.claimedAt).toEqual(
          new Date('2025-11-26T00:00:00Z'),
        );
      });
    });

    describe('claims', () => {
      it('lets exactly one claim win a channel-day, also from another connection', async () => {
        const a = await fresh();
        const b = await again(a);
        expect(await a.claimPost('C1', '2025-11-26', 'u1', 'A')).toBe(true);
        expect(await a.claimPost('C1', '2025-11-26', 'u1', 'A')).toBe(false);
        expect(await b.claimPost('C1', '2025-11-26', 'u2', 'B')).toBe(false);
        expect(await b.claimPost('C1', '2025-11-27', 'u2', 'B')).toBe(true);
        expect(await b.claimPost('C2', '2025-11-26', 'u1', 'B')).toBe(true);
        expect(await a.getPost('C1', '2025-11-26')).toMatchObject({
          unitId: 'u1',
          instanceId: 'A',
          status: 'claimed',
        });
      });

      it('gives each of 50 channel-days to exactly one of two stores claiming them at once', async () => {
        const a = await fresh();
        const b = await again(a);
        const days = Array.from({ length: 50 }, (_, i) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`);
        const attempts = days.flatMap((day, i) => {
          const channel = `C${i}`;
          return [a.claimPost(channel, day, 'u', 'A'), b.claimPost(channel, day, 'u', 'B')];
        });
        const won = await Promise.all(attempts);
        for (let i = 0; i < days.length; i++)
          expect([won[2 * i], won[2 * i + 1]].filter(Boolean)).toHaveLength(1);
      });

      it('records outcomes once, only on a claimed row', async () => {
        const store = await fresh();
        expect(await store.recordPostOutcome('C1', '2025-11-26', { status: 'posted', ts: '1.1' })).toBe(
          false,
        );
        await store.claimPost('C1', '2025-11-26', 'u1', 'A');
        expect(await store.recordPostOutcome('C1', '2025-11-26', { status: 'posted', ts: '1.1' })).toBe(true);
        expect(await store.recordPostOutcome('C1', '2025-11-26', { status: 'failed', error: 'late' })).toBe(
          false,
        );
        expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
          status: 'posted',
          ts: '1.1',
          error: null,
        });
      });

      it('never hands out a claim without outcome again, and lists it as unfinished', async () => {
        const store = await fresh();
        await store.claimPost('C1', '2025-11-26', 'u1', 'A');
        now = new Date('2025-11-26T12:00:00Z');
        expect(await (await again(store)).claimPost('C1', '2025-11-26', 'u1', 'B')).toBe(false);
        const unfinished = await store.unfinishedClaims(now);
        expect(unfinished.map((post) => [post.channelId, post.channelDate, post.instanceId])).toEqual([
          ['C1', '2025-11-26', 'A'],
        ]);
        expect(await store.unfinishedClaims(new Date('2025-11-25T00:00:00Z'))).toEqual([]);
        await store.recordPostOutcome('C1', '2025-11-26', { status: 'posted', ts: '1.1' });
        expect(await store.unfinishedClaims(now)).toEqual([]);
      });

      it('re-claims a retryable failure once its time has come, and a final failure never', async () => {
        const store = await fresh();
        await store.claimPost('C1', '2025-11-26', 'u1', 'A');
        await store.recordPostOutcome('C1', '2025-11-26', {
          status: 'failed',
          error: 'ratelimited',
          retryAt: new Date(now.getTime() + 30_000),
        });
        expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
          status: 'failed',
          retryAt: new Date(now.getTime() + 30_000),
        });
        expect(await store.claimPost('C1', '2025-11-26', 'u1', 'B')).toBe(false);
        now = new Date(now.getTime() + 30_000);
        const other = await again(store);
        expect(await other.claimPost('C1', '2025-11-26', 'u1', 'B')).toBe(true);
        expect(await store.claimPost('C1', '2025-11-26', 'u1', 'A')).toBe(false);
        expect(await store.getPost('C1', '2025-11-26')).toMatchObject({
          status: 'claimed',
          instanceId: 'B',
          attempts: 2,
          retryAt: null,
          error: null,
        });
        await other.recordPostOutcome('C1', '2025-11-26', { status: 'failed', error: 'not_in_channel' });
        now = new Date(now.getTime() + 86_400_000);
        expect(await store.claimPost('C1', '2025-11-26', 'u1', 'A')).toBe(false);
      });

      it('gives the rotation history in channel-date order, without the failures that reached nobody', async () => {
        const store = await fresh();
        const post = async (date: string, unit: string, outcome?: 'posted' | 'failed' | 'refused') => {
          await store.claimPost('C1', date, unit, 'A');
          if (outcome === 'posted') await store.recordPostOutcome('C1', date, { status: 'posted', ts: date });
          // A final failure: Slack may have posted (internal_error, a timeout).
          if (outcome === 'failed')
            await store.recordPostOutcome('C1', date, { status: 'failed', error: 'internal_error' });
          // Refused or limited, recorded with a retry time: nothing reached the channel.
          if (outcome === 'refused')
            await store.recordPostOutcome('C1', date, {
              status: 'failed',
              error: 'not_in_channel',
              retryAt: now,
            });
        };
        await post('2025-11-26', 'u2', 'posted');
        await post('2025-11-25', 'u1', 'posted');
        await post('2025-11-27', 'u3', 'refused');
        await post('2025-11-28', 'u3', 'failed');
        await post('2025-11-29', 'u4');
        await store.claimPost('C2', '2025-11-26', 'other', 'A');
        expect(await store.postedUnitIds('C1')).toEqual(['u1', 'u2', 'u3', 'u4']);
      });
    });

    describe('events', () => {
      it('lets exactly one caller claim an event until it expires', async () => {
        const a = await fresh();
        const b = await again(a);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimEvent('Ev1', 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await a.claimEvent('Ev2', 60_000)).toBe(true);
        now = new Date(now.getTime() + 59_000);
        expect(await b.claimEvent('Ev1', 60_000)).toBe(false);
        now = new Date(now.getTime() + 1_000);
        expect(await b.claimEvent('Ev1', 60_000)).toBe(true);
        expect(await a.claimEvent('Ev1', 60_000)).toBe(false);
      });
    });

    describe('pruning', () => {
      it('removes expired events and post-log rows before a date, and nothing else', async () => {
        const store = await fresh();
        await store.claimEvent('Ev-old', 1_000);
        await store.claimEvent('Ev-new', 60_000);
        await store.claimPost('C1', '2024-01-01', 'u1', 'A');
        await store.claimPost('C1', '2025-11-26', 'u2', 'A');
        await store.upsertSubscription(input());
        now = new Date(now.getTime() + 2_000);
        expect(await store.prune('2025-01-01')).toEqual({ events: 1, posts: 1 });
        expect(await store.postedUnitIds('C1')).toEqual(['u2']);
        expect(await store.claimEvent('Ev-old', 1_000)).toBe(true);
        expect(await store.claimEvent('Ev-new', 60_000)).toBe(false);
        expect(await store.getSubscription('C1')).toBeDefined();
        expect(await store.prune('2025-01-01')).toEqual({ events: 0, posts: 0 });
      });
    });

    describe('health and versions', () => {
      it('passes the health check while open, and closes idempotently', async () => {
        const store = await fresh();
        await expect(store.checkHealth()).resolves.toBeUndefined();
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
        await expect(store.checkHealth()).rejects.toThrow();
      });

      // A store that keeps nothing (memory) has no version to outgrow.
      if (options.versioned) {
        it('refuses a database written by a newer program', async () => {
          if (!current.makeNewer || !current.again)
            throw new Error(`${name}: a versioned kind needs makeNewer and again`);
          await fresh();
          await current.makeNewer();
          await expect(current.again(clock)).rejects.toThrow(/newer than this program knows/);
        });
      }
    });
  });
}
