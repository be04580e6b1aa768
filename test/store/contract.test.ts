/** The Store contract on every store: in memory, SQLite, and PostgreSQL (see test/support/postgres.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryStore } from '../../src/store/memory.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { postgresUnavailableReason, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { describeStore } from './contract.ts';

describeStore('MemoryStore', () => ({ fresh: async (now) => new MemoryStore({ now }) }), {
  versioned: false,
});

describeStore(
  'SqliteStore',
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'store-contract-'));
    const file = path.join(dir, 'bot.sqlite');
    return {
      fresh: async (now) => new SqliteStore(file, { now }),
      again: async (now) => new SqliteStore(file, { now }),
      makeNewer: async () => {
        const raw = new Database(file);
        raw.pragma('user_version = 99');
        raw.close();
      },
      cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  { versioned: true },
);

// Under REQUIRE_POSTGRES=1 (CI) nothing is skipped: startPostgres() fails instead.
const postgresMissing = process.env.REQUIRE_POSTGRES === '1' ? undefined : postgresUnavailableReason();
if (postgresMissing) console.warn(`PostgresStore contract skipped: ${postgresMissing}`);

describe.skipIf(postgresMissing !== undefined)('on PostgreSQL', () => {
  let server: TestPostgres | undefined;

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  describeStore(
    'PostgresStore',
    async () => {
      if (!server) throw new Error('PostgreSQL did not start');
      const url = await server.newDatabase();
      return {
        fresh: (now) => PostgresStore.open(url, { now }),
        again: (now) => PostgresStore.open(url, { now }),
        makeNewer: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES (99, now())');
          await client.end();
        },
      };
    },
    { versioned: true },
  );
});
