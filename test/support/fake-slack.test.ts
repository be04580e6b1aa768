import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type MessageShortcut, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appMentionEvent,
  FakeSlack,
  postEvent,
  postInteractive,
  postSlashCommand,
  signSlackRequest,
} from './fake-slack.ts';

const BOT_TOKEN = 'xoxb-test-token';
const APP_TOKEN = 'xapp-1-test-token';
const SIGNING_SECRET = 'test-signing-secret';

/** Registers the trivial listeners both modes exercise. */
function addListeners(app: App): void {
  app.command('/echo', async ({ command, ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: `echo: ${command.text}` });
  });
  // Acks with a payload: Slack shows it as the command's immediate response.
  app.command('/inline', async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', text: `inline: ${command.text}` });
  });
  app.event('app_mention', async ({ event, client }) => {
    const text = `you said: ${event.text}`;
    try {
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.ts,
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
      });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? 'unknown';
      await client.chat.postEphemeral({
        channel: event.channel,
        user: event.user ?? '',
        text: `failed: ${code}`,
      });
    }
  });
  app.action('press', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'pressed' });
  });
  app.shortcut<MessageShortcut>(
    { callback_id: 'quote', type: 'message_action' },
    async ({ shortcut, ack, respond }) => {
      await ack();
      const { message, channel } = shortcut;
      await respond({
        response_type: 'ephemeral',
        text: `quoted: ${message.text} (${channel.id}, thread ${message.thread_ts ?? message.ts})`,
      });
    },
  );
}

describe('FakeSlack with a Socket Mode Bolt app', () => {
  let fake: FakeSlack;
  let app: App;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: fake.clientOptions(),
    });
    addListeners(app);
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('connects: auth.test with the bot token, apps.connections.open with the app token, then hello', async () => {
    expect(fake.socket.connected).toBe(true);
    expect(fake.socket.connectionCount).toBe(1);
    const auth = await fake.waitForCall('auth.test');
    expect(auth.token).toBe(BOT_TOKEN);
    const open = await fake.waitForCall('apps.connections.open');
    expect(open.token).toBe(APP_TOKEN);
  });

  it('acks a slash command and the listener POSTs to the response_url', async () => {
    const payload = fake.slashCommand({ command: '/echo', text: '学而时习之' });
    const ack = await fake.socket.sendPayload('slash_commands', payload);
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect(response.body).toEqual({ response_type: 'ephemeral', text: 'echo: 学而时习之' });
  });

  it('carries an ack payload back over the socket', async () => {
    const ack = await fake.socket.sendPayload(
      'slash_commands',
      fake.slashCommand({ command: '/inline', text: 'hi' }),
    );
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'inline: hi' });
  });

  it('acks an events_api envelope at once and records the chat.postMessage the listener makes', async () => {
    const event = appMentionEvent({ text: '<@UBOT> hello', channel: 'C42', user: 'U7' });
    const ack = await fake.socket.sendPayload('events_api', fake.eventCallback(event));
    expect(ack.payload).toEqual({});
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    expect(call.token).toBe(BOT_TOKEN);
    expect(call.args).toMatchObject({
      channel: 'C42',
      thread_ts: event.ts,
      text: 'you said: <@UBOT> hello',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'you said: <@UBOT> hello' } }],
    });
    expect(call.response).toMatchObject({ ok: true, channel: 'C42' });
  });

  it('serves overridden errors to the app', async () => {
    fake.respondOnce('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const event = appMentionEvent({ text: '<@UBOT> anyone?', channel: 'C9', user: 'U3' });
    await fake.socket.sendPayload('events_api', fake.eventCallback(event));
    const ephemeral = await fake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'C9');
    expect(ephemeral.args).toMatchObject({ user: 'U3', text: 'failed: not_in_channel' });
  });

  it('rate limits with 429 + Retry-After, which the WebClient waits out and retries', async () => {
    fake.rateLimit('chat.postMessage', { times: 1, retryAfterSeconds: 1 });
    const event = appMentionEvent({ text: '<@UBOT> busy?', channel: 'C77' });
    const started = Date.now();
    await fake.socket.sendPayload('events_api', fake.eventCallback(event));
    const ok = await fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C77' && c.status === 200,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const statuses = fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === 'C77')
      .map((c) => c.status);
    expect(statuses).toEqual([429, 200]);
    expect(ok.response.ok).toBe(true);
  });

  it('acks block_actions and the listener responds via response_url', async () => {
    const payload = fake.blockActions({ actions: [{ action_id: 'press', value: 'v1' }] });
    const ack = await fake.socket.sendPayload('interactive', payload);
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(String(payload.response_url)));
    expect(response.body).toEqual({ replace_original: true, text: 'pressed' });
  });

  it('acks a message shortcut (an interactive envelope) and the listener responds via response_url', async () => {
    const payload = fake.messageShortcut({
      callbackId: 'quote',
      text: '温故而知新',
      channel: 'C8',
      threadTs: '1.5',
    });
    const ack = await fake.socket.sendPayload('interactive', payload);
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect(response.body).toEqual({
      response_type: 'ephemeral',
      text: 'quoted: 温故而知新 (C8, thread 1.5)',
    });
  });
});

