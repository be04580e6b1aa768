/**
 * Several replicas: two bot processes in HTTP mode on one PostgreSQL database, with a
 * round-robin proxy in front, as the README's "Several replicas" section describes. Slack is the
 * fake on 127.0.0.1; PostgreSQL a throwaway cluster (test/support/postgres.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { appMentionEvent, FakeSlack, postEvent, postSlashCommand } from './support/fake-slack.ts';
import { startFreezingProxy } from './support/freezing-proxy.ts';
import { postgresUnavailableReason, startPostgres, type TestPostgres } from './support/postgres.ts';

const SECRET = 'replica-test-signing-secret';
const MAIN = path.join(PROJECT_ROOT, 'src', 'main.ts');
const START_TIMEOUT_MS = 20_000;

interface Replica {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<unknown>;
}

const children = new Set<ChildProcess>();

/** Starts `node --import tsx src/main.ts` in HTTP mode on the shared database; resolves once it listens. */
async function startReplica(
  fake: FakeSlack,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? PROJECT_ROOT,
      SLACK_BOT_TOKEN: 'xoxb-replica-test',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      DEFAULT_TZ: 'UTC',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const port = /listening on port (\d+)/.exec(output)?.[1];
    if (port) return { child, port: Number(port), output: () => output, exited };
    if (child.exitCode !== null) throw new Error(`replica exited before listening:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`replica not listening after ${START_TIMEOUT_MS} ms:\n${output}`);
}

/** A load balancer in miniature: each request goes to the next replica in turn. */
async function roundRobin(ports: () => number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const targets = ports();
    const port = targets[next++ % targets.length];
    const upstream = request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The first minute (HH:MM, UTC) starting at least `leadMs` from now, and how long until it starts. */
function slotAhead(leadMs: number): { waitMs: number; slot: string } {
  const now = Date.now();
  const start = new Date(now + leadMs);
  if (start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) {
    start.setUTCSeconds(0, 0);
    start.setUTCMinutes(start.getUTCMinutes() + 1);
  }
  return { waitMs: start.getTime() - now, slot: start.toISOString().slice(11, 16) };
}

// Under REQUIRE_POSTGRES=1 (CI) nothing is skipped: startPostgres() fails instead.
const unavailable = process.env.REQUIRE_POSTGRES === '1' ? undefined : postgresUnavailableReason();
if (unavailable) console.warn(`Replica tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('two replicas on one PostgreSQL database', () => {
  let postgres: TestPostgres;
  let fake: FakeSlack;

  beforeAll(async () => {
    const started = await startPostgres();
    if (!started) throw new Error('PostgreSQL became unavailable');
    postgres = started;
    fake = await FakeSlack.start();
  }, 60_000);

  afterEach(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    children.clear();
    fake.reset();
  });

  afterAll(async () => {
    await fake?.close();
    await postgres?.close();
  });

  it('report a database that stops answering as down, and stop on SIGTERM all the same', async () => {
    const proxy = await startFreezingProxy(new URL(await postgres.newDatabase()));
    try {
      const replica = await startReplica(fake, proxy.url, { SHUTDOWN_DRAIN_SECONDS: '1' });
      const health = () =>
        fetch(`http://127.0.0.1:${replica.port}/healthz`).then((response) => response.status);
      expect(await health()).toBe(200);
      // A frozen host or a silent network: connections stay open, nothing comes back.
      proxy.freeze();
      await new Promise((resolve) => setTimeout(resolve, 5_100)); // past the cached result
      // Within the check's 3 s deadline, well before the driver's own (7 s); polls that come
      // meanwhile share the one check.
      const polls = await Promise.all(
        [1, 2, 3].map(() =>
          fetch(`http://127.0.0.1:${replica.port}/healthz`, { signal: AbortSignal.timeout(5_000) }),
        ),
      );
      expect(polls.map((response) => response.status)).toEqual([503, 503, 503]);
      expect(replica.output().split('Health check failed').length - 1).toBe(1);
      replica.child.kill('SIGTERM');
      await replica.exited;
      expect(replica.child.exitCode).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 40_000);

  it('answer 50 mentions and their 50 retries with exactly 50 replies', async () => {
    const databaseUrl = await postgres.newDatabase();
    const replicas = [await startReplica(fake, databaseUrl), await startReplica(fake, databaseUrl)];
    const proxy = await roundRobin(() => replicas.map((replica) => replica.port));
    try {
      const channels: string[] = [];
      for (let i = 0; i < 50; i++) {
        const channel = `CMENTION${i}`;
        channels.push(channel);
        const payload = fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel }));
        // The original to one replica, Slack's retry of it (same event id) to the other.
        const [first, retry] = await Promise.all([
          postEvent(`${proxy.url}/slack/events`, payload, { signingSecret: SECRET }),
          postEvent(`${proxy.url}/slack/events`, payload, {
            signingSecret: SECRET,
            retryNum: 1,
            retryReason: 'http_timeout',
          }),
        ]);
        expect([first.status, retry.status]).toEqual([200, 200]);
      }
      for (const channel of channels) {
        await fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel, 15_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const replies = fake
        .calls('chat.postMessage')
        .filter((call) => channels.includes(String(call.args.channel)));
      expect(replies).toHaveLength(50);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('post each of 20 subscribed channels exactly once, and carry on when one replica is killed mid-pass', async () => {
    // Two pairs of replicas, each on its own database, so both cases share one wait for the slot.
    const calm = await postgres.newDatabase();
    const stormy = await postgres.newDatabase();
    const [calmA, calmB, stormyA, stormyB] = await Promise.all([
      startReplica(fake, calm),
      startReplica(fake, calm),
      startReplica(fake, stormy),
      startReplica(fake, stormy),
    ]);
    const proxy = await roundRobin(() => [stormyA.port, stormyB.port]);
    try {
      // Time to subscribe 40 channels before the slot comes, even on a busy machine.
      const { waitMs, slot } = slotAhead(40_000);
      const slotStarts = Date.now() + waitMs;
      const calmChannels = Array.from({ length: 20 }, (_, i) => `CCALM${String(i).padStart(2, '0')}`);
      const stormyChannels = Array.from({ length: 20 }, (_, i) => `CSTORM${String(i).padStart(2, '0')}`);
      const subscribe = async (eventsUrl: string, channel: string) => {
        const payload = fake.slashCommand({
          command: '/speech',
          text: `daily ${slot} everyday UTC`,
          channel_id: channel,
        });
        expect((await postSlashCommand(eventsUrl, payload, { signingSecret: SECRET })).status).toBe(200);
        const reply = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
        expect(JSON.stringify(reply.body)).toContain(slot);
      };
      await Promise.all([
        // The calm pair: every subscription made through replica A.
        ...calmChannels.map((channel) => subscribe(`http://127.0.0.1:${calmA.port}/slack/events`, channel)),
        // The stormy pair: through the load balancer, so both replicas have the slot in view.
        ...stormyChannels.map((channel) => subscribe(`${proxy.url}/slack/events`, channel)),
      ]);
      // A subscription made after its slot starts tomorrow: the test would wait in vain.
      expect(Date.now(), 'subscribing took until the slot').toBeLessThan(slotStarts - 1_000);

      // Posts take a while, so a pass is still going when a replica is killed.
      fake.respond(
        'chat.postMessage',
        ({ args }) => ({ ok: true, channel: String(args.channel), ts: '1.1' }),
        {
          delayMs: 1_500,
        },
      );
      await fake.waitForCall(
        'chat.postMessage',
        (call) => stormyChannels.includes(String(call.args.channel)),
        waitMs + 30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      stormyA.child.kill('SIGKILL');
      await stormyA.exited;
      const killedPid = String(stormyA.child.pid);
      const claimedByKilled = (instanceId: string) => instanceId.split(':')[1] === killedPid;
      const date = new Date().toISOString().slice(0, 10);

      const outcome = async (databaseUrl: string, channels: string[]) => {
        const store = await PostgresStore.open(databaseUrl);
        try {
          const deadline = Date.now() + 60_000;
          for (;;) {
            const records = await Promise.all(channels.map((channel) => store.getPost(channel, date)));
            const done = records.every(
              (record) => record && (record.status === 'posted' || claimedByKilled(record.instanceId)),
            );
            if (done || Date.now() > deadline) return records;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        } finally {
          await store.close();
        }
      };
      const postsTo = (channels: string[]) =>
        fake
          .calls('chat.postMessage')
          .map((call) => String(call.args.channel))
          .filter((channel) => channels.includes(channel));

      // Calm: each of the 20 channels posted exactly once, by either replica.
      const calmRecords = await outcome(calm, calmChannels);
      expect(calmRecords.map((record) => record?.status)).toEqual(calmChannels.map(() => 'posted'));
      expect(postsTo(calmChannels).sort()).toEqual([...calmChannels].sort());

      // Stormy: nothing posted twice; every channel the killed replica had not claimed was posted
      // by the other; what the killed one had claimed is lost rather than risked twice.
      const stormyRecords = await outcome(stormy, stormyChannels);
      const posted = postsTo(stormyChannels);
      expect(new Set(posted).size).toBe(posted.length);
      for (const [i, record] of stormyRecords.entries()) {
        const channel = stormyChannels[i] as string;
        expect(record, channel).toBeDefined();
        if (record && !claimedByKilled(record.instanceId)) {
          expect(record.status, channel).toBe('posted');
          expect(posted, channel).toContain(channel);
        }
      }
      expect(
        stormyRecords.filter((record) => record && !claimedByKilled(record.instanceId)).length,
      ).toBeGreaterThan(10);
      expect(stormyB.child.exitCode).toBeNull();
      expect(calmB.child.exitCode).toBeNull();
    } finally {
      await proxy.close();
    }
  }, 240_000);
});
