/**
 * A throwaway PostgreSQL server for tests: `startPostgres()` gives a fresh empty database.
 *
 * - With `TEST_DATABASE_URL` (a role that may create databases), each database is made on that
 *   server with a random name and dropped on close.
 * - Otherwise, with the server binaries (`initdb`, `pg_ctl`) on PATH or in
 *   `/usr/lib/postgresql/<version>/bin` (Debian's `postgresql` package), a private cluster is
 *   made in a temporary folder and started on a free 127.0.0.1 port, with trust authentication
 *   and fsync off: it exists for one test process and is deleted with it. As root it runs as
 *   the `postgres` user, since initdb refuses root.
 * - Otherwise `startPostgres()` returns undefined, and `postgresUnavailableReason()` says why;
 *   with `REQUIRE_POSTGRES=1` (CI) it throws instead, so a missing server fails the run.
 *
 * One cluster serves every caller in a test process (starting one takes a second or two); the
 * last `close()` stops it. If the process exits, or is ended by a signal (vitest ends its workers
 * with SIGTERM), while the cluster runs, a hook stops it synchronously first.
 *
 * @example
 * const pg = await startPostgres();
 * if (!pg) console.warn(`PostgreSQL tests skipped: ${postgresUnavailableReason()}`);
 * afterAll(() => pg?.close());
 * describe.skipIf(!pg)('PostgresStore', () => { … PostgresStore.open(pg.url) … });
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A fresh database on a throwaway (or TEST_DATABASE_URL's) server. */
export interface TestPostgres {
  /** URL of a fresh, empty database made for this caller, e.g. `postgres://postgres@127.0.0.1:41234/speech_test_1a2b3c`. */
  url: string;
  /**
   * URL of another fresh, empty database on the same server, for a test that needs its own.
   *
   * @example await pg.newDatabase({ icuLocale: 'en-US' }) // text sorts as in English, not byte-wise
   */
  newDatabase(options?: DatabaseOptions): Promise<string>;
  /** Drops this caller's databases; the last caller stops a cluster started here. Idempotent. */
  close(): Promise<void>;
  /**
   * Whether the server offers TLS with {@link TLS_CERTIFICATE}, a self-signed certificate for
   * 127.0.0.1: a cluster started here does; TEST_DATABASE_URL's server is not known to.
   */
  tls: boolean;
  /**
   * {@link url}'s database through the server's Unix socket, in libpq's form with no host
   * (`postgres://postgres@/speech_test_1a2b3c?host=/tmp/…&port=41234`): a cluster started here
   * has one; TEST_DATABASE_URL's server is not known to.
   */
  socketUrl?: string;
}

/** The throwaway cluster's certificate (self-signed, for 127.0.0.1 and localhost), and its key. */
export const TLS_CERTIFICATE = fileURLToPath(new URL('../fixtures/tls/server.crt', import.meta.url));
const TLS_KEY = fileURLToPath(new URL('../fixtures/tls/server.key', import.meta.url));

/** How to make a test database. */
export interface DatabaseOptions {
  /** Sort and compare text with this ICU locale (e.g. `en-US`), as a production database may. */
  icuLocale?: string;
}

