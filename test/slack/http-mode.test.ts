/**
 * HTTP mode (`SLACK_MODE=http`): signed requests to `/slack/events`, signature checks, retries,
 * and `/healthz` in both modes, with the real app on a random port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, encodeRef } from '../../src/slack/render/answer.ts';
import {
  appMentionEvent,
  FakeSlack,
  postEvent,
  postSignedRequest,
  postSlashCommand,
} from '../support/fake-slack.ts';
import {
  type Harness,
  messageOf,
  quoteRuns,
  SIGNING_SECRET,
  startHarness,
  uniqueChannel,
} from './harness.ts';

async function healthz(baseUrl: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('HTTP mode', () => {
  let h: Harness;
  let eventsUrl: string;

  beforeAll(async () => {
    h = await startHarness('http');
    eventsUrl = `${h.appUrl}/slack/events`;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('runs in HTTP mode', () => {
    expect(h.config.slack).toMatchObject({ mode: 'http', signingSecret: SIGNING_SECRET });
    expect(h.config.slack.appToken).toBeUndefined();
  });

  it('answers a signed slash command: 200, then the answer on the response_url', async () => {
    const { delivery, response } = await h.command('档案安全');
    expect(delivery.status).toBe(200);
    const message = messageOf(response);
    expect(message.response_type).toBe('ephemeral');
    expect(quoteRuns(message).some((run) => run.bold && run.text.includes('档案安全'))).toBe(true);
  });

  it('rejects a bad signature with 401 and does not answer', async () => {
    const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
    const result = await postSlashCommand(eventsUrl, payload, { signingSecret: 'not-the-secret' });
    expect(result.status).toBe(401);
    await h.flush();
    expect(h.fake.responses(FakeSlack.responseIdOf(payload.response_url))).toEqual([]);
  });

  it('rejects a request signed more than 5 minutes ago', async () => {
    const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
    const result = await postSlashCommand(eventsUrl, payload, {
      signingSecret: SIGNING_SECRET,
      timestampSeconds: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(result.status).toBe(401);
    await h.flush();
    expect(h.fake.responses(FakeSlack.responseIdOf(payload.response_url))).toEqual([]);
  });

  it('rejects a request without a signature', async () => {
    const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
    const body = new URLSearchParams(payload).toString();
    const result = await postSignedRequest(eventsUrl, body, 'application/x-www-form-urlencoded', {
      signingSecret: SIGNING_SECRET,
      headers: { 'x-slack-signature': '' },
    });
    expect(result.status).toBe(401);
  });

  it('rejects a request signed 10 minutes in the future, as Slack advises', async () => {
    const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
    const result = await postSlashCommand(eventsUrl, payload, {
      signingSecret: SIGNING_SECRET,
      timestampSeconds: Math.floor(Date.now() / 1000) + 10 * 60,
    });
    expect(result.status).toBe(401);
    await h.flush();
    expect(h.fake.responses(FakeSlack.responseIdOf(payload.response_url))).toEqual([]);
  });

  for (const body of [
    'null',
    '42',
    '"text"',
    '[]',
    '[{"type":"event_callback"}]',
    '{"type":',
    'payload=null',
  ]) {
    it(`refuses a correctly signed body ${body} with 400 and keeps serving`, async () => {
      const contentType = body.startsWith('payload=')
        ? 'application/x-www-form-urlencoded'
        : 'application/json';
      const result = await postSignedRequest(eventsUrl, body, contentType, { signingSecret: SIGNING_SECRET });
      expect(result.status).toBe(400);
      expect(await healthz(h.appUrl)).toEqual({ status: 200, body: { ok: true } });
      const { delivery, response } = await h.command('档案安全');
      expect(delivery.status).toBe(200);
      expect(messageOf(response).response_type).toBe('ephemeral');
    });
  }

  it("answers Slack's URL verification challenge", async () => {
    const result = await postEvent(
      eventsUrl,
      { token: 'fake-verification-token', challenge: 'challenge-123', type: 'url_verification' },
      { signingSecret: SIGNING_SECRET },
    );
    expect(result.status).toBe(200);
    expect(result.body).toContain('challenge-123');
  });

  it("answers Slack's notice that it is dropping the app's events (app_rate_limited) with 200 at once", async () => {
    const started = Date.now();
    const result = await postEvent(
      eventsUrl,
      {
        token: 'fake-verification-token',
        type: 'app_rate_limited',
        team_id: 'T1',
        minute_rate_limited: 1518467820,
        api_app_id: 'A1',
      },
      { signingSecret: SIGNING_SECRET },
    );
    expect(result.status).toBe(200);
    // Before Bolt's 3-second wait for an ack that no listener would give.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers a mention in its thread', async () => {
    const channel = uniqueChannel();
    const event = appMentionEvent({ text: '<@UBOT> 主题教育的总要求是什么?', channel });
    expect((await h.sendEvent(h.fake.eventCallback(event))).status).toBe(200);
    const call = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    expect(call.args.thread_ts).toBe(event.ts);
    expect(messageOf(call).text).toContain('守初心');
  });

  it('answers an event Slack redelivers (X-Slack-Retry-Num) once', async () => {
    const channel = uniqueChannel();
    const body = h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel }));
    expect((await h.sendEvent(body)).status).toBe(200);
    await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    expect((await h.sendEvent(body, { retry: 1 })).status).toBe(200);
    expect((await h.sendEvent(body, { retry: 2 })).status).toBe(200);
    await h.flush();
    expect(h.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1);
  });

  it('handles a button click', async () => {
    const payload = h.fake.blockActions({
      actions: [{ action_id: ACTIONS.next, value: encodeRef({ q: '档案安全', i: 1 }) }],
    });
    expect((await h.sendAction(payload)).status).toBe(200);
    const response = await h.fake.waitForResponse(FakeSlack.responseIdOf(String(payload.response_url)));
    // A message the channel sees: the next result goes to the clicker alone.
    expect(messageOf(response)).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
  });

  it('serves GET /healthz with 200, and HEAD /healthz as a load balancer probes it', async () => {
    expect(await healthz(h.appUrl)).toEqual({ status: 200, body: { ok: true } });
    const head = await fetch(`${h.appUrl}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('Socket Mode', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('socket');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves GET /healthz with 200 on config.port while connected', async () => {
    expect(h.fake.socket.connected).toBe(true);
    expect(await healthz(h.appUrl)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers 404 for other paths (no /slack/events in Socket Mode)', async () => {
    expect((await fetch(`${h.appUrl}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${h.appUrl}/healthz`, { method: 'POST' })).status).toBe(404);
  });
});

describe('a port already in use', () => {
  let blocker: Server;
  let port: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    port = (blocker.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  for (const mode of ['socket', 'http'] as const) {
    it(`makes ${mode} mode start() reject with an error naming PORT instead of crashing`, async () => {
      await expect(startHarness(mode, { PORT: String(port) })).rejects.toThrow(
        new RegExp(`^PORT=${port} is already in use`),
      );
    });
  }
});