describe('FakeSlack Socket Mode reconnects', () => {
  let fake: FakeSlack;
  let app: App;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    // App's constructor doesn't expose clientPingTimeout (which is also the reconnect delay, 5 s by default),
    // so build the receiver directly; it needs its own clientOptions to reach the fake.
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 300,
      installerOptions: { clientOptions: fake.clientOptions() },
    });
    app = new App({
      token: BOT_TOKEN,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: fake.clientOptions(),
    });
    addListeners(app);
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('answers client pings, and reconnects after a disconnect message', async () => {
    await fake.socket.waitForConnection(1);
    await new Promise((resolve) => setTimeout(resolve, 250)); // let a couple of 100 ms client pings happen
    expect(fake.socket.pingsReceived).toBeGreaterThan(0);
    fake.socket.disconnect('refresh_requested');
    await fake.socket.waitForConnection(2);
    expect(fake.calls('apps.connections.open')).toHaveLength(2);
    const ack = await fake.socket.sendPayload(
      'slash_commands',
      fake.slashCommand({ command: '/inline', text: 'back' }),
    );
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'inline: back' });
  });
});

describe('FakeSlack with an HTTP-mode Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let eventsUrl: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: fake.clientOptions(),
    });
    addListeners(app);
    // HTTPReceiver#start resolves with the node:http Server (App#start's declared type says so too).
    const server: Server = await app.start({ port: 0, host: '127.0.0.1' });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('signs like Slack does (v0 HMAC-SHA256)', () => {
    // Example from Slack's "Verifying requests from Slack" docs.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618);
    expect(headers).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('accepts a signed slash command: 200 on ack, then the response_url POST', async () => {
    const payload = fake.slashCommand({ command: '/echo', text: 'hello' });
    const result = await postSlashCommand(eventsUrl, payload, { signingSecret: SIGNING_SECRET });
    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect(response.body).toEqual({ response_type: 'ephemeral', text: 'echo: hello' });
  });

  it('returns the ack payload as the HTTP response body', async () => {
    const payload = fake.slashCommand({ command: '/inline', text: 'x' });
    const result = await postSlashCommand(eventsUrl, payload, { signingSecret: SIGNING_SECRET });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ response_type: 'ephemeral', text: 'inline: x' });
  });

  it('rejects a bad signature with 401', async () => {
    const payload = fake.slashCommand({ command: '/echo', text: 'forged' });
    const result = await postSlashCommand(eventsUrl, payload, { signingSecret: 'wrong-secret' });
    expect(result.status).toBe(401);
    expect(fake.responses(FakeSlack.responseIdOf(payload.response_url))).toEqual([]);
  });

  it('rejects a timestamp older than 5 minutes with 401', async () => {
    const payload = fake.slashCommand({ command: '/echo', text: 'stale' });
    const timestampSeconds = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await postSlashCommand(eventsUrl, payload, {
      signingSecret: SIGNING_SECRET,
      timestampSeconds,
    });
    expect(result.status).toBe(401);
  });

  it('accepts a signed JSON event and the listener calls chat.postMessage', async () => {
    const event = appMentionEvent({ text: '<@UBOT> over http', channel: 'C5' });
    const result = await postEvent(eventsUrl, fake.eventCallback(event), {
      signingSecret: SIGNING_SECRET,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(result.status).toBe(200);
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C5');
    expect(call.args).toMatchObject({ thread_ts: event.ts, text: 'you said: <@UBOT> over http' });
  });

  it('accepts a signed interactive payload (form field payload=<json>)', async () => {
    const payload = fake.blockActions({ actions: [{ action_id: 'press' }] });
    const result = await postInteractive(eventsUrl, payload, { signingSecret: SIGNING_SECRET });
    expect(result.status).toBe(200);
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(String(payload.response_url)));
    expect(response.body).toEqual({ replace_original: true, text: 'pressed' });
  });

  it('accepts a signed message shortcut (form field payload=<json>)', async () => {
    const payload = fake.messageShortcut({ callbackId: 'quote', text: 'over http', channel: 'C6' });
    const result = await postInteractive(eventsUrl, payload, { signingSecret: SIGNING_SECRET });
    expect(result.status).toBe(200);
    const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
    expect(response.body).toEqual({
      response_type: 'ephemeral',
      text: `quoted: over http (C6, thread ${payload.message_ts})`,
    });
  });
});

