import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { postOutcome } from '../../src/slack/daily.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { FakeClock } from '../daily/fake-clock.ts';
import { appHomeOpenedEvent, FakeSlack, type RecordedCall } from '../support/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, CapturingLogger, COMMAND, speechDeps } from './harness.ts';

// 2026-11-26 is a Thursday; 00:30 UTC is 08:30 in Shanghai.
const THURSDAY_0830_SHANGHAI = '2026-11-26T00:30:00Z';

interface Running {
  fake: FakeSlack;
  bot: RunningBot;
  clock: FakeClock;
  databasePath: string;
  logger: CapturingLogger;
}

const opened: Running[] = [];

async function start(
  options: { clock?: FakeClock; databasePath?: string; fake?: FakeSlack; env?: Record<string, string> } = {},
): Promise<Running> {
  const fake = options.fake ?? (await FakeSlack.start());
  const databasePath =
    options.databasePath ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'daily-')), 'bot.sqlite');
  const clock = options.clock ?? new FakeClock(THURSDAY_0830_SHANGHAI);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
    DATABASE_PATH: databasePath,
    ...options.env,
  });
  if (!config.slack) throw new Error('no Slack config');
  const logger = new CapturingLogger();
  const bot = await startBot({ ...config, slack: config.slack }, speechDeps().search, {
    clock: clock.clock,
    timers: clock.timers,
    logger,
  });
  const running = { fake, bot, clock, databasePath, logger };
  opened.push(running);
  return running;
}

async function stop(running: Running): Promise<void> {
  opened.splice(opened.indexOf(running), 1);
  await running.bot.stop();
}

afterEach(async () => {
  const fakes = new Set(opened.map((running) => running.fake));
  for (const running of [...opened]) await stop(running);
  for (const fake of fakes) await fake.close();
});

async function daily(
  running: Running,
  text: string,
  options: { channel?: string; user?: string; command?: string } = {},
) {
  const { fake } = running;
  const payload = fake.slashCommand({
    command: options.command ?? COMMAND,
    text: `daily ${text}`.trim(),
    channel_id: options.channel ?? 'C1',
    user_id: options.user ?? 'U1',
  });
  await fake.socket.sendPayload('slash_commands', payload);
  const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
  return response.body as { response_type?: string; text?: string };
}

const dailyPosts = (fake: FakeSlack, channel = 'C1') =>
  fake
    .calls('chat.postMessage')
    .filter((call: RecordedCall) => call.args.channel === channel && call.status === 200);

