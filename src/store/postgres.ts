import pg from 'pg';
import { finishesWithin } from '../deadline.ts';
import { errorMessage } from '../errors.ts';
import { readablePostgresUrl } from './postgres-url.ts';
import * as Rows from './rows.ts';
import { storedTime } from './times.ts';
import {
  NewerSchemaError,
  type PostOutcome,
  type PostRecord,
  type PruneReport,
  type Store,
  StoreError,
  type Subscription,
  type SubscriptionInput,
} from './types.ts';

/**
 * Schema migrations, applied in order on open; version N is entry N-1, recorded in
 * `schema_migrations`. Append new entries, never edit old ones.
 *
 * Ids and dates compare byte-wise (`COLLATE "C"`), as in SQLite: `listSubscriptions` and
 * `postedUnitIds` order by them and `prune` compares dates, and a database created with a
 * language's collation would otherwise sort `C10` before `C2` differently on each server.
 * Instants are `timestamptz`, which holds the milliseconds of a JavaScript `Date` exactly.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE subscriptions (
     channel_id    text COLLATE "C" PRIMARY KEY,
     team_id       text COLLATE "C",
     time          text NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
     time_zone     text NOT NULL,
     days          text NOT NULL CHECK (days IN ('weekdays', 'everyday')),
     created_by    text NOT NULL,
     paused        boolean NOT NULL DEFAULT false,
     paused_reason text,
     active_since  timestamptz NOT NULL,
     created_at    timestamptz NOT NULL,
     updated_at    timestamptz NOT NULL
   );
   CREATE INDEX subscriptions_team ON subscriptions (team_id);
   CREATE TABLE posts (
     id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     channel_id   text COLLATE "C" NOT NULL,
     channel_date text COLLATE "C" NOT NULL CHECK (channel_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
     unit_id      text NOT NULL,
     instance_id  text NOT NULL,
     status       text NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
     attempts     integer NOT NULL DEFAULT 1,
     claimed_at   timestamptz NOT NULL,
     finished_at  timestamptz,
     ts           text,
     error        text,
     retry_at     timestamptz,
     UNIQUE (channel_id, channel_date)
   );
   CREATE INDEX posts_unfinished ON posts (claimed_at) WHERE status = 'claimed';
   CREATE INDEX posts_channel_date ON posts (channel_date);
   CREATE TABLE events (
     event_id   text PRIMARY KEY,
     expires_at timestamptz NOT NULL
   );
   CREATE INDEX events_expires ON events (expires_at);`,
];

/**
 * Key of the advisory lock held while migrating: any constant; this one is "speech" in ASCII, as
 * a number (0x737065656368).
 * Advisory locks are per database, so stores on other databases of the same server do not wait.
 */
const MIGRATION_LOCK = '126926574674792';

/** Reported to the server (`pg_stat_activity`) unless the URL or `PGAPPNAME` names another. */
const APPLICATION_NAME = 'speech-bot';

/** How long to wait for a TCP connection and the server's greeting before calling it unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * How much longer than the server's statement timeout the driver waits for an answer. The
 * server's timeout cannot fire when the server or the network has stopped (a frozen host, a
 * failover that leaves the connection open): then this deadline fails the query, instead of the
 * operating system noticing after about 15 minutes. Longer than the server's, so a live server
 * reports its own, clearer error first.
 */
const ANSWER_MARGIN_MS = 2000;

/** Longest wait in `close()` for connections still busy; past it they are left to the process's exit. */
const CLOSE_DEADLINE_MS = 3000;

/** Options for `PostgresStore.open`. */
export interface PostgresStoreOptions {
  /**
   * The clock for every stored instant (created, claimed, expires) and for deciding whether a
   * retry or an event claim is due; the server's clock is never used, so tests can fake time.
   *
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * The server cancels any statement running longer than this (ms), so a stuck lock fails a
   * request instead of hanging it; the driver gives up {@link ANSWER_MARGIN_MS} later on a server
   * that does not answer at all. Every statement here touches a row or two. 0: no limit.
   *
   * @default 5000
   */
  statementTimeoutMs?: number;
  /**
   * Connections kept open at most. Each replica posts four channels at a time and answers a
   * few events at once, so a handful is plenty; mind the server's `max_connections` across replicas.
   *
   * @default 10
   */
  poolSize?: number;
  /**
   * Only read (`ask --daily`): the schema is checked, not migrated, and nothing is written, so a
   * role that may only SELECT will do, and a newer program does not migrate the bot's database
   * under older replicas.
   */
  readOnly?: boolean;
}

