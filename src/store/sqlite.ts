import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage } from '../errors.ts';
import * as Rows from './rows.ts';
import { storedTime } from './times.ts';
import {
  DamagedStoreError,
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
 * Schema migrations, applied in order on open. `PRAGMA user_version` holds how many have run;
 * append new entries, never edit old ones.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE subscriptions (
     channel_id    TEXT PRIMARY KEY,
     team_id       TEXT,
     time          TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
     time_zone     TEXT NOT NULL,
     days          TEXT NOT NULL CHECK (days IN ('weekdays', 'everyday')),
     created_by    TEXT NOT NULL,
     paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
     paused_reason TEXT,
     active_since  INTEGER NOT NULL,
     created_at    INTEGER NOT NULL,
     updated_at    INTEGER NOT NULL
   );
   CREATE INDEX subscriptions_team ON subscriptions (team_id);
   CREATE TABLE posts (
     id           INTEGER PRIMARY KEY,
     channel_id   TEXT NOT NULL,
     channel_date TEXT NOT NULL,
     unit_id      TEXT NOT NULL,
     instance_id  TEXT NOT NULL,
     status       TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
     attempts     INTEGER NOT NULL DEFAULT 1,
     claimed_at   INTEGER NOT NULL,
     finished_at  INTEGER,
     ts           TEXT,
     error        TEXT,
     retry_at     INTEGER,
     UNIQUE (channel_id, channel_date)
   );`,
  `CREATE TABLE events (
     event_id   TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX posts_unfinished ON posts (status) WHERE status = 'claimed';`,
];

/** Options for `SqliteStore`. */
export interface SqliteStoreOptions {
  /**
   * The clock used for created/updated/claimed timestamps and for deciding whether a retryable
   * failure may be claimed again. Tests pass a fake one.
   *
   * @default () => new Date()
   * @example new SqliteStore('data/bot.db', { now: () => clock.now() })
   */
  now?: () => Date;
  /**
   * How long (ms) to wait for another connection's write lock before failing with SQLITE_BUSY.
   * Writes here take microseconds, so a few seconds is plenty even with several processes. Once
   * open, the store waits between tries with timers, not inside SQLite, which would stop the
   * whole process (better-sqlite3 is synchronous): requests, health checks and posts go on.
   *
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Open an existing file to read only (`ask --daily`): nothing is created, migrated or written,
   * so a reader needs no write permission and an older bot sharing the file is not locked out
   * by a newer schema. Writes throw.
   */
  readOnly?: boolean;
}

type SubscriptionRow = Rows.SubscriptionRow<number, number>;
type PostRow = Rows.PostRow<number>;

/** SQLite keeps instants as epoch milliseconds and flags as 0/1. */
const SQLITE_COLUMNS: Rows.ColumnReader<number, number> = {
  instant: (value) => new Date(value),
  flag: (value) => value === 1,
};

/**
 * `Store` on a SQLite file (better-sqlite3).
 *
 * Several processes may open the same file: it runs in WAL mode with a busy timeout, migrations
 * run inside an immediate (write-locked) transaction, and `claimPost` relies on the
 * `UNIQUE (channel_id, channel_date)` constraint, so exactly one claimant wins each channel-day.
 *
 * Exactly-once over at-least-once: a claim is written *before* posting. If the process dies
 * between the claim and recording the outcome, nobody can tell whether Slack got the message,
 * so the claim is never handed out again and that day's excerpt may be lost. A missing daily
 * reading is a small loss; the same reading posted twice to a whole channel looks broken. Only
 * failures that Slack reported *without* posting (`recordPostOutcome` with `retryAt`) are
 * claimable again.
 *
 * @example
 * const store = new SqliteStore('data/bot.db');
 * await store.upsertSubscription({ channelId: 'C1', time: { hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', days: 'weekdays', createdBy: 'U1' });
 * await store.close();
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly busyTimeoutMs: number;
  /** The file opened (its absolute path, device and inode), to notice it replaced or removed while open. */
  private readonly identity: (FileIdentity & { path: string }) | undefined;

  /**
   * Opens (creating if needed) the database file and its parent folder, and migrates it.
   *
   * @param file path of the SQLite file, e.g. `data/bot.db`; `:memory:` for a private in-memory one
   * @throws if the file was written by a newer version of the bot (unknown schema version)
   */
  constructor(
    private readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    if (options.readOnly) {
      this.db = openForReading(file);
      this.identity = undefined;
      return;
    }
    if (file !== ':memory:') prepareFolder(file);
    try {
      this.db = new Database(file);
    } catch (error) {
      throw storeError(`cannot open ${file}`, error);
    }
    try {
      // Busy timeout first, so even switching to WAL waits for a concurrent opener.
      this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable across process crashes in WAL mode; only an OS crash can drop the last commit.
      this.db.pragma('synchronous = NORMAL');
      this.migrate();
      // A file with damaged pages opens and migrates; only a check of its pages shows the damage.
      const problems = this.db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      if (problems[0]?.quick_check !== 'ok') {
        throw new DamagedStoreError(
          `${file} is damaged: ${problems.map((row) => row.quick_check).join('; ')}`,
        );
      }
      this.probeWrite();
      // Opened: from now on a lock is waited for between tries (see `whenFree`), not in SQLite.
      this.db.pragma('busy_timeout = 0');
      // Absolute, as SQLite keeps it: a later change of working folder must not read as a new file.
      const opened = file === ':memory:' ? undefined : path.resolve(file);
      const identity = opened === undefined ? undefined : fileIdentity(opened);
      this.identity = opened !== undefined && identity ? { ...identity, path: opened } : undefined;
    } catch (error) {
      this.db.close();
      if (error instanceof StoreError) throw error;
      throw storeError(`cannot use ${file}`, error);
    }
  }

  async checkHealth(): Promise<void> {
    if (this.identity && !sameFile(this.identity, fileIdentity(this.identity.path))) {
      throw new StoreError(
        `${this.file} was replaced or removed while the bot had it open: what the bot writes goes to the old file, which nothing will read again. Restart the bot to open the file now at DATABASE_PATH.`,
      );
    }
    try {
      await this.whenFree(() => {
        this.db.prepare('SELECT count(*) FROM subscriptions').get();
        this.probeWrite();
      });
    } catch (error) {
      throw storeError(`${this.file} cannot be read and written`, error);
    }
  }

  /**
   * Runs a statement (or a transaction, which SQLite rolled back if it failed), trying again while
   * another connection holds the write lock, for up to the busy timeout: the waits are timers, so
   * the process goes on serving meanwhile.
   */
  private async whenFree<T>(operation: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let wait = FIRST_BUSY_WAIT_MS; ; wait = Math.min(wait * 2, MAX_BUSY_WAIT_MS)) {
      try {
        return operation();
      } catch (error) {
        if (!isBusy(error) || Date.now() + wait > deadline) throw error;
        await sleep(wait);
      }
    }
  }

  /** A write that changes nothing: rewrites the schema version in a transaction of its own. */
  private probeWrite(): void {
    this.db.transaction(() => this.db.pragma(`user_version = ${this.schemaVersion}`)).immediate();
  }

  /** The schema version of the open database (the number of migrations applied). */
  get schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  private migrate(): void {
    const run = this.db.transaction(() => {
      // Read inside the write lock: a second process opening at the same moment waits, then sees the new version.
      const version = this.schemaVersion;
      if (version > MIGRATIONS.length) {
        throw new NewerSchemaError(
          `database schema version ${version} is newer than this program knows (${MIGRATIONS.length}); upgrade the bot, and keep the file: a newer version wrote it and it holds the subscriptions`,
        );
      }
      for (let i = version; i < MIGRATIONS.length; i++) {
        this.db.exec(MIGRATIONS[i] as string);
      }
      if (version < MIGRATIONS.length) this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    run.immediate();
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const now = this.now().getTime();
    const time = storedTime(input.time);
    const write = this.db.transaction(() => {
      const old = this.db
        .prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE channel_id = ?')
        .get(input.channelId);
      const scheduleChanged =
        !old ||
        old.paused === 1 ||
        old.time !== time ||
        old.time_zone !== input.timeZone ||
        old.days !== input.days;
      this.db
        .prepare(
          `INSERT INTO subscriptions
             (channel_id, team_id, time, time_zone, days, created_by, paused, paused_reason, active_since, created_at, updated_at)
           VALUES (@channelId, @teamId, @time, @timeZone, @days, @createdBy, 0, NULL, @activeSince, @now, @now)
           ON CONFLICT (channel_id) DO UPDATE SET
             team_id = excluded.team_id, time = excluded.time, time_zone = excluded.time_zone,
             days = excluded.days, created_by = excluded.created_by, paused = 0, paused_reason = NULL,
             active_since = excluded.active_since, updated_at = excluded.updated_at`,
        )
        .run({
          channelId: input.channelId,
          teamId: input.teamId ?? null,
          time,
          timeZone: input.timeZone,
          days: input.days,
          createdBy: input.createdBy,
          // Re-upserting the same schedule (e.g. DAILY_CHANNEL at every start) keeps today's catch-up.
          activeSince: scheduleChanged || !old ? now : old.active_since,
          now,
        });
    });
    await this.whenFree(() => write.immediate());
    return (await this.getSubscription(input.channelId)) as Subscription;
  }

  async getSubscription(channelId: string): Promise<Subscription | undefined> {
    const row = await this.whenFree(() =>
      this.db
        .prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE channel_id = ?')
        .get(channelId),
    );
    return row && Rows.toSubscription(row, SQLITE_COLUMNS);
  }

  async listSubscriptions(teamId?: string): Promise<Subscription[]> {
    const rows = await this.whenFree(() =>
      teamId === undefined
        ? this.db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY channel_id').all()
        : this.db
            .prepare<[string], SubscriptionRow>(
              'SELECT * FROM subscriptions WHERE team_id = ? ORDER BY channel_id',
            )
            .all(teamId),
    );
    return Rows.readableSubscriptions(rows, SQLITE_COLUMNS);
  }

  async deleteSubscription(channelId: string): Promise<boolean> {
    return this.whenFree(
      () => this.db.prepare('DELETE FROM subscriptions WHERE channel_id = ?').run(channelId).changes > 0,
    );
  }

  async pauseSubscription(channelId: string, reason: string): Promise<boolean> {
    const result = await this.whenFree(() =>
      this.db
        .prepare(
          'UPDATE subscriptions SET paused = 1, paused_reason = ?, updated_at = ? WHERE channel_id = ?',
        )
        .run(reason, this.now().getTime(), channelId),
    );
    return result.changes > 0;
  }

  async claimPost(
    channelId: string,
    channelDate: string,
    unitId: string,
    instanceId: string,
  ): Promise<boolean> {
    const params = { channelId, channelDate, unitId, instanceId, now: this.now().getTime() };
    const claim = this.db.transaction((): boolean => {
      const inserted = this.db
        .prepare(
          `INSERT INTO posts (channel_id, channel_date, unit_id, instance_id, status, attempts, claimed_at)
           VALUES (@channelId, @channelDate, @unitId, @instanceId, 'claimed', 1, @now)
           ON CONFLICT (channel_id, channel_date) DO NOTHING`,
        )
        .run(params);
      if (inserted.changes === 1) return true;
      // A failure Slack reported without posting, whose retry time has come: take it over.
      const retaken = this.db
        .prepare(
          `UPDATE posts SET status = 'claimed', unit_id = @unitId, instance_id = @instanceId,
             attempts = attempts + 1, claimed_at = @now, finished_at = NULL, ts = NULL, error = NULL, retry_at = NULL
           WHERE channel_id = @channelId AND channel_date = @channelDate
             AND status = 'failed' AND retry_at IS NOT NULL AND retry_at <= @now`,
        )
        .run(params);
      return retaken.changes === 1;
    });
    return this.whenFree(() => claim.immediate());
  }

  async recordPostOutcome(channelId: string, channelDate: string, outcome: PostOutcome): Promise<boolean> {
    const now = this.now().getTime();
    const result = await this.whenFree(() =>
      outcome.status === 'posted'
        ? this.db
            .prepare(
              `UPDATE posts SET status = 'posted', ts = ?, error = NULL, retry_at = NULL, finished_at = ?
               WHERE channel_id = ? AND channel_date = ? AND status = 'claimed'`,
            )
            .run(outcome.ts, now, channelId, channelDate)
        : this.db
            .prepare(
              `UPDATE posts SET status = 'failed', ts = NULL, error = ?, retry_at = ?, finished_at = ?
               WHERE channel_id = ? AND channel_date = ? AND status = 'claimed'`,
            )
            .run(outcome.error, outcome.retryAt?.getTime() ?? null, now, channelId, channelDate),
    );
    return result.changes > 0;
  }

  async getPost(channelId: string, channelDate: string): Promise<PostRecord | undefined> {
    const row = await this.whenFree(() =>
      this.db
        .prepare<[string, string], PostRow>('SELECT * FROM posts WHERE channel_id = ? AND channel_date = ?')
        .get(channelId, channelDate),
    );
    return row && Rows.toPostRecord(row, SQLITE_COLUMNS);
  }

  async postedUnitIds(channelId: string): Promise<string[]> {
    const rows = await this.whenFree(() =>
      this.db
        .prepare<[string], { unit_id: string }>(
          `SELECT unit_id FROM posts
           WHERE channel_id = ? AND (status IN ('posted', 'claimed') OR retry_at IS NULL)
           ORDER BY channel_date, id`,
        )
        .all(channelId),
    );
    return rows.map((row) => row.unit_id);
  }

  async unfinishedClaims(before: Date): Promise<PostRecord[]> {
    const rows = await this.whenFree(() =>
      this.db
        .prepare<[number], PostRow>(
          `SELECT * FROM posts WHERE status = 'claimed' AND claimed_at < ? ORDER BY claimed_at, id`,
        )
        .all(before.getTime()),
    );
    return rows.map((row) => Rows.toPostRecord(row, SQLITE_COLUMNS));
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const now = this.now().getTime();
    // New, or an expired claim taken over; one statement, so the write lock makes it atomic.
    const result = await this.whenFree(() =>
      this.db
        .prepare(
          `INSERT INTO events (event_id, expires_at) VALUES (@eventId, @expiresAt)
           ON CONFLICT (event_id) DO UPDATE SET expires_at = excluded.expires_at
           WHERE events.expires_at <= @now`,
        )
        .run({ eventId, expiresAt: now + ttlMs, now }),
    );
    return result.changes === 1;
  }

  async prune(postsBefore: string): Promise<PruneReport> {
    const events = await this.whenFree(
      () => this.db.prepare('DELETE FROM events WHERE expires_at <= ?').run(this.now().getTime()).changes,
    );
    const posts = await this.whenFree(
      () => this.db.prepare('DELETE FROM posts WHERE channel_date < ?').run(postsBefore).changes,
    );
    return { events, posts };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * An existing bot database opened to read: its schema must be one this program can read (any
 * version it knows, none newer), checked without writing anything.
 */
function openForReading(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storeError(`cannot open ${file} to read`, error);
  }
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      throw new NewerSchemaError(
        `database schema version ${version} is newer than this program knows (${MIGRATIONS.length}); use the bot's own version to read it`,
      );
    }
    if (version === 0) throw new StoreError(`${file} is not the bot's database (it has none of its tables)`);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw storeError(`cannot read ${file}`, error);
  }
}