describe('FakeSlack message shortcut payloads', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await FakeSlack.start();
  });

  afterAll(async () => {
    await fake?.close();
  });

  it("has the fields of Slack's message_action payload, with a response_url on the fake", () => {
    const payload = fake.messageShortcut({
      callbackId: 'find',
      text: '学而时习之',
      channel: 'C42',
      user: 'U7',
    });
    // Bolt's own type for it: the payload is what a message shortcut listener receives.
    const typed: MessageShortcut = payload;
    expect(typed.type).toBe('message_action');
    expect(Object.keys(payload).sort()).toEqual(
      [
        'action_ts',
        'callback_id',
        'channel',
        'is_enterprise_install',
        'message',
        'message_ts',
        'response_url',
        'team',
        'token',
        'trigger_id',
        'type',
        'user',
      ].sort(),
    );
    expect(payload).toMatchObject({
      type: 'message_action',
      callback_id: 'find',
      token: expect.any(String),
      team: { id: fake.teamId, domain: fake.teamDomain },
      user: { id: 'U7', name: 'user-u7', username: 'user-u7', team_id: fake.teamId },
      channel: { id: 'C42', name: 'general' },
      is_enterprise_install: false,
      message: { type: 'message', user: 'U7', text: '学而时习之', team: fake.teamId },
    });
    expect(payload.trigger_id).toMatch(/^\d+\.\S+$/);
    expect(payload.action_ts).toMatch(/^\d+\.\d{6}$/);
    expect(payload.message.ts).toMatch(/^\d+\.\d{6}$/);
    expect(payload.message_ts).toBe(payload.message.ts);
    expect(payload.response_url.startsWith(`${fake.baseUrl}/response/`)).toBe(true);
    expect(FakeSlack.responseIdOf(payload.response_url)).not.toBe('');
    expect(payload.message).not.toHaveProperty('thread_ts');
    expect(payload.message).not.toHaveProperty('bot_id');
    expect(payload.message).not.toHaveProperty('files');
  });

  it('defaults: user U1 in C1 on their own message with empty text; fresh ids each time', () => {
    const first = fake.messageShortcut({ callbackId: 'find' });
    const second = fake.messageShortcut({ callbackId: 'find' });
    expect(first).toMatchObject({
      user: { id: 'U1' },
      channel: { id: 'C1', name: 'general' },
      message: { type: 'message', user: 'U1', text: '' },
    });
    expect(second.message_ts > first.message_ts).toBe(true);
    expect(second.response_url).not.toBe(first.response_url);
    expect(second.trigger_id).not.toBe(first.trigger_id);
  });

  it('builds a reply in a thread, with blocks, in a DM', () => {
    const blocks = [{ type: 'rich_text', elements: [] }];
    const payload = fake.messageShortcut({
      callbackId: 'find',
      text: 'a reply',
      channel: 'D7',
      author: 'U9',
      ts: '1700000000.000200',
      threadTs: '1700000000.000100',
      blocks,
    });
    expect(payload.channel).toEqual({ id: 'D7', name: 'directmessage' });
    expect(payload.message_ts).toBe('1700000000.000200');
    expect(payload.message).toMatchObject({
      user: 'U9',
      ts: '1700000000.000200',
      thread_ts: '1700000000.000100',
      blocks,
    });
  });

  it("builds a bot's message: the app's own (its bot user) or another bot's (no user)", () => {
    const own = fake.messageShortcut({ callbackId: 'find', text: 'posted by the app', botId: fake.botId });
    expect(own.message).toMatchObject({ bot_id: fake.botId, app_id: fake.appId, user: fake.botUserId });
    expect(own.message).not.toHaveProperty('client_msg_id');
    const other = fake.messageShortcut({ callbackId: 'find', text: 'a webhook', botId: 'B0OTHER' });
    expect(other.message.bot_id).toBe('B0OTHER');
    expect(other.message).not.toHaveProperty('user');
    expect(other.message).not.toHaveProperty('app_id');
  });

  it('builds a message with files and no text', () => {
    const files = [{ id: 'F1', name: 'speech.png', mimetype: 'image/png', filetype: 'png' }];
    const payload = fake.messageShortcut({ callbackId: 'find', files, responseUrl: fake.responseUrl('r1') });
    expect(payload.message).toMatchObject({ text: '', files, upload: true });
    expect(FakeSlack.responseIdOf(payload.response_url)).toBe('r1');
  });
});