type SubscriptionRow = Rows.SubscriptionRow<Date, boolean>;
type PostRow = Rows.PostRow<Date>;

/** PostgreSQL returns `timestamptz` as `Date` and `boolean` as `boolean`. */
const POSTGRES_COLUMNS: Rows.ColumnReader<Date, boolean> = {
  instant: (value) => value,
  flag: (value) => value,
};

interface VersionRow {
  version: number;
}

/**
 * `Store` on PostgreSQL (the `pg` driver), for several replicas on several machines sharing one
 * database. Open it with `PostgresStore.open(DATABASE_URL)`.
 *
 * Every guarantee rests on one statement and the server's row locks, never on a read followed by
 * a write: `claimPost` inserts with `ON CONFLICT DO NOTHING` (the unique (channel, date) key lets
 * exactly one insert through), and otherwise takes over a retryable failure with an `UPDATE …
 * WHERE status = 'failed' AND retry_at <= now`, which a second caller, waiting on the row lock,
 * re-checks after the first commits and so finds `claimed`; `claimEvent` is an upsert that only
 * overwrites an expired claim; `upsertSubscription` decides whether the schedule changed inside
 * its `ON CONFLICT DO UPDATE`. Migrations run in one transaction holding an advisory lock, so
 * replicas starting together migrate once and the others wait, then see the new version.
 *
 * Exactly-once over at-least-once, as in `SqliteStore`: a claim is written before posting and is
 * never handed out again unless Slack reported a failure with a retry time; a claim whose outcome
 * was never recorded means the day's excerpt may be lost, never posted twice.
 *
 * Instants come from the injected clock, not the server's `now()`, so every replica and test
 * agrees with the scheduler's notion of time. Errors at open are `StoreError`s naming
 * DATABASE_URL (password masked) and what to fix.
 *
 * @example
 * const store = await PostgresStore.open('postgres://bot:secret@db.internal:5432/speech?sslmode=verify-full');
 * await store.claimPost('C1', '2025-11-26', 'speech/s1-p2', 'host-1:4242');
 * await store.close();
 */