describe('/speech daily', () => {
  it('subscribes the channel in the user’s Slack time zone and tells the whole channel', async () => {
    const running = await start();
    running.fake.setUser('U1', { tz: 'Europe/Berlin' });
    const reply = await daily(running, '09:00');
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toContain('<@U1>');
    expect(reply.text).toContain('09:00 Europe/Berlin');
    const subscription = await running.bot.store.getSubscription('C1');
    expect(subscription).toMatchObject({ timeZone: 'Europe/Berlin', days: 'weekdays', createdBy: 'U1' });
  });

  it.each(['Foo/Bar', ''])(
    'uses DEFAULT_TZ when the user’s Slack zone is "%s", one this runtime does not know',
    async (tz) => {
      const running = await start({ env: { DEFAULT_TZ: 'Asia/Tokyo' } });
      running.fake.setUser('U1', { tz });
      const reply = await daily(running, '09:00');
      expect(reply.text).toContain('09:00 Asia/Tokyo');
      expect(await running.bot.store.getSubscription('C1')).toMatchObject({ timeZone: 'Asia/Tokyo' });
      expect((await daily(running, '')).text).toContain('09:00 Asia/Tokyo');
    },
  );

  it('leaves a stored subscription whose zone this runtime does not know to a replica that knows it, says so, and keeps the others', async () => {
    const running = await start();
    // As another replica on a newer Node (newer time zone data) could have stored it.
    await running.bot.store.upsertSubscription({
      channelId: 'C1',
      teamId: 'T1',
      time: { hour: 9, minute: 0 },
      timeZone: 'Mars/Olympus_Mons',
      days: 'everyday',
      createdBy: 'U1',
    });
    await daily(running, '09:00 Asia/Shanghai', { channel: 'C2' });
    expect((await daily(running, '')).text).toContain('does not know that time zone');
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C2');
    await running.clock.advanceTo('2026-11-26T03:00:00Z');
    expect(dailyPosts(running.fake, 'C1')).toHaveLength(0);
    // Not paused in the shared store: a replica on a newer Node may post it. Logged once here.
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({ paused: false });
    expect(running.fake.calls('chat.postMessage').filter((call) => call.args.channel === 'U1')).toHaveLength(
      0,
    );
    expect(
      running.logger.lines().filter((line) => line.includes('time zone unknown to this runtime')),
    ).toHaveLength(1);
    // Subscribing again with a zone it knows resumes it.
    expect((await daily(running, '09:00 Asia/Shanghai')).text).toContain('09:00 Asia/Shanghai');
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({ paused: false });
  });

  it('takes a named zone and "everyday", and shows the settings with the next post time', async () => {
    const running = await start();
    await daily(running, '08:30 Asia/Tokyo everyday');
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({
      timeZone: 'Asia/Tokyo',
      days: 'everyday',
    });
    const shown = await daily(running, '');
    expect(shown.response_type).toBe('ephemeral');
    expect(shown.text).toContain('08:30 Asia/Tokyo');
    expect(shown.text).toMatch(/Next post/);
  });

  it.each(['25:00', '9', '9:00am', '09:00 Mars/Base', '09:00 CST', '09:00 sometimes'])(
    'answers "%s" with the usage, privately',
    async (text) => {
      const running = await start();
      const reply = await daily(running, text);
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain('Usage');
      expect(await running.bot.store.getSubscription('C1')).toBeUndefined();
    },
  );

  it('reads "daily" typed with a full-width keyboard as the daily command', async () => {
    const running = await start();
    const payload = running.fake.slashCommand({
      command: COMMAND,
      text: 'ｄａｉｌｙ ０９:００',
      channel_id: 'C1',
      user_id: 'U1',
    });
    await running.fake.socket.sendPayload('slash_commands', payload);
    const reply = await running.fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect((reply.body as { text?: string }).text).toContain('为本频道订阅了每日一读');
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({ time: { hour: 9, minute: 0 } });
  });

  it('says how to invite the bot when it is not in the channel', async () => {
    const running = await start();
    running.fake.respond('conversations.info', {
      ok: true,
      channel: { id: 'C2', is_channel: true, is_member: false },
    });
    const reply = await daily(running, '09:00', { channel: 'C2' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('/invite @speechbot');
    expect(await running.bot.store.getSubscription('C2')).toBeUndefined();
  });

  for (const [what, fail] of [
    [
      'answers HTTP 500',
      (fake: FakeSlack) => fake.respond('conversations.info', { ok: false }, { status: 500 }),
    ],
    [
      'rate-limits',
      (fake: FakeSlack) => fake.rateLimit('conversations.info', { times: 10, retryAfterSeconds: 60 }),
    ],
    ['hangs', (fake: FakeSlack) => fake.respond('conversations.info', { ok: true }, { delayMs: 30_000 })],
  ] as const) {
    it(`says "try again" within seconds when conversations.info ${what}`, async () => {
      const running = await start();
      fail(running.fake);
      const started = Date.now();
      const reply = await daily(running, '09:00');
      expect(Date.now() - started).toBeLessThan(9_000);
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain('try again');
      expect(await running.bot.store.getSubscription('C1')).toBeUndefined();
      if (what !== 'rate-limits') {
        // Every retry leaves a line (the Web API client's default policy retried silently).
        expect(running.logger.entries.map((entry) => entry.text).join('\n')).toMatch(
          /Slack read failed.*retrying/,
        );
      }
    }, 15_000);
  }

  it('in the DAILY_CHANNEL channel, says configuration sets it rather than accept a change a restart would undo', async () => {
    const running = await start({ env: { DAILY_CHANNEL: 'C9', DAILY_TIME: '09:00' } });
    for (const text of ['10:30 everyday Europe/Berlin', 'off']) {
      const reply = await daily(running, text, { channel: 'C9' });
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain('DAILY_CHANNEL');
    }
    expect(await running.bot.store.getSubscription('C9')).toMatchObject({
      time: { hour: 9, minute: 0 },
      createdBy: 'config',
      paused: false,
    });
    expect((await daily(running, '', { channel: 'C9' })).text).toContain('09:00');
    // Other channels are set by their own commands.
    expect((await daily(running, '10:30', { channel: 'C1' })).response_type).toBe('in_channel');
  });

  it('a DAILY_CHANNEL changed or removed stops the old channel’s excerpt at the next start, and no other', async () => {
    const first = await start({ env: { DAILY_CHANNEL: 'C9' } });
    const { databasePath, fake } = first;
    expect((await daily(first, '10:30', { channel: 'C1' })).response_type).toBe('in_channel');
    await stop(first);

    const moved = await start({ databasePath, fake, env: { DAILY_CHANNEL: 'C8' } });
    expect(await moved.bot.store.getSubscription('C9')).toBeUndefined();
    expect(await moved.bot.store.getSubscription('C8')).toMatchObject({ createdBy: 'config' });
    await stop(moved);

    const unset = await start({ databasePath, fake });
    expect((await unset.bot.store.listSubscriptions()).map((subscription) => subscription.channelId)).toEqual(
      ['C1'],
    );
  });

  it('"off" stops it, visibly to the channel', async () => {
    const running = await start();
    await daily(running, '09:00');
    const reply = await daily(running, 'off');
    expect(reply.response_type).toBe('in_channel');
    expect(await running.bot.store.getSubscription('C1')).toBeUndefined();
  });
});

describe('a renamed slash command (SLASH_COMMAND)', () => {
  it('answers under the new name and names it in the daily usage', async () => {
    const running = await start({ env: { SLASH_COMMAND: '/rede' } });
    const reply = await daily(running, '25:00', { command: '/rede' });
    expect(reply.text).toContain('`/rede daily 09:00`');
    expect(reply.text).not.toContain('/speech');
  });
});

describe('the daily post', () => {
  it('posts at the time in the channel’s zone, once, and the next passage the next working day', async () => {
    const running = await start();
    await daily(running, '09:00');
    expect(dailyPosts(running.fake)).toHaveLength(0);

    await running.clock.advanceTo('2026-11-26T01:00:00Z'); // 09:00 Shanghai
    const first = await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C1');
    const firstText = String(first.args.text);
    expect(firstText).toContain('每日一读 · 11月26日');
    expect(JSON.stringify(first.args.blocks)).toContain('daily_context');

    await running.clock.advanceTo('2026-11-26T08:00:00Z');
    expect(dailyPosts(running.fake)).toHaveLength(1);

    await running.clock.advanceTo('2026-11-27T01:00:00Z'); // Friday 09:00
    await running.fake.waitForCall('chat.postMessage', (call) => String(call.args.text).includes('11月27日'));
    const posts = dailyPosts(running.fake);
    expect(posts).toHaveLength(2);
    expect(String(posts[1]?.args.text)).not.toBe(firstText);
  });

  it('does not post twice after a restart on the same day', async () => {
    const running = await start();
    await daily(running, '09:00');
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C1');
    await stop(running);

    const clock = new FakeClock('2026-11-26T02:00:00Z');
    const restarted = await start({ fake: running.fake, databasePath: running.databasePath, clock });
    await restarted.clock.advanceTo('2026-11-26T10:00:00Z');
    await restarted.bot.scheduler.runDue(restarted.clock.now());
    expect(dailyPosts(running.fake)).toHaveLength(1);
  });

  it('makes a post missed while the bot was down when it comes back the same day', async () => {
    const running = await start();
    await daily(running, '09:00');
    await stop(running);

    const clock = new FakeClock('2026-11-26T05:00:00Z'); // 13:00 Shanghai: 09:00 was missed
    await start({ fake: running.fake, databasePath: running.databasePath, clock });
    await running.fake.waitForCall('chat.postMessage', (call) => String(call.args.text).includes('11月26日'));
    expect(dailyPosts(running.fake)).toHaveLength(1);
  });

  it('pauses the subscription and tells the subscriber by DM when the bot was removed', async () => {
    const running = await start();
    await daily(running, '09:00');
    running.fake.respond('chat.postMessage', ({ args }) =>
      args.channel === 'C1'
        ? { ok: false, error: 'not_in_channel' }
        : { ok: true, channel: args.channel, ts: '1.1' },
    );
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    const dm = await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U1');
    expect(String(dm.args.text)).toContain('not_in_channel');
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({
      paused: true,
      pausedReason: 'not_in_channel',
    });
  });

  it.each([
    ['not_in_channel', 'pause'],
    ['channel_not_found', 'pause'],
    ['is_archived', 'pause'],
    ['restricted_action', 'pause'],
    ['restricted_action_read_only_channel', 'pause'],
    ['restricted_action_thread_only_channel', 'pause'],
    ['ratelimited', 'retry'],
    ['rate_limited', 'retry'],
    ['service_unavailable', 'retry'],
    ['request_timeout', 'retry'],
    ['internal_error', 'give_up'],
    ['fatal_error', 'give_up'],
    ['slack_webapi_request_error', 'give_up'],
  ] as const)('takes a post refused with %s as %s', (code, outcome) => {
    expect(postOutcome(code)).toBe(outcome);
  });

  it('retries any refusal that says how long to wait', () => {
    expect(postOutcome('something_new', 30_000)).toBe('retry');
  });

  it('pauses on a read-only channel, tries again after service_unavailable, and gives up the day on internal_error', async () => {
    const running = await start();
    for (const channel of ['C1', 'C2', 'C3']) await daily(running, '09:00', { channel });
    const refusals: Record<string, string> = {
      C1: 'restricted_action_read_only_channel',
      C2: 'service_unavailable',
      C3: 'internal_error',
    };
    running.fake.respond('chat.postMessage', ({ args }) => {
      const error = refusals[String(args.channel)];
      return error ? { ok: false, error } : { ok: true, channel: args.channel, ts: '1.1' };
    });
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U1');
    expect(await running.bot.store.getSubscription('C1')).toMatchObject({ paused: true });
    expect(await running.bot.store.getPost('C2', '2026-11-26')).toMatchObject({ status: 'failed' });
    expect((await running.bot.store.getPost('C2', '2026-11-26'))?.retryAt).toBeInstanceOf(Date);
    expect(await running.bot.store.getPost('C3', '2026-11-26')).toMatchObject({ status: 'failed' });
    expect((await running.bot.store.getPost('C3', '2026-11-26'))?.retryAt ?? null).toBeNull();
    expect(await running.bot.store.getSubscription('C2')).toMatchObject({ paused: false });
  });

  it('retries a rate-limited post later and posts it once', async () => {
    const running = await start();
    await daily(running, '09:00');
    running.fake.rateLimit('chat.postMessage', { times: 1, retryAfterSeconds: 5 });
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    await running.fake.waitForCall('chat.postMessage', (call) => call.status === 429);
    await running.clock.advanceTo('2026-11-26T01:00:10Z');
    await running.fake.waitForCall(
      'chat.postMessage',
      (call) => call.status === 200 && call.args.channel === 'C1',
    );
    expect(dailyPosts(running.fake)).toHaveLength(1);
  });

  it('posts the text alone, once, when Slack refuses the excerpt’s blocks, and logs it', async () => {
    const running = await start();
    await daily(running, '09:00');
    running.fake.respondOnce('chat.postMessage', { ok: false, error: 'invalid_blocks' });
    await running.clock.advanceTo('2026-11-26T01:00:00Z');
    const textOnly = await running.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === 'C1' && call.args.blocks === undefined,
    );
    expect(String(textOnly.args.text)).toContain('每日一读');
    expect(running.logger.entries.map((entry) => entry.text).join('\n')).toContain(
      'refused the blocks (invalid_blocks) in C1',
    );
    await running.clock.advanceTo('2026-11-26T02:00:00Z');
    expect(dailyPosts(running.fake).filter((call) => call.response.ok)).toHaveLength(1);
  });

  it('posts to the other channels on time while one channel’s post hangs', async () => {
    const running = await start();
    for (const channel of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) await daily(running, '09:00', { channel });
    // The first post (C1's: channels go in id order) hangs for 20 s; the others must not wait.
    running.fake.respond(
      'chat.postMessage',
      { ok: true, channel: 'C1', ts: '1.2' },
      { times: 1, delayMs: 20_000 },
    );
    const started = Date.now();
    void running.clock.advanceTo('2026-11-26T01:00:00Z');
    for (const channel of ['C2', 'C3', 'C4', 'C5', 'C6']) {
      await running.fake.waitForCall(
        'chat.postMessage',
        (call) => call.args.channel === channel && call.status === 200,
      );
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it('stops within the drain time while a daily post hangs, and posts nothing after', async () => {
    const running = await start({ env: { SHUTDOWN_DRAIN_SECONDS: '1' } });
    const channels = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
    for (const channel of channels) await daily(running, '09:00', { channel });
    running.fake.respond('chat.postMessage', { ok: true, channel: 'C1', ts: '1.2' }, { delayMs: 20_000 });
    void running.clock.advanceTo('2026-11-26T01:00:00Z');
    // Four lanes: four posts start and hang; the other two channels wait for a lane.
    for (const channel of channels.slice(0, 4)) {
      await running.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
    }
    const posts = running.fake.calls('chat.postMessage').length;
    expect(posts).toBe(4);
    const started = Date.now();
    await stop(running);
    expect(Date.now() - started).toBeLessThan(3_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.fake.calls('chat.postMessage')).toHaveLength(posts);
  }, 30_000);

  /** The App Home view published for `user`, as JSON text. */
  async function homeOf(running: Running, user: string): Promise<string> {
    await running.fake.socket.sendPayload(
      'events_api',
      running.fake.eventCallback(appHomeOpenedEvent({ user })),
    );
    const publish = await running.fake.waitForCall('views.publish', (call) => call.args.user_id === user);
    return JSON.stringify(publish.args.view);
  }

  it('lists in the App Home the subscriptions of channels the user is in', async () => {
    const running = await start();
    running.fake.setMembers('C1', ['U1']);
    await daily(running, '09:00');
    const view = await homeOf(running, 'U1');
    expect(view).toContain('每日一读 Daily excerpts');
    expect(view).toContain('<#C1>');
  });

  it('shows nobody the subscriptions of channels and DMs they are not in', async () => {
    const running = await start();
    running.fake.setMembers('C1', ['U1']);
    await daily(running, '09:00');
    await daily(running, '10:00', { channel: 'D3', user: 'U3' });
    const outsider = await homeOf(running, 'U2');
    expect(outsider).not.toContain('<#C1>');
    expect(outsider).not.toContain('D3');
    const member = await homeOf(running, 'U1');
    expect(member).toContain('<#C1>');
    expect(member).not.toContain('D3');
    expect(await homeOf(running, 'U3')).toContain('D3');
  });

  it('hides a subscription whose members Slack will not list', async () => {
    const running = await start();
    await daily(running, '09:00');
    running.fake.respond('conversations.members', { ok: false, error: 'missing_scope' });
    const home = await homeOf(running, 'U1');
    expect(home).not.toContain('<#C1>');
    // Hidden is not absent: the viewer is not told to subscribe a channel that already is.
    expect(home).toContain('did not say whether you are in the channel of one subscription');
    expect(home).not.toContain('No channel subscribes yet');
  });

  it('leaves out, without a "check again" notice, a subscription of a channel the bot can no longer read', async () => {
    const running = await start();
    await daily(running, '09:00');
    // The bot was removed from a private channel: Slack answers as if it did not exist.
    running.fake.respond('conversations.members', { ok: false, error: 'channel_not_found' });
    const home = await homeOf(running, 'U1');
    expect(home).not.toContain('<#C1>');
    expect(home).not.toContain('did not say whether you are in the channel');
    expect(home).toContain('No channel subscribes yet');
  });
});

describe('/healthz', () => {
  it('reports 200 while the store works, and 503 once it cannot be used, logging the file but not showing it', async () => {
    const running = await start();
    const url = `http://127.0.0.1:${running.bot.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    await running.bot.store.close();
    // Checks are cached for a few seconds: a load balancer polling often must not keep the database busy.
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false });
    expect(running.logger.errors().join('\n')).toContain(running.databasePath);
  }, 15_000);
});

describe('two bots on one database', () => {
  it('post once between them', async () => {
    const fake = await FakeSlack.start();
    const first = await start({ fake });
    await daily(first, '09:00');
    const second = await start({
      fake,
      databasePath: first.databasePath,
      clock: new FakeClock(THURSDAY_0830_SHANGHAI),
    });
    await Promise.all([
      first.clock.advanceTo('2026-11-26T01:00:00Z'),
      second.clock.advanceTo('2026-11-26T01:00:00Z'),
    ]);
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C1');
    await Promise.all([
      first.bot.scheduler.runDue(first.clock.now()),
      second.bot.scheduler.runDue(second.clock.now()),
    ]);
    expect(dailyPosts(fake)).toHaveLength(1);
    const store = new SqliteStore(first.databasePath);
    expect((await store.getPost('C1', '2026-11-26'))?.status).toBe('posted');
    store.close();
  });
});
