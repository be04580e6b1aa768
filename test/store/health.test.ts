/**
 * A database that opens but cannot be used stops start-up with a message naming the file, and
 * the health check (behind `/healthz`) reports a store that fails later.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedHealth } from '../../src/bot.ts';
import { openStore } from '../../src/store/index.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { NewerSchemaError, StoreError } from '../../src/store/types.ts';
import { subscriptionInput } from '../support/subscriptions.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'store-health-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A real database with enough rows to span several pages, closed. */
async function filledDatabase(file: string): Promise<void> {
  const store = new SqliteStore(file);
  for (let i = 0; i < 200; i++) {
    await store.upsertSubscription(subscriptionInput({ channelId: `C${String(i).padStart(6, '0')}` }));
  }
  await store.close();
  // Fold the WAL into the file, so the damage below hits the only copy.
  const checkpoint = new SqliteStore(file);
  await checkpoint.close();
}

/** Overwrites `length` bytes at `offset` with a pattern that is no valid SQLite page. */
function damage(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

describe('opening a database that cannot be used', () => {
  it('refuses a file with damaged pages, naming it', async () => {
    const file = path.join(dir, 'bot.sqlite');
    await filledDatabase(file);
    expect(statSync(file).size).toBeGreaterThan(3 * 4096);
    damage(file, 4096, 4096);
    expect(() => new SqliteStore(file)).toThrow(StoreError);
    expect(() => new SqliteStore(file)).toThrow(file);
  });

  it('refuses a file that is not a database', () => {
    const file = path.join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are not the pages you are looking for\n'.repeat(200));
    expect(() => new SqliteStore(file)).toThrow(/not a SQLite database/);
  });

  it('refuses a path under /proc at once instead of spinning in mkdir', () => {
    expect(() => new SqliteStore('/proc/speech-bot/bot.sqlite')).toThrow(
      /under \/proc, a virtual file system/,
    );
  });

  it('says a part of the path is a file', () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => new SqliteStore(path.join(file, 'bot.sqlite'))).toThrow(/part of that path is a file/);
  });

  it('says the path is a folder', () => {
    expect(() => new SqliteStore(dir)).toThrow(new RegExp(`cannot open ${dir}`));
  });

  it('names DATABASE_PATH when the bot opens it, and says to move a file away only when it is damaged', async () => {
    const failure = (databasePath: string) =>
      openStore({ databasePath }, () => new Date()).then(
        () => 'opened',
        (thrown: unknown) => String(thrown),
      );
    const unusable = await failure('/proc/speech-bot/bot.sqlite');
    expect(unusable).toMatch(/^StoreError: DATABASE_PATH: \/proc\/speech-bot\/bot.sqlite is under \/proc/);
    expect(unusable).toContain('Point DATABASE_PATH at a file the bot can create, read and write.');
    expect(unusable).not.toContain('damaged');
    const folder = await failure(dir);
    expect(folder).toContain(`DATABASE_PATH: cannot open ${dir}:`);
    expect(folder).not.toContain('damaged');
    const damaged = path.join(dir, 'garbage.sqlite');
    writeFileSync(damaged, 'not a database\n'.repeat(500));
    expect(await failure(damaged)).toMatch(
      /^DamagedStoreError: DATABASE_PATH: .*garbage.sqlite.*not a SQLite database.*Move the damaged file away/,
    );
  });

  it('says to keep a file a newer bot wrote, not to move it away', async () => {
    const file = path.join(dir, 'future.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const error = await openStore({ databasePath: file }, () => new Date()).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(NewerSchemaError);
    expect(String(error)).toMatch(/newer than this program knows.*upgrade the bot, and keep the file/);
    expect(String(error)).not.toContain('move the damaged file away');
  });
});

describe('checkHealth', () => {
  it('passes on a working store and fails, naming the file, once it cannot be used', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const store = new SqliteStore(file);
    await expect(store.checkHealth()).resolves.toBeUndefined();
    await store.close();
    await expect(store.checkHealth()).rejects.toThrow(new RegExp(`${file} cannot be read and written`));
  });
});

describe('the /healthz check (cachedHealth)', () => {
  it('logs a failure when it starts and when it ends, not at every poll', async () => {
    const file = path.join(dir, 'bot.db');
    const store = new SqliteStore(file, { busyTimeoutMs: 50 });
    const lines: string[] = [];
    const logger = {
      error: (...parts: unknown[]) => void lines.push(`error ${parts.map(String).join(' ')}`),
      info: (...parts: unknown[]) => void lines.push(`info ${parts.map(String).join(' ')}`),
    };
    const health = cachedHealth(store, logger, 0);
    expect(await health()).toEqual({ ok: true });
    // Another connection holds the write lock: every poll fails, for the same reason.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    for (let poll = 0; poll < 3; poll++) expect(await health()).toEqual({ ok: false });
    other.exec('ROLLBACK');
    other.close();
    expect(await health()).toEqual({ ok: true });
    expect(await health()).toEqual({ ok: true });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error Health check failed: .*cannot be read and written/);
    expect(lines[1]).toBe('info Health check passes again.');
    await store.close();
  });
});