/** The first wait for another connection's write lock, doubled at each try up to {@link MAX_BUSY_WAIT_MS}. */
const FIRST_BUSY_WAIT_MS = 5;
const MAX_BUSY_WAIT_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Which file a path names, by device and inode. */
interface FileIdentity {
  dev: number;
  ino: number;
}

function fileIdentity(file: string): FileIdentity | undefined {
  try {
    const { dev, ino } = statSync(file);
    return { dev, ino };
  } catch {
    return undefined;
  }
}

function sameFile(opened: FileIdentity, now: FileIdentity | undefined): boolean {
  return now !== undefined && now.dev === opened.dev && now.ino === opened.ino;
}

/** Folders of the kernel's virtual file systems: a database cannot live there (and Node's recursive mkdir spins on them). */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

/** Creates the database's folder, or says in plain words why it cannot. */
function prepareFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  const root = VIRTUAL_ROOTS.find((virtual) => folder === virtual || folder.startsWith(`${virtual}/`));
  if (root) throw new StoreError(`${file} is under ${root}, a virtual file system: choose a path on disk`);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'no permission to create it'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'part of that path is a file, not a folder'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (error as Error).message;
    throw new StoreError(`cannot create the folder ${folder} for ${file}: ${why}`);
  }
}

/** SQLite's error as a StoreError: a damaged file is a {@link DamagedStoreError}, so its advice differs. */
function storeError(what: string, error: unknown): StoreError {
  const damaged = DAMAGED.has((error as { code?: unknown }).code);
  return new (damaged ? DamagedStoreError : StoreError)(`${what}: ${openFailure(error)}`);
}

/** SQLite's codes for a file that is damaged or not a database. */
const DAMAGED: ReadonlySet<unknown> = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** SQLite's terse errors, with what they usually mean for an operator. */
function openFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = errorMessage(error);
  if (code === 'SQLITE_CANTOPEN') return `${message} (is it a folder, or is its folder not writable?)`;
  if (DAMAGED.has(code)) return `${message} (the file is damaged or not a SQLite database)`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DBMOVED')
    return `${message} (the file or its folder is read-only)`;
  return message;
}