describe('FakeSlack Web API defaults and overrides', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    client = new webApi.WebClient(BOT_TOKEN, { ...fake.clientOptions(), logLevel: webApi.LogLevel.ERROR });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('answers users.info with a per-user tz and conversations.open with a DM id', async () => {
    fake.setUser('U2', { tz: 'America/New_York', real_name: 'Ada' });
    const shanghai = await client.users.info({ user: 'U1' });
    expect(shanghai.user).toMatchObject({ id: 'U1', tz: 'Asia/Shanghai', tz_offset: 8 * 3600 });
    const newYork = await client.users.info({ user: 'U2' });
    expect(newYork.user).toMatchObject({ id: 'U2', tz: 'America/New_York', real_name: 'Ada' });
    const dm = await client.conversations.open({ users: 'U2' });
    expect(dm.channel?.id).toBe('D2');
  });

  it('consumes counted overrides before a persistent one, and supports responder functions', async () => {
    fake.respond('chat.postMessage', ({ args }) => ({ ok: true, channel: args.channel, ts: '1.000001' }));
    fake.respondOnce('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    expect((await client.chat.postMessage({ channel: 'C1', text: 'b' })).ts).toBe('1.000001');
    fake.reset();
    expect(fake.calls()).toEqual([]);
    expect((await client.chat.postMessage({ channel: 'C1', text: 'c' })).ts).not.toBe('1.000001');
  });

  it('rejects calls without a token, or with the wrong kind of token', async () => {
    const anonymous = new webApi.WebClient(undefined, {
      ...fake.clientOptions(),
      logLevel: webApi.LogLevel.ERROR,
    });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    const appLevel = new webApi.WebClient(APP_TOKEN, {
      ...fake.clientOptions(),
      logLevel: webApi.LogLevel.ERROR,
    });
    await expect(appLevel.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
  });

  it('records JSON bodies as well as form bodies', async () => {
    const res = await fetch(`${fake.apiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', ts: '1.2', text: 'edited', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1', ts: '1.2' });
    const call = await fake.waitForCall('chat.update');
    expect(call).toMatchObject({ token: BOT_TOKEN, args: { text: 'edited', blocks: [{ type: 'divider' }] } });
  });

  it('times out waits with a message naming what was expected', async () => {
    await expect(fake.waitForCall('views.publish', undefined, 50)).rejects.toThrow(/views\.publish/);
  });
});