export class PostgresStore implements Store {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly now: () => Date,
  ) {}

  /**
   * Connects, migrates and checks that the database can be read and written.
   *
   * @param url a PostgreSQL URL (DATABASE_URL); TLS follows its `sslmode`, as `pg` reads it
   * @throws StoreError naming DATABASE_URL (password masked) when the server is unreachable, the
   *   credentials or database are wrong, or the schema is newer than this program knows
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url, options);
    const store = new PostgresStore(pool, url, options.now ?? (() => new Date()));
    try {
      if (options.readOnly) await store.checkReadableSchema();
      else {
        await store.migrate();
        await store.checkHealth();
      }
      return store;
    } catch (error) {
      await store.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${describeUrl(url)}: ${openFailure(error, url)}`);
    }
  }

  /** The schema version of the database (the number of migrations applied). */
  async schemaVersion(): Promise<number> {
    const result = await this.pool.query<VersionRow>(
      'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations',
    );
    return result.rows[0]?.version ?? 0;
  }

  /** The schema is one this program can read: the bot's tables, at a version it knows. */
  private async checkReadableSchema(): Promise<void> {
    const tables = await this.pool.query<{ present: string | null }>(
      "SELECT to_regclass('schema_migrations')::text AS present",
    );
    if (!tables.rows[0]?.present) {
      throw new StoreError(`${describeUrl(this.url)} is not the bot's database (it has none of its tables)`);
    }
    const version = await this.schemaVersion();
    if (version > MIGRATIONS.length) {
      throw new NewerSchemaError(
        `${describeUrl(this.url)}: database schema version ${version} is newer than this program knows (${MIGRATIONS.length}); use the bot's own version to read it`,
      );
    }
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Taken first: a second replica waits here, then reads the version the first one wrote.
      await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    integer PRIMARY KEY,
           applied_at timestamptz NOT NULL
         )`,
      );
      const found = await client.query<VersionRow>(
        'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations',
      );
      const version = found.rows[0]?.version ?? 0;
      if (version > MIGRATIONS.length) {
        throw new NewerSchemaError(
          `${describeUrl(this.url)}: database schema version ${version} is newer than this program knows (${MIGRATIONS.length}); upgrade the bot, and keep the database: a newer version wrote it and it holds the subscriptions`,
        );
      }
      for (let next = version + 1; next <= MIGRATIONS.length; next++) {
        await client.query(MIGRATIONS[next - 1] as string);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          next,
          this.now(),
        ]);
      }
    });
  }

  /** Runs `work` in a transaction on one connection, rolling back if it throws. */
  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      broken = await rollBack(client, error);
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it, not reuse it.
      client.release(broken);
    }
  }

  async checkHealth(): Promise<void> {
    try {
      await this.pool.query('SELECT count(*) FROM subscriptions');
      // A write that changes nothing, committed: fails on a read-only server or a full disk.
      await this.pool.query(
        'UPDATE schema_migrations SET applied_at = applied_at WHERE version = (SELECT max(version) FROM schema_migrations)',
      );
    } catch (error) {
      throw new StoreError(
        `${describeUrl(this.url)} cannot be read and written: ${openFailure(error, this.url)}`,
      );
    }
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const now = this.now();
    // The schedule comparison reads the old row (s) under the upsert's row lock: one statement.
    const result = await this.pool.query<SubscriptionRow>(
      `INSERT INTO subscriptions AS s
         (channel_id, team_id, time, time_zone, days, created_by, paused, paused_reason, active_since, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, NULL, $7, $7, $7)
       ON CONFLICT (channel_id) DO UPDATE SET
         team_id = EXCLUDED.team_id, time = EXCLUDED.time, time_zone = EXCLUDED.time_zone,
         days = EXCLUDED.days, created_by = EXCLUDED.created_by, paused = false, paused_reason = NULL,
         -- Re-upserting the same schedule (e.g. DAILY_CHANNEL at every start) keeps today's catch-up.
         active_since = CASE
           WHEN s.paused OR s.time <> EXCLUDED.time OR s.time_zone <> EXCLUDED.time_zone OR s.days <> EXCLUDED.days
           THEN EXCLUDED.active_since ELSE s.active_since END,
         updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        input.channelId,
        input.teamId ?? null,
        storedTime(input.time),
        input.timeZone,
        input.days,
        input.createdBy,
        now,
      ],
    );
    return Rows.toSubscription(result.rows[0] as SubscriptionRow, POSTGRES_COLUMNS);
  }

  async getSubscription(channelId: string): Promise<Subscription | undefined> {
    const result = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE channel_id = $1',
      [channelId],
    );
    const row = result.rows[0];
    return row && Rows.toSubscription(row, POSTGRES_COLUMNS);
  }

  async listSubscriptions(teamId?: string): Promise<Subscription[]> {
    const result =
      teamId === undefined
        ? await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY channel_id')
        : await this.pool.query<SubscriptionRow>(
            'SELECT * FROM subscriptions WHERE team_id = $1 ORDER BY channel_id',
            [teamId],
          );
    return Rows.readableSubscriptions(result.rows, POSTGRES_COLUMNS);
  }

  async deleteSubscription(channelId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM subscriptions WHERE channel_id = $1', [channelId]);
    return (result.rowCount ?? 0) > 0;
  }

  async pauseSubscription(channelId: string, reason: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE subscriptions SET paused = true, paused_reason = $2, updated_at = $3 WHERE channel_id = $1',
      [channelId, reason, this.now()],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async claimPost(
    channelId: string,
    channelDate: string,
    unitId: string,
    instanceId: string,
  ): Promise<boolean> {
    const params = [channelId, channelDate, unitId, instanceId, this.now()];
    // A concurrent insert of the same key makes this one wait for it, then do nothing.
    const inserted = await this.pool.query(
      `INSERT INTO posts (channel_id, channel_date, unit_id, instance_id, status, attempts, claimed_at)
       VALUES ($1, $2, $3, $4, 'claimed', 1, $5)
       ON CONFLICT (channel_id, channel_date) DO NOTHING`,
      params,
    );
    if (inserted.rowCount === 1) return true;
    // A failure Slack reported without posting, whose retry time has come: take it over. A second
    // caller blocks on the row lock, re-checks the WHERE on the committed row, and finds `claimed`.
    const retaken = await this.pool.query(
      `UPDATE posts SET status = 'claimed', unit_id = $3, instance_id = $4,
         attempts = attempts + 1, claimed_at = $5, finished_at = NULL, ts = NULL, error = NULL, retry_at = NULL
       WHERE channel_id = $1 AND channel_date = $2
         AND status = 'failed' AND retry_at IS NOT NULL AND retry_at <= $5`,
      params,
    );
    return retaken.rowCount === 1;
  }

  async recordPostOutcome(channelId: string, channelDate: string, outcome: PostOutcome): Promise<boolean> {
    const now = this.now();
    const result =
      outcome.status === 'posted'
        ? await this.pool.query(
            `UPDATE posts SET status = 'posted', ts = $3, error = NULL, retry_at = NULL, finished_at = $4
             WHERE channel_id = $1 AND channel_date = $2 AND status = 'claimed'`,
            [channelId, channelDate, outcome.ts, now],
          )
        : await this.pool.query(
            `UPDATE posts SET status = 'failed', ts = NULL, error = $3, retry_at = $4, finished_at = $5
             WHERE channel_id = $1 AND channel_date = $2 AND status = 'claimed'`,
            [channelId, channelDate, outcome.error, outcome.retryAt ?? null, now],
          );
    return (result.rowCount ?? 0) > 0;
  }

  async getPost(channelId: string, channelDate: string): Promise<PostRecord | undefined> {
    const result = await this.pool.query<PostRow>(
      'SELECT * FROM posts WHERE channel_id = $1 AND channel_date = $2',
      [channelId, channelDate],
    );
    const row = result.rows[0];
    return row && Rows.toPostRecord(row, POSTGRES_COLUMNS);
  }

  async postedUnitIds(channelId: string): Promise<string[]> {
    const result = await this.pool.query<{ unit_id: string }>(
      `SELECT unit_id FROM posts
       WHERE channel_id = $1 AND (status IN ('posted', 'claimed') OR retry_at IS NULL)
       ORDER BY channel_date, id`,
      [channelId],
    );
    return result.rows.map((row) => row.unit_id);
  }

  async unfinishedClaims(before: Date): Promise<PostRecord[]> {
    const result = await this.pool.query<PostRow>(
      `SELECT * FROM posts WHERE status = 'claimed' AND claimed_at < $1 ORDER BY claimed_at, id`,
      [before],
    );
    return result.rows.map((row) => Rows.toPostRecord(row, POSTGRES_COLUMNS));
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // New, or an expired claim taken over; a concurrent claimant waits on the row and re-checks.
    const result = await this.pool.query(
      `INSERT INTO events (event_id, expires_at) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE events.expires_at <= $3
       RETURNING event_id`,
      [eventId, new Date(now.getTime() + ttlMs), now],
    );
    return result.rowCount === 1;
  }

  async prune(postsBefore: string): Promise<PruneReport> {
    const events = await this.pool.query('DELETE FROM events WHERE expires_at <= $1', [this.now()]);
    const posts = await this.pool.query('DELETE FROM posts WHERE channel_date < $1', [postsBefore]);
    return { events: events.rowCount ?? 0, posts: posts.rowCount ?? 0 };
  }

  /**
   * Closes the pool, waiting at most {@link CLOSE_DEADLINE_MS} for busy connections: one stuck on
   * a server that stopped answering would otherwise hold shutdown until its query times out.
   */
  async close(): Promise<void> {
    // pg refuses a second `end`; every caller waits for the one under way.
    this.closing ??= this.pool.end();
    await finishesWithin(this.closing, CLOSE_DEADLINE_MS);
  }
}