/** A server that databases are made on. */
interface Server {
  /** Connects as a role that may create and drop databases. */
  adminUrl: string;
  /** The URL of database `name` on this server. */
  urlOf(name: string): string;
  /** The URL of database `name` through the server's Unix socket, when it is known. */
  socketUrlOf?(name: string): string;
  /** Whether the server is a cluster started here, which stopping removes with all its databases. */
  ownCluster: boolean;
  /** Stops a cluster started here (nothing for TEST_DATABASE_URL's server). */
  stop(): Promise<void>;
  tls: boolean;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

let shared: Promise<Server> | undefined;
let users = 0;

/**
 * Why no PostgreSQL server can be had for tests, or `undefined` when one can (TEST_DATABASE_URL
 * is set, or the server binaries are installed and usable here).
 */
export function postgresUnavailableReason(): string | undefined {
  if (process.env.TEST_DATABASE_URL) return undefined;
  if (!findBinaries()) {
    return 'TEST_DATABASE_URL is not set, and no initdb and pg_ctl were found on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  }
  if (isRoot() && !findOnPath('runuser')) {
    return 'running as root, where initdb must run as another user, but runuser is not installed';
  }
  if (isRoot() && postgresIds() === undefined) {
    return 'running as root, where initdb must run as another user, but there is no postgres user';
  }
  return undefined;
}

/**
 * A fresh, empty database on a throwaway PostgreSQL server, or `undefined` when there is none
 * (see `postgresUnavailableReason`).
 *
 * @throws when `REQUIRE_POSTGRES=1` and no server can be had, or when starting one fails
 */
export async function startPostgres(): Promise<TestPostgres | undefined> {
  const reason = postgresUnavailableReason();
  if (reason) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`REQUIRE_POSTGRES=1, but no PostgreSQL server is available for tests: ${reason}`);
    }
    return undefined;
  }
  users++;
  try {
    shared ??= startServer();
    const server = await shared;
    return await handOut(server);
  } catch (error) {
    await release();
    throw error;
  }
}

/** A free TCP port on 127.0.0.1 (nothing listens on it once this returns). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was given');
  return address.port;
}

async function handOut(server: Server): Promise<TestPostgres> {
  const databases: string[] = [];
  const newDatabase = async (options: DatabaseOptions = {}): Promise<string> => {
    const name = `speech_test_${randomBytes(6).toString('hex')}`;
    await admin(server, `CREATE DATABASE ${name}${localeClause(options)}`);
    databases.push(name);
    return server.urlOf(name);
  };
  const url = await newDatabase();
  const name = databases[0] as string;
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const names = databases.splice(0);
    // The last user of a cluster started here stops it, and that removes every database at once.
    const lastOnOwnCluster = server.ownCluster && users === 1;
    if (!lastOnOwnCluster) {
      // FORCE ends connections a test left open (a store it did not close).
      for (const name of names) await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await release();
  };
  return {
    url,
    newDatabase,
    tls: server.tls,
    ...(server.socketUrlOf ? { socketUrl: server.socketUrlOf(name) } : {}),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function localeClause(options: DatabaseOptions): string {
  const locale = options.icuLocale;
  if (locale === undefined) return '';
  if (!/^[A-Za-z0-9_-]+$/.test(locale)) throw new Error(`not an ICU locale name: ${locale}`);
  // template1 may hold another locale; template0 is the one a database may change it from.
  return ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${locale}'`;
}

/** One caller less; the last one stops the cluster. */
async function release(): Promise<void> {
  users--;
  if (users > 0 || !shared) return;
  const server = shared;
  shared = undefined;
  await (await server.catch(() => undefined))?.stop();
}

async function admin(server: Server, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startServer(): Promise<Server> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return externalServer(external);
  const binaries = findBinaries();
  if (!binaries) throw new Error('no PostgreSQL server binaries');
  return startCluster(binaries);
}

