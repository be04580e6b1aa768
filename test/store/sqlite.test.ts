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
    expect(store.schemaVersion).toBe(2);
    await store.upsertSubscription(input());
    await store.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();

    const again = open(file);
    expect(again.schemaVersion).toBe(2);
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

// Subscriptions, claims, events and pruning: the Store contract suite, test/store/contract.test.ts.

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

describe('another connection holding the write lock', () => {
  it('is waited for with timers: the process goes on, and the write lands when the lock is freed', async () => {
    const file = path.join(dir, 'locked.db');
    const store = open(file);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    const started = Date.now();
    const claimed = store.claimEvent('Ev1', 60_000);
    expect(Date.now() - started).toBeLessThan(100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Waiting inside SQLite would have stopped this process, the interval and the commit with it.
    expect(ticks).toBeGreaterThan(5);
    other.exec('COMMIT');
    other.close();
    expect(await claimed).toBe(true);
    clearInterval(ticking);
  });

  it('gives up after the busy timeout, and the health check says the file cannot be written', async () => {
    const file = path.join(dir, 'held.db');
    const store = new SqliteStore(file, { now: () => now, busyTimeoutMs: 100 });
    stores.push(store);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    await expect(store.claimPost('C1', '2026-01-05', 'u', 'i')).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    await expect(store.checkHealth()).rejects.toThrow(/cannot be read and written/);
    other.exec('ROLLBACK');
    other.close();
    expect(await store.claimPost('C1', '2026-01-05', 'u', 'i')).toBe(true);
  });
});

describe('the file replaced or removed while open', () => {
  it('fails the health check, saying to restart, instead of writing where nothing will read', async () => {
    const file = path.join(dir, 'data', 'bot.db');
    const store = open(file);
    await store.checkHealth();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    await expect(store.checkHealth()).rejects.toThrow(/replaced or removed.*Restart the bot/);
    // A file put in its place (a restore) is another file: the same.
    new SqliteStore(file).close();
    await expect(store.checkHealth()).rejects.toThrow(/replaced or removed/);
  });

  it('is the same file after the process changes its working folder', async () => {
    const before = process.cwd();
    process.chdir(dir);
    try {
      const store = open('relative.db');
      process.chdir(before);
      await store.checkHealth();
    } finally {
      process.chdir(before);
    }
  });
});

describe('a row edited by hand into a value the bot cannot read', () => {
  it('is left out of the list, with a warning, and the other channels are listed', async () => {
    const file = path.join(dir, 'data', 'bot.db');
    const store = open(file);
    await store.upsertSubscription(input({ channelId: 'C1' }));
    await store.upsertSubscription(input({ channelId: 'C2' }));
    const editor = new Database(file);
    // The column's check admits 24:00 (its pattern is [0-2][0-9]:[0-5][0-9]); the bot reads 00–23.
    editor.prepare("UPDATE subscriptions SET time = '24:00' WHERE channel_id = 'C1'").run();
    editor.close();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      expect((await store.listSubscriptions()).map((subscription) => subscription.channelId)).toEqual(['C2']);
      await store.listSubscriptions();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/daily excerpt of C1 is skipped: stored subscription time "24:00"/);
  });
});

describe('opened to read only (ask --daily)', () => {
  it('reads what the bot wrote, while the bot has it open, and changes nothing', async () => {
    const file = path.join(dir, 'data', 'bot.db');
    const bot = open(file);
    await bot.upsertSubscription(input({ channelId: 'C1' }));
    await bot.claimPost('C1', '2025-11-26', 'speech/intro-p1', 'bot');
    // An older bot's file: a newer reader must not migrate it under the bot.
    const raw = new Database(file);
    raw.pragma('user_version = 1');
    raw.close();
    const reader = new SqliteStore(file, { readOnly: true });
    stores.push(reader);
    expect((await reader.getSubscription('C1'))?.channelId).toBe('C1');
    expect((await reader.getPost('C1', '2025-11-26'))?.unitId).toBe('speech/intro-p1');
    await expect(reader.claimEvent('E1', 1000)).rejects.toThrow(/readonly/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });

  it('creates no file, and names what is wrong with one it cannot read', () => {
    const missing = path.join(dir, 'nothing-here.db');
    expect(() => new SqliteStore(missing, { readOnly: true })).toThrow(
      /cannot open .*nothing-here\.db to read/,
    );
    expect(existsSync(missing)).toBe(false);
    const empty = path.join(dir, 'empty.db');
    new Database(empty).close();
    expect(() => new SqliteStore(empty, { readOnly: true })).toThrow(/is not the bot's database/);
    const newer = path.join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteStore(newer, { readOnly: true })).toThrow(/schema version 99 is newer/);
  });
});
