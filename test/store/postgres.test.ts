/**
 * What only PostgreSQL has: migrations under an advisory lock, clear errors naming DATABASE_URL,
 * claims that hold across connections of separate stores, and byte-wise ordering on a database
 * whose collation is a language's. The shared behaviour is in the Store contract suite.
 */
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { maskUrl, PostgresStore } from '../../src/store/postgres.ts';
import { StoreError } from '../../src/store/types.ts';
import { type FreezingProxy, startFreezingProxy } from '../support/freezing-proxy.ts';
import { freePort, postgresUnavailableReason, startPostgres, TLS_CERTIFICATE } from '../support/postgres.ts';
import { subscriptionInput } from '../support/subscriptions.ts';

// Throws instead when REQUIRE_POSTGRES=1 (CI), so a missing server fails the run.
const server = await startPostgres();
if (!server) console.warn(`PostgreSQL tests skipped: ${postgresUnavailableReason()}`);
afterAll(() => server?.close());

let now = new Date('2025-11-26T00:00:00Z');
const clock = () => now;
const stores: PostgresStore[] = [];

async function open(url: string): Promise<PostgresStore> {
  const store = await PostgresStore.open(url, { now: clock });
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  now = new Date('2025-11-26T00:00:00Z');
});

/** Runs one query on `url` with a connection of its own. */
async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The StoreError that `PostgresStore.open(url)` fails with. */
async function openError(url: string): Promise<StoreError> {
  const error = await PostgresStore.open(url).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('maskUrl', () => {
  it('hides the password in the user part and in a password parameter', () => {
    expect(maskUrl('postgres://bot:s3cr%40t@127.0.0.1:5432/speech')).toBe(
      'postgres://bot:***@127.0.0.1:5432/speech',
    );
    expect(maskUrl('postgres://bot@db/speech?sslmode=require&password=hunter2')).toBe(
      'postgres://bot@db/speech?sslmode=require&password=***',
    );
    expect(maskUrl('postgres://bot@db/speech')).toBe('postgres://bot@db/speech');
    // A Unix socket's URL has no host before the path; the user part is still found after `//`.
    expect(maskUrl('postgres://bot:secret@/speech?host=/run/postgresql')).toBe(
      'postgres://bot:***@/speech?host=/run/postgresql',
    );
    // A password holding @ is masked whole, in a URL the WHATWG parser refuses.
    expect(maskUrl('postgres://bot:p@ss@/speech?host=/run/postgresql')).toBe(
      'postgres://bot:***@/speech?host=/run/postgresql',
    );
    expect(maskUrl('postgres://postgres@/speech?host=/run/postgresql')).toBe(
      'postgres://postgres@/speech?host=/run/postgresql',
    );
  });
});

describe('PostgresStore.open errors', () => {
  // Needs no server: a free port has nothing listening on it.
  it('says the server is unreachable, naming DATABASE_URL with the password masked', async () => {
    const port = await freePort();
    const error = await openError(`postgres://bot:secret@127.0.0.1:${port}/speech`);
    expect(error.message).toContain(`DATABASE_URL (postgres://bot:***@127.0.0.1:${port}/speech)`);
    expect(error.message).toContain(
      `cannot reach the PostgreSQL server at 127.0.0.1:${port} (connection refused)`,
    );
    expect(error.message).not.toContain('secret');
    // Printed as it is at start-up: no driver stack inside the message.
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('says a value that is no PostgreSQL URL is none, before trying to connect', async () => {
    const error = await openError('bot:secret@db.internal/speech');
    expect(error.message).toMatch(/^DATABASE_URL \(.*\) is not a PostgreSQL URL\. Expected postgres:\/\//);
    expect(error.message).not.toContain('secret');
  });

  // Only a cluster started here has a known socket folder; TEST_DATABASE_URL's server is reached by URL.
  it.skipIf(!server?.socketUrl)(
    'connects through a Unix socket named by host= with no host before the path',
    async () => {
      const url = (server as NonNullable<typeof server>).socketUrl as string;
      expect(url).toMatch(/^postgres:\/\/postgres@\/\w+\?host=\//);
      const store = await PostgresStore.open(url);
      try {
        await store.checkHealth();
        await store.claimEvent('socket-event', 60_000);
      } finally {
        await store.close();
      }
    },
  );

  it.skipIf(!server)('says the database does not exist', async () => {
    const url = new URL((server as NonNullable<typeof server>).url);
    url.pathname = '/no_such_database';
    const error = await openError(url.toString());
    expect(error.message).toContain('DATABASE_URL (');
    expect(error.message).toMatch(/database does not exist/);
  });

  // The throwaway cluster trusts every existing role, so an unknown role is what it refuses.
  it.skipIf(!server || process.env.TEST_DATABASE_URL)('says the credentials were refused', async () => {
    const url = new URL((server as NonNullable<typeof server>).url);
    url.username = 'nobody';
    url.password = 'wrong';
    const error = await openError(url.toString());
    expect(error.message).toContain(`DATABASE_URL (postgres://nobody:***@${url.host}`);
    expect(error.message).toMatch(/refused the credentials/);
    expect(error.message).not.toContain('wrong');
  });
});

// The throwaway cluster offers TLS with a self-signed certificate, as a small self-hosted server may.
describe.skipIf(!server?.tls)('PostgresStore over TLS', () => {
  const withParameters = (parameters: string) =>
    `${(server as NonNullable<typeof server>).url}?${parameters}`;

  it('says how to trust a self-signed certificate that sslmode=require refuses', async () => {
    const error = await openError(withParameters('sslmode=require'));
    expect(error.message).toContain('DATABASE_URL (');
    expect(error.message).toMatch(/certificate could not be verified/);
    expect(error.message).toContain('sslrootcert=');
    expect(error.message).toContain('uselibpqcompat=true&sslmode=require');
  });

  it('connects with either way the message gives', async () => {
    for (const parameters of [
      'uselibpqcompat=true&sslmode=require',
      `sslmode=verify-full&sslrootcert=${encodeURIComponent(TLS_CERTIFICATE)}`,
    ]) {
      const store = await open(withParameters(parameters));
      await store.checkHealth();
      const [row] = await query<{ ssl: boolean }>(
        withParameters(parameters),
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(row?.ssl).toBe(true);
    }
  });
});

describe.skipIf(!server)('PostgresStore on PostgreSQL', () => {
  const newDatabase = (options?: { icuLocale?: string }) =>
    (server as NonNullable<typeof server>).newDatabase(options);

  describe('migrations', () => {
    it('run once when several stores open a fresh database at the same moment', async () => {
      const url = await newDatabase();
      await Promise.all([open(url), open(url), open(url)]);
      const rows = await query<{ version: number; times: number }>(
        url,
        'SELECT version, count(*)::integer AS times FROM schema_migrations GROUP BY version ORDER BY version',
      );
      const version = await (stores[0] as PostgresStore).schemaVersion();
      expect(version).toBeGreaterThan(0);
      expect(rows).toEqual(Array.from({ length: version }, (_, i) => ({ version: i + 1, times: 1 })));
    });

    it('refuse a database written by a newer program', async () => {
      const url = await newDatabase();
      await (await open(url)).close();
      await query(url, `INSERT INTO schema_migrations (version, applied_at) VALUES (999, now())`);
      const error = await openError(url);
      expect(error.message).toMatch(/schema version 999 is newer than this program knows/);
      expect(error.message).toContain('DATABASE_URL (');
    });

    it('names the connection for the server, unless the URL does', async () => {
      const url = await newDatabase();
      await open(url);
      const named = new URL(url);
      named.searchParams.set('application_name', 'replica-7');
      await open(named.toString());
      const names = await query<{ application_name: string }>(
        url,
        `SELECT DISTINCT application_name FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
         ORDER BY application_name`,
      );
      expect(names.map((row) => row.application_name)).toEqual(['replica-7', 'speech-bot']);
    });
  });

  /** A store on a fresh database behind a proxy that can go silent, with a server-side statement timeout. */
  async function storeBehindProxy(statementTimeoutMs: number) {
    const proxy = await startFreezingProxy(new URL(await newDatabase()));
    proxies.push(proxy);
    const store = await PostgresStore.open(proxy.url, { now: clock, statementTimeoutMs });
    return { proxy, store };
  }
  const proxies: FreezingProxy[] = [];
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
  });

  it('gives up on a server that stops answering, and closes without waiting for it', async () => {
    // The server's own timeout cannot fire when nothing reaches it: the driver's deadline must.
    const { proxy, store } = await storeBehindProxy(300);
    proxy.freeze();
    await expect(store.checkHealth()).rejects.toThrow();
    await expect(store.listSubscriptions()).rejects.toThrow();
    await store.close();
  }, 20_000);

  it('closes within its deadline while a query waits on a server that stopped answering', async () => {
    // The driver would wait 32 s for this query; close() must not.
    const { proxy, store } = await storeBehindProxy(30_000);
    proxy.freeze();
    const stuck = store.listSubscriptions().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200)); // sent, and waiting for an answer
    await store.close();
    await proxy.close(); // ends the stuck query too
    expect(await stuck).toBeInstanceOf(Error);
  }, 15_000);

  describe('claims from separate stores', () => {
    it('give a channel-day to exactly one of 20 concurrent claimants', async () => {
      const url = await newDatabase();
      const [a, b] = [await open(url), await open(url)];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).claimPost('C1', '2025-11-26', 'speech/s1-p1', `instance-${i}`),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.getPost('C1', '2025-11-26')).toMatchObject({ status: 'claimed', attempts: 1 });
    });

    it('give a retryable failure to exactly one of 20 concurrent claimants once its time has come', async () => {
      const url = await newDatabase();
      const [a, b] = [await open(url), await open(url)];
      await a.claimPost('C1', '2025-11-26', 'speech/s1-p1', 'first');
      await a.recordPostOutcome('C1', '2025-11-26', {
        status: 'failed',
        error: 'ratelimited',
        retryAt: new Date(now.getTime() + 30_000),
      });
      now = new Date(now.getTime() + 30_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).claimPost('C1', '2025-11-26', 'speech/s1-p1', `instance-${i}`),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.getPost('C1', '2025-11-26')).toMatchObject({ status: 'claimed', attempts: 2 });
    });

    it('give an event to exactly one of 20 concurrent claimants, and an expired one again to one', async () => {
      const url = await newDatabase();
      const [a, b] = [await open(url), await open(url)];
      const claimAll = () =>
        Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimEvent('Ev1', 60_000)));
      expect((await claimAll()).filter(Boolean)).toHaveLength(1);
      now = new Date(now.getTime() + 60_000);
      expect((await claimAll()).filter(Boolean)).toHaveLength(1);
    });
  });

  // Production databases often sort text by a language's rules; the bot's ordering must not change.
  it('orders channels and dates byte-wise on a database with an English collation', async () => {
    const store = await open(await newDatabase({ icuLocale: 'en-US' }));
    for (const channelId of ['c1', 'C2', 'D1', 'C10']) {
      await store.upsertSubscription(subscriptionInput({ channelId }));
    }
    const listed = await store.listSubscriptions('T1');
    expect(listed.map((subscription) => subscription.channelId)).toEqual(['C10', 'C2', 'D1', 'c1']);
  });
});

