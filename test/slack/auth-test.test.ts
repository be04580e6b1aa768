import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSlackAccess, SlackAccessError } from '../../src/bot.ts';
import { AuthTestUnreachable, authTest } from '../../src/slack/auth-test.ts';

/** A stand-in for Slack's Web API on 127.0.0.1 that answers auth.test as `answer` says. */
async function slackAnswering(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, requests, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const json = (body: unknown) => (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('authTest', () => {
  it('posts to auth.test with the token as a bearer and returns Slack’s answer', async () => {
    const slack = await slackAnswering(json({ ok: true, bot_id: 'B1', user_id: 'U1', team_id: 'T1' }));
    const answer = await authTest(slack.url, 'xoxb-secret');
    expect(answer).toMatchObject({ ok: true, bot_id: 'B1', user_id: 'U1' });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]?.method).toBe('POST');
    expect(slack.requests[0]?.url).toBe('/api/auth.test');
    expect(slack.requests[0]?.headers.authorization).toBe('Bearer xoxb-secret');
  });

  it('returns a refusal as Slack’s answer, without retrying', async () => {
    const slack = await slackAnswering(json({ ok: false, error: 'invalid_auth' }));
    expect(await authTest(slack.url, 'xoxb-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(slack.requests).toHaveLength(1);
  });

  it('retries once, then reports Slack unreachable, on an HTTP error or an answer that is not JSON', async () => {
    const failing = await slackAnswering((_request, response) => {
      response.writeHead(503);
      response.end('down');
    });
    const failed = authTest(failing.url, 'xoxb', { retryAfterMs: 1 });
    await expect(failed).rejects.toBeInstanceOf(AuthTestUnreachable);
    await expect(failed).rejects.toThrow('HTTP 503');
    expect(failing.requests).toHaveLength(2);
    const garbled = await slackAnswering((_request, response) => {
      response.writeHead(200);
      response.end('<html>proxy login</html>');
    });
    const misread = authTest(garbled.url, 'xoxb', { retryAfterMs: 1 });
    await expect(misread).rejects.toBeInstanceOf(AuthTestUnreachable);
    await expect(misread).rejects.toThrow('not a Web API answer');
    expect(garbled.requests).toHaveLength(2);
  });

  it('gives up on a Slack that does not answer, and on a closed port', async () => {
    const silent = await slackAnswering(() => undefined);
    await expect(authTest(silent.url, 'xoxb', { timeoutMs: 50, retryAfterMs: 1 })).rejects.toThrow(
      'no answer within 0.05 s',
    );
    const { url, server } = await slackAnswering(json({ ok: true }));
    await new Promise((resolve) => server.close(resolve));
    await expect(authTest(url, 'xoxb', { retryAfterMs: 1 })).rejects.toBeInstanceOf(AuthTestUnreachable);
  });

  it('gives up on a Slack that trickles its answer past the deadline', async () => {
    const trickling = await slackAnswering((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 10);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    await expect(authTest(trickling.url, 'xoxb', { timeoutMs: 100, retryAfterMs: 1 })).rejects.toBeInstanceOf(
      AuthTestUnreachable,
    );
    // Two calls of 100 ms each, not the minutes the trickle would last.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('checkSlackAccess', () => {
  it('names the bot, or says what is wrong with the token', async () => {
    const bot = await slackAnswering(json({ ok: true, bot_id: 'B1', user_id: 'U1' }));
    expect(await checkSlackAccess({ mode: 'http', botToken: 'xoxb', apiUrl: bot.url })).toEqual({
      botId: 'B1',
      botUserId: 'U1',
    });
    const user = await slackAnswering(json({ ok: true, user_id: 'U2' }));
    await expect(checkSlackAccess({ mode: 'http', botToken: 'xoxp', apiUrl: user.url })).rejects.toThrow(
      new SlackAccessError(
        'SLACK_BOT_TOKEN is not a bot token: auth.test names no bot. Use the Bot User OAuth Token (xoxb-…).',
      ),
    );
    const { url: closed, server } = await slackAnswering(json({ ok: true }));
    await new Promise((resolve) => server.close(resolve));
    await expect(checkSlackAccess({ mode: 'http', botToken: 'xoxb', apiUrl: closed })).rejects.toThrow(
      `Cannot reach Slack at ${closed}`,
    );
    const refused = await slackAnswering(json({ ok: false, error: 'token_revoked' }));
    await expect(checkSlackAccess({ mode: 'http', botToken: 'xoxb', apiUrl: refused.url })).rejects.toThrow(
      'Slack refused SLACK_BOT_TOKEN (token_revoked)',
    );
  });
});