/**
 * `url` with its password replaced by `***` (in the user part and in a `password=` parameter),
 * for messages and logs.
 *
 * @example maskUrl('postgres://bot:secret@127.0.0.1:5432/speech') // 'postgres://bot:***@127.0.0.1:5432/speech'
 */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    // Without `//`, `user:password@host` parses as a scheme and a path: mask it as text below.
    if (url.includes('//')) return parsed.toString();
  } catch {
    // Not a URL at all: mask it as text below.
  }
  // With `//`, the password is in the user part after it (postgres://bot:secret@/db?host=/run/pg);
  // without, the text opens with the user part (bot:secret@host).
  // Up to the last @: a password may hold one (p@ss), and masking too much leaks nothing.
  const userPart = url.includes('//') ? /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)\S*@/i : /^([^:/@\s]*:)\S*@/;
  return url.replace(userPart, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
}

const URL_SHAPE = 'Expected postgres://user:password@host:5432/database (add ?sslmode=verify-full for TLS).';

/** pg would take almost any string as a host or socket name; a typo should say so instead. */
function checkUrl(url: string): void {
  const parsed = readablePostgresUrl(url);
  if (parsed?.protocol !== 'postgres:' && parsed?.protocol !== 'postgresql:') {
    throw new StoreError(`${describeUrl(url)} is not a PostgreSQL URL. ${URL_SHAPE}`);
  }
}