// Roles are the cluster's own: made only on a cluster started here, not on TEST_DATABASE_URL's server.
describe.skipIf(!server || process.env.TEST_DATABASE_URL)(
  'PostgresStore opened to read only (ask --daily)',
  () => {
    it('reads with a role that may only SELECT, and neither migrates nor writes', async () => {
      const url = await (server as NonNullable<typeof server>).newDatabase();
      const bot = await PostgresStore.open(url);
      await bot.upsertSubscription(subscriptionInput({ channelId: 'C1' }));
      const version = await bot.schemaVersion();
      await bot.close();
      const role = `reader_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN`);
        await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
        await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
        const readerUrl = new URL(url);
        readerUrl.username = role;
        // Opened to write, the reader is refused (migration creates and writes).
        await expect(PostgresStore.open(readerUrl.toString())).rejects.toThrow(StoreError);
        const reader = await PostgresStore.open(readerUrl.toString(), { readOnly: true });
        try {
          expect((await reader.getSubscription('C1'))?.channelId).toBe('C1');
          expect(await reader.schemaVersion()).toBe(version);
        } finally {
          await reader.close();
        }
      } finally {
        await admin.end();
      }
    });

    it('says a database without the bot’s tables is not the bot’s', async () => {
      const url = await (server as NonNullable<typeof server>).newDatabase();
      await expect(PostgresStore.open(url, { readOnly: true })).rejects.toThrow(/is not the bot's database/);
    });
  },
);
