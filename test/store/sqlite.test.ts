import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { subscriptionInput } from '../support/subscriptions.ts';

const input = subscriptionInput;

let dir: string;
let now: Date;
const stores: SqliteStore[] = [];
const open = (file = path.join(dir, 'data', 'bot.db')) => {
  const store = new SqliteStore(file, { now: () => now });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'store-'));
  now = new Date('2025-11-26T00:00:00Z');
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening', () => {
  it('creates the parent folder, uses WAL and migrates once', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'bot.db');
    const store = open(file);
    expect(existsSync(file)).toBe(true);
    expect(store.schemaVersion).toBe(1);
    await store.upsertSubscription(input());
    await store.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();

    const again = open(file);
    expect(again.schemaVersion).toBe(1);
    expect(await again.getSubscription('C1')).toBeDefined();
  });

  it('refuses a database from a newer version', () => {
    const file = path.join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => open(file)).toThrow(/newer/);
  });

  it('works in memory', async () => {
    const store = open(':memory:');
    await store.upsertSubscription(input());
    expect(await store.listSubscriptions()).toHaveLength(1);
  });

  it('closes idempotently', async () => {
    const store = open();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('subscriptions', () => {
  it('upserts, gets, lists by team and deletes', async () => {
    const store = open();
    const created = await store.upsertSubscription(input());
    expect(created).toEqual({
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
    await store.upsertSubscription(input({ channelId: 'C2', teamId: 'T2', time: { hour: 7, minute: 5 } }));
    await store.upsertSubscription(input({ channelId: 'C0', teamId: null, createdBy: 'config' }));
    expect((await store.listSubscriptions()).map((s) => s.channelId)).toEqual(['C0', 'C1', 'C2']);
    expect((await store.listSubscriptions('T2')).map((s) => s.time)).toEqual([{ hour: 7, minute: 5 }]);
    expect((await store.getSubscription('C0'))?.teamId).toBeNull();

    expect(await store.deleteSubscription('C1')).toBe(true);
    expect(await store.deleteSubscription('C1')).toBe(false);
    expect(await store.getSubscription('C1')).toBeUndefined();
  });

  it('keeps activeSince when the same schedule is upserted again, resets it when it changes', async () => {
    const store = open();
    const first = await store.upsertSubscription(input());
    now = new Date('2025-11-26T05:00:00Z');
    const same = await store.upsertSubscription(input({ createdBy: 'U2' }));
    expect(same.activeSince).toEqual(first.activeSince);
    expect(same.createdAt).toEqual(first.createdAt);
    expect(same.updatedAt).toEqual(now);
    expect(same.createdBy).toBe('U2');
    const changed = await store.upsertSubscription(input({ days: 'everyday' }));
    expect(changed.activeSince).toEqual(now);
  });

  it('pauses, and resumes on the next upsert', async () => {
    const store = open();
    await store.upsertSubscription(input());
    expect(await store.pauseSubscription('C1', 'not_in_channel')).toBe(true);
    expect(await store.pauseSubscription('C9', 'not_in_channel')).toBe(false);
    expect(await store.getSubscription('C1')).toMatchObject({ paused: true, pausedReason: 'not_in_channel' });
    now = new Date('2025-11-27T00:00:00Z');
    expect(await store.upsertSubscription(input())).toMatchObject({
      paused: false,
      pausedReason: null,
      activeSince: now,
    });
  });
});

describe('post log', () => {
  it('lets exactly one claim win a channel-day, also across connections', async () => {
    const a = open();
    const b = open();
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

  it('records outcomes once, only on a claimed row', async () => {
    const store = open();
    expect(await store.recordPostOutcome('C1', '2025-11-26', { status: 'posted', ts: '1.1' })).toBe(false);
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

  it('never hands out a claim without outcome again', async () => {
    const store = open();
    await store.claimPost('C1', '2025-11-26', 'u1', 'A');
    now = new Date('2025-11-26T12:00:00Z');
    expect(await open().claimPost('C1', '2025-11-26', 'u1', 'B')).toBe(false);
  });

  it('re-claims a retryable failure once its time has come, and a final failure never', async () => {
    const store = open();
    await store.claimPost('C1', '2025-11-26', 'u1', 'A');
    await store.recordPostOutcome('C1', '2025-11-26', {
      status: 'failed',
      error: 'ratelimited',
      retryAt: new Date(now.getTime() + 30_000),
    });
    expect(await store.claimPost('C1', '2025-11-26', 'u1', 'B')).toBe(false);
    now = new Date(now.getTime() + 30_000);
    const other = open();
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

  it('gives the history in channel-date order, without failures', async () => {
    const store = open();
    const post = async (date: string, unit: string, outcome?: 'posted' | 'failed') => {
      await store.claimPost('C1', date, unit, 'A');
      if (outcome === 'posted') await store.recordPostOutcome('C1', date, { status: 'posted', ts: date });
      if (outcome === 'failed') await store.recordPostOutcome('C1', date, { status: 'failed', error: 'x' });
    };
    await post('2025-11-26', 'u2', 'posted');
    await post('2025-11-25', 'u1', 'posted');
    await post('2025-11-27', 'u3', 'failed');
    await post('2025-11-28', 'u3');
    await store.claimPost('C2', '2025-11-26', 'other', 'A');
    expect(await store.postedUnitIds('C1')).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('several processes on one file', () => {
  it('lets exactly one process win each claim', async () => {
    const file = path.join(dir, 'shared.db');
    open(file); // migrate first, as the bot's first start would
    const script = path.join(dir, 'claim.mts');
    const storeModule = new URL('../../src/store/sqlite.ts', import.meta.url).href;
    // Each process signals it is ready and waits for the others, so they race for the same rows.
    writeFileSync(
      script,
      `import { readdirSync, writeFileSync } from 'node:fs';
       import { SqliteStore } from ${JSON.stringify(storeModule)};
       const [file, name, barrier, count] = process.argv.slice(2);
       const store = new SqliteStore(file, {});
       writeFileSync(barrier + '/' + name, '');
       const deadline = Date.now() + 10_000;
       while (readdirSync(barrier).length < Number(count) && Date.now() < deadline) {
         await new Promise((resolve) => setTimeout(resolve, 2));
       }
       const won = [];
       for (let day = 0; day < 300; day++) {
         const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
         if (await store.claimPost('C1', date, 'u', name)) won.push(date);
       }
       await store.close();
       console.log(JSON.stringify(won));`,
    );
    const barrier = path.join(dir, 'barrier');
    mkdirSync(barrier);
    const run = promisify(execFile);
    const outputs = await Promise.all(
      ['P1', 'P2', 'P3'].map((name) =>
        run(process.execPath, ['--import', 'tsx', script, file, name, barrier, '3'], {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
        }),
      ),
    );
    const won = outputs.flatMap((output) => JSON.parse(output.stdout) as string[]);
    expect(won).toHaveLength(300);
    expect(new Set(won).size).toBe(300);
  });
});