function externalServer(adminUrl: string): Server {
  return {
    adminUrl,
    urlOf: (name) => {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    ownCluster: false,
    tls: false,
    stop: async () => {},
  };
}

/** Makes and starts a private cluster in a temporary folder; see the file's comment. */
async function startCluster(binaries: Binaries): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'speech-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const owner = isRoot() ? postgresIds() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const stopSync = () => {
    try {
      execFileSync(...asOwner(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']), {
        cwd: dir,
        stdio: 'ignore',
      });
    } catch {
      // Not running (it never started, or is already stopped): nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends, or is ended, without closing must not leave a server running.
  const forget = stopWhenProcessEnds(stopSync);
  try {
    await runAsOwner(
      binaries.initdb,
      ['-D', data, '-A', 'trust', '--no-sync', '-U', 'postgres', '-E', 'UTF8', '--locale=C'],
      dir,
    );
    // The server reads its key only if the key is its own and private.
    for (const [from, name] of [
      [TLS_CERTIFICATE, 'server.crt'],
      [TLS_KEY, 'server.key'],
    ] as const) {
      const to = path.join(dir, name);
      copyFileSync(from, to);
      chmodSync(to, 0o600);
      if (owner) chownSync(to, owner.uid, owner.gid);
    }
    const port = await startOnFreePort(binaries, data, dir, log);
    return {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      urlOf: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
      socketUrlOf: (name) => `postgres://postgres@/${name}?host=${dir}&port=${port}`,
      ownCluster: true,
      tls: true,
      stop: async () => {
        await runAsOwner(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], dir).catch(() => {});
        forget();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    forget();
    const detail = serverLog(log);
    stopSync();
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${commandFailure(error)}${detail}`);
  }
}

/** Signals that end a test process: vitest ends its workers with SIGTERM, a terminal with SIGINT or SIGHUP. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * Runs `stopSync` if the process exits or is told to end; returns the function that undoes this.
 * A signal is raised again once handled, so the process still ends as it would have.
 */
function stopWhenProcessEnds(stopSync: () => void): () => void {
  const onExit = () => stopSync();
  const onSignal = (signal: NodeJS.Signals) => {
    forget();
    stopSync();
    // With no listener left, Node's default for the signal (ending the process) applies again.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off('exit', onExit);
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', onExit);
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  return forget;
}

/** Starts the cluster; another process may take the free port first, so a bind failure tries another. */
async function startOnFreePort(binaries: Binaries, data: string, dir: string, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
      // TLS is offered, not required: a URL without sslmode connects in plain text as before.
      '-c ssl=on',
      `-c ssl_cert_file=${path.join(dir, 'server.crt')}`,
      `-c ssl_key_file=${path.join(dir, 'server.key')}`,
    ].join(' ');
    try {
      await runAsOwner(
        binaries.pgCtl,
        ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings, 'start'],
        dir,
      );
      return port;
    } catch (error) {
      if (attempt >= 3 || !/could not bind|already in use/i.test(serverLog(log))) throw error;
    }
  }
}

/** Runs a server program; as root, as the postgres user (initdb and postgres refuse root). */
async function runAsOwner(file: string, args: string[], cwd: string): Promise<void> {
  await run(...asOwner(file, args), { cwd, timeout: 120_000 });
}

function asOwner(file: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

let postgresUser: { uid: number; gid: number } | null | undefined;

/** The postgres user's uid and gid, or undefined when there is no such user. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (postgresUser === undefined) {
    try {
      const id = (flag: string) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
      postgresUser = { uid: id('-u'), gid: id('-g') };
    } catch {
      postgresUser = null;
    }
  }
  return postgresUser ?? undefined;
}

/** initdb and pg_ctl from one folder: PATH first, then Debian's folders, newest version first. */
function findBinaries(): Binaries | undefined {
  for (const folder of [...pathFolders(), ...debianFolders()]) {
    const initdb = executable(path.join(folder, 'initdb'));
    const pgCtl = executable(path.join(folder, 'pg_ctl'));
    if (initdb && pgCtl) return { initdb, pgCtl };
  }
  return undefined;
}

function findOnPath(name: string): string | undefined {
  for (const folder of pathFolders()) {
    const found = executable(path.join(folder, name));
    if (found) return found;
  }
  return undefined;
}

function pathFolders(): string[] {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
}

function debianFolders(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return readdirSync(root)
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => path.join(root, version, 'bin'));
  } catch {
    return [];
  }
}

/** The real path of an executable file (a symlink resolved, so pg_ctl finds postgres beside it), or undefined. */
function executable(file: string): string | undefined {
  try {
    accessSync(file, constants.X_OK);
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function serverLog(file: string): string {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text ? `\nserver log:\n${text.split('\n').slice(-20).join('\n')}` : '';
  } catch {
    return '';
  }
}

function commandFailure(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const message = error instanceof Error ? error.message : String(error);
  return typeof stderr === 'string' && stderr.trim()
    ? `${message.split('\n')[0]}\n${stderr.trim()}`
    : message;
}