/** `host:port` of a URL, for saying where nothing answered. */
function serverOf(url: string): string {
  const parsed = readablePostgresUrl(url);
  if (!parsed) return url;
  // A socket's host is its folder (the URL read with a stand-in host says localhost).
  const socket = parsed.searchParams.get('host');
  if (socket?.startsWith('/')) return `${socket} (socket)`;
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
}

function describeUrl(url: string): string {
  return `DATABASE_URL (${maskUrl(url)})`;
}

function createPool(url: string, options: PostgresStoreOptions): pg.Pool {
  checkUrl(url);
  const statementTimeoutMs = Math.max(0, Math.floor(options.statementTimeoutMs ?? 5000));
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      // A fallback, so `application_name` in the URL (or PGAPPNAME) wins.
      fallback_application_name: APPLICATION_NAME,
      statement_timeout: statementTimeoutMs,
      ...(statementTimeoutMs > 0 ? { query_timeout: statementTimeoutMs + ANSWER_MARGIN_MS } : {}),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      max: Math.max(1, Math.floor(options.poolSize ?? 10)),
      keepAlive: true,
    });
  } catch (error) {
    throw new StoreError(`${describeUrl(url)} cannot be used: ${errorMessage(error)}. ${URL_SHAPE}`);
  }
  // An idle connection the server dropped (restart, failover) is discarded by the pool, and the
  // next query opens a new one; without a listener the 'error' event would kill the process.
  pool.on('error', () => {});
  return pool;
}

async function rollBack(client: pg.PoolClient, cause: unknown): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch {
    return cause instanceof Error ? cause : new Error(String(cause));
  }
}

/** Node's network codes that mean "nothing answered at that address". */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  ENOENT: 'no server socket at that path',
};

/** Node's codes for a server certificate that no trusted authority signed, or that names another host. */
const UNVERIFIED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What went wrong, in words that say what to fix; the driver's own message last, for searching. */
function openFailure(error: unknown, url: string): string {
  const code = errorCode(error);
  const message = errorMessage(error);
  const network = code === undefined ? undefined : UNREACHABLE[code];
  if (network || /timeout expired|connection timeout/i.test(message)) {
    const why = network ?? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
    return `cannot reach the PostgreSQL server at ${serverOf(url)} (${why}). Check that it is running and that the host and port are right.`;
  }
  if (code === '28P01' || code === '28000') {
    return `the server refused the credentials (${message}). Check the user name and password in DATABASE_URL, and the server's pg_hba.conf.`;
  }
  if (/password must be a string|no password/i.test(message)) {
    return `the server asks for a password and DATABASE_URL has none (${message}). Add it: postgres://user:password@host/database.`;
  }
  if (code === '3D000') {
    return `the database does not exist (${message}). Create it (createdb), or fix the database name at the end of DATABASE_URL.`;
  }
  if (code === '42501') {
    return `permission denied (${message}). The user needs to own the database, or CREATE on its schema, to create the tables.`;
  }
  if (code === '25006') {
    return `the server is read-only (${message}). Point DATABASE_URL at the primary, not a standby.`;
  }
  if (code === '57014') {
    return `a statement took longer than the statement timeout (${message}). Is another client holding a lock?`;
  }
  if (code === '53300') {
    return `the server has no free connections (${message}). Lower the pool size or raise max_connections.`;
  }
  if (code !== undefined && UNVERIFIED_CERTIFICATE.has(code)) {
    return `the server's TLS certificate could not be verified (${message}). node-postgres verifies it for sslmode=require too, where psql does not: add sslrootcert=/path/to/the-server-ca.pem to DATABASE_URL to verify it, or uselibpqcompat=true&sslmode=require to encrypt without verifying, as psql does.`;
  }
  if (/ssl|tls|certificate/i.test(message)) {
    return `TLS failed (${message}). Check sslmode (and sslrootcert) in DATABASE_URL against the server's TLS setup.`;
  }
  return message;
}

/** The error's code: a SQLSTATE from the server, or Node's network code (also inside an AggregateError). */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) return errorCode(inner[0]);
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : errorCode(cause);
}
