/**
 * `npm start` as a process, with a controlled environment, run in an empty temporary folder so no
 * `.env` is picked up: the build, as `npm start` runs it (`node dist/main.js`, the bundle of
 * `scripts/bundle.ts`, with Bolt, Socket Mode and the HTTP receiver inside it), and through
 * `npm start` itself where npm's handling of signals matters.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.ts';
import { FakeSlack, postSlashCommand } from './support/fake-slack.ts';

const SECRET = 'main-test-signing-secret';

/** What `npm test` builds before the tests run. */
const BUILT_MAIN = path.join(PROJECT_ROOT, 'dist', 'main.js');
/** Loading the dictionaries and the search takes a few seconds on a slow machine. */
const START_TIMEOUT_MS = 15_000;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();
let dir: string;

beforeAll(() => {
  // `npm test` builds first; a bare `npx vitest` after editing src/ would test an old build.
  const sources = readdirSync(path.join(PROJECT_ROOT, 'src'), { recursive: true, encoding: 'utf8' });
  const newestSource = Math.max(
    ...sources.map((file) => statSync(path.join(PROJECT_ROOT, 'src', file)).mtimeMs),
  );
  if (!existsSync(BUILT_MAIN) || statSync(BUILT_MAIN).mtimeMs < newestSource) {
    throw new Error(`${BUILT_MAIN} is missing or older than src/: run \`npm run build\` (npm test does).`);
  }
  dir = mkdtempSync(path.join(tmpdir(), 'speech-main-'));
});

afterEach(() => {
  // Only the children this file started, by pid.
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts `node dist/main.js` (or `npm start` when `viaNpm`) with exactly `env` (plus PATH and
 * HOME), stdin a pipe (not a TTY).
 */
function start(env: Record<string, string>, viaNpm = false): Run {
  const [command, args] = viaNpm
    ? ['npm', ['--prefix', PROJECT_ROOT, 'start']]
    : [process.execPath, [BUILT_MAIN]];
  const child = spawn(command as string, args as string[], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      CONTENT_DIR: '',
      DATABASE_PATH: path.join(dir, `bot-${running.size}-${Date.now()}.sqlite`),
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

describe('npm start without Slack credentials and without a terminal', () => {
  it(
    'exits non-zero, naming SLACK_BOT_TOKEN, without a stack trace',
    async () => {
      const run = start({});
      run.child.stdin?.end();
      const code = await run.exited;
      expect(code).not.toBe(0);
      expect(run.stderr()).toContain('SLACK_BOT_TOKEN');
      expect(run.stderr()).toContain('SLACK_APP_TOKEN');
      expect(run.stderr()).not.toMatch(STACK_LINE);
    },
    START_TIMEOUT_MS,
  );
});

describe('npm start with a bad configuration', () => {
  it(
    'exits non-zero, listing every problem, without a stack trace',
    async () => {
      const run = start({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_MODE: 'http', PORT: 'eighty' });
      run.child.stdin?.end();
      expect(await run.exited).not.toBe(0);
      const stderr = run.stderr();
      for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT']) expect(stderr).toContain(name);
      expect(stderr).not.toMatch(STACK_LINE);
    },
    START_TIMEOUT_MS,
  );
});

describe('npm start against Slack (Socket Mode)', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await FakeSlack.start();
  });

  afterAll(async () => {
    await fake?.close();
  });

  it(
    'exits non-zero with a clear message when Slack refuses the app token',
    async () => {
      fake.respond('apps.connections.open', { ok: false, error: 'invalid_auth' });
      try {
        const run = start({
          SLACK_BOT_TOKEN: 'xoxb-main-test',
          SLACK_APP_TOKEN: 'xapp-revoked',
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'error',
        });
        expect(await run.exited).toBe(1);
        expect(run.stderr()).toContain('Slack refused SLACK_APP_TOKEN (invalid_auth)');
        expect(run.stderr()).toContain('App-Level Tokens');
        expect(run.stderr()).not.toMatch(STACK_LINE);
      } finally {
        fake.reset();
      }
    },
    START_TIMEOUT_MS,
  );

  it(
    'exits with a clear message when Slack refuses the bot token',
    async () => {
      fake.respond('auth.test', { ok: false, error: 'invalid_auth' });
      try {
        const run = start({
          SLACK_BOT_TOKEN: 'xoxb-revoked',
          SLACK_APP_TOKEN: 'xapp-main-test',
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'error',
        });
        expect(await run.exited).toBe(1);
        expect(run.stderr()).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
        expect(run.stderr()).not.toMatch(STACK_LINE);
      } finally {
        fake.reset();
      }
    },
    START_TIMEOUT_MS,
  );

  it(
    'exits quickly with a clear message when Slack cannot be reached',
    async () => {
      const run = start({
        SLACK_BOT_TOKEN: 'xoxb-main-test',
        SLACK_APP_TOKEN: 'xapp-main-test',
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        PORT: '0',
        LOG_LEVEL: 'error',
      });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain('Cannot reach Slack at http://127.0.0.1:9/api/');
      expect(run.stderr()).not.toMatch(STACK_LINE);
    },
    START_TIMEOUT_MS,
  );

  it(
    'exits with a message naming DATABASE_PATH when the database cannot be used',
    async () => {
      const damaged = path.join(dir, 'damaged.sqlite');
      writeFileSync(damaged, 'not a database\n'.repeat(500));
      for (const databasePath of [damaged, '/proc/speech-bot/bot.sqlite']) {
        const run = start({
          SLACK_BOT_TOKEN: 'xoxb-main-test',
          SLACK_APP_TOKEN: 'xapp-main-test',
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'error',
          DATABASE_PATH: databasePath,
        });
        expect(await run.exited).toBe(1);
        expect(run.stderr()).toContain('DATABASE_PATH: ');
        expect(run.stderr()).toContain(databasePath);
        expect(run.stderr()).not.toMatch(STACK_LINE);
      }
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    'exits with a message naming PORT when the port is taken',
    async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, resolve));
      const port = (blocker.address() as AddressInfo).port;
      try {
        const run = start({
          SLACK_BOT_TOKEN: 'xoxb-main-test',
          SLACK_APP_TOKEN: 'xapp-main-test',
          SLACK_API_URL: fake.apiUrl,
          PORT: String(port),
          LOG_LEVEL: 'error',
        });
        expect(await run.exited).toBe(1);
        expect(run.stderr()).toContain(`PORT=${port} is already in use`);
        expect(run.stderr()).not.toMatch(STACK_LINE);
      } finally {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      }
    },
    START_TIMEOUT_MS,
  );

  it('connects, answers /speech, and exits 0 promptly on SIGTERM', async () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_APP_TOKEN: 'xapp-main-test',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'error',
    });
    const exitedEarly = run.exited.then((code) => {
      throw new Error(`exited with ${code} before connecting:\n${run.stderr()}`);
    });
    exitedEarly.catch(() => undefined); // it rejects at the SIGTERM below too; only the race cares
    await Promise.race([fake.socket.waitForConnection(1, START_TIMEOUT_MS), exitedEarly]);
    expect((await fake.waitForCall('apps.connections.open')).token).toBe('xapp-main-test');

    const payload = fake.slashCommand({ command: '/speech', text: '档案安全' });
    const ack = await fake.socket.sendPayload('slash_commands', payload);
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect(response.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('档案安全'),
    });

    const stopping = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(run.stderr()).not.toMatch(STACK_LINE);
  }, 30_000);
});

/** GET /healthz; `undefined` when nothing answers. */
async function healthStatus(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) })).status;
  } catch {
    return undefined;
  }
}

/** Waits for the "listening on port N" line and returns N. */
async function listeningPort(run: Run): Promise<number> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const port = /listening on port (\d+)/.exec(run.stdout() + run.stderr())?.[1];
    if (port) return Number(port);
    if (run.child.exitCode !== null) throw new Error(`exited before listening:\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not listening after ${START_TIMEOUT_MS} ms:\n${run.stdout()}\n${run.stderr()}`);
}

describe('npm start in HTTP mode, stopped by SIGTERM', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await FakeSlack.start();
  });

  afterAll(async () => {
    await fake?.close();
  });

  const httpEnv = () => ({
    SLACK_BOT_TOKEN: 'xoxb-main-test',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_DRAIN_SECONDS: '5',
  });

  it('stops the bot itself, not only npm, when npm receives the signal', async () => {
    const run = start(httpEnv(), true);
    const port = await listeningPort(run);
    expect(await healthStatus(port)).toBe(200);
    run.child.kill('SIGTERM');
    await run.exited;
    const deadline = Date.now() + 5_000;
    while ((await healthStatus(port)) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await healthStatus(port)).toBeUndefined();
  }, 30_000);

  it('takes a second signal soon after the first as the same one, and a later one as "exit now"', async () => {
    // Each answer's response_url takes 4 s, so the drain after SIGTERM has something to wait for.
    fake.delayResponseUrls(4_000);
    try {
      const send = async (port: number) => {
        const payload = fake.slashCommand({ command: '/speech', text: '档案安全' });
        const url = `http://127.0.0.1:${port}/slack/events`;
        expect((await postSlashCommand(url, payload, { signingSecret: SECRET })).status).toBe(200);
        return FakeSlack.responseIdOf(payload.response_url);
      };
      const env = { ...httpEnv(), SHUTDOWN_DRAIN_SECONDS: '30' };
      // npm passes on a Ctrl-C the bot also got: two signals at once are one request to stop.
      const patient = start(env);
      const answer = await send(await listeningPort(patient));
      patient.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      patient.child.kill('SIGTERM');
      expect(await patient.exited).toBe(0);
      expect(fake.responses().some((response) => response.id === answer)).toBe(true);
      // Asked again later: the operator will not wait for the drain.
      const impatient = start(env);
      await send(await listeningPort(impatient));
      impatient.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      impatient.child.kill('SIGTERM');
      expect(await impatient.exited).toBe(1);
      expect(impatient.stdout() + impatient.stderr()).toContain('SIGTERM again: exiting without waiting');
    } finally {
      fake.delayResponseUrls(0);
    }
  }, 40_000);

  it('answers every acked command of a burst when SIGTERM comes in the middle', async () => {
    fake.delayResponseUrls(300);
    try {
      const run = start(httpEnv(), true);
      const port = await listeningPort(run);
      const url = `http://127.0.0.1:${port}/slack/events`;
      const acked: string[] = [];
      let sent = 0;
      const sendOne = async () => {
        const payload = fake.slashCommand({ command: '/speech', text: '档案安全' });
        sent++;
        if (sent === 100) run.child.kill('SIGTERM');
        const result = await postSlashCommand(url, payload, { signingSecret: SECRET }).catch(() => undefined);
        if (result?.status === 200) acked.push(FakeSlack.responseIdOf(payload.response_url));
      };
      const workers = Array.from({ length: 20 }, async () => {
        while (sent < 400) await sendOne();
      });
      await Promise.all(workers);
      expect(await run.exited).toBe(0);
      expect(acked.length).toBeGreaterThan(50);
      const answered = new Set(fake.responses().map((response) => response.id));
      expect(acked.filter((id) => !answered.has(id))).toEqual([]);
    } finally {
      fake.delayResponseUrls(0);
    }
  }, 60_000);
});
