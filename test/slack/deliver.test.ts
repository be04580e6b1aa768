/**
 * respondReliably's rules for a response_url, against real sockets on 127.0.0.1: what never
 * reached Slack is sent again; what Slack may have taken is sent again only when the asker alone
 * sees it, so the channel never sees a message twice.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, RespondArguments, RespondFn } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { mayHavePosted, respondReliably } from '../../src/slack/deliver.ts';

const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.INFO,
  setName: () => undefined,
};
const noWait = async () => undefined;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A response_url on a server that counts the POSTs it receives and never answers them. */
async function silentSlack(): Promise<{ url: string; received: () => number }> {
  let received = 0;
  const server = createServer((request) => {
    request.resume();
    received++;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/response/1`, received: () => received };
}

/** A port nothing listens on: connecting is refused at once. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/response/1`;
}

/** What Bolt's respond does, with the bot's fetch deadline (clients.ts) cut short for the test. */
function respondTo(url: string, timeoutMs = 200): RespondFn {
  const respond = async (message: string | RespondArguments) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(typeof message === 'string' ? { text: message } : message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok)
      throw Object.assign(new Error(`HTTP ${response.status}`), { statusCode: response.status });
    return response;
  };
  return respond as unknown as RespondFn;
}

describe('respondReliably', () => {
  it('does not send a public message again when Slack took it and never answered', async () => {
    const slack = await silentSlack();
    const message = { response_type: 'in_channel' as const, text: '档案安全' };
    const error = await respondReliably(respondTo(slack.url), message, { logger, sleep: noWait }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(mayHavePosted(error)).toBe(true);
    expect(slack.received()).toBe(1);
  });

  it('sends a private message again when Slack never answered: a duplicate there is harmless', async () => {
    const slack = await silentSlack();
    const message = { response_type: 'ephemeral' as const, text: '档案安全' };
    await expect(respondReliably(respondTo(slack.url), message, { logger, sleep: noWait })).rejects.toThrow();
    expect(slack.received()).toBe(3);
  });

  it('sends a public message again when no connection could be made, which sent nothing', async () => {
    const url = await closedPortUrl();
    let tries = 0;
    const counting = (async (message: RespondArguments) => {
      tries++;
      return respondTo(url)(message);
    }) as unknown as RespondFn;
    const error = await respondReliably(
      counting,
      { response_type: 'in_channel', text: '档案安全' },
      { logger, sleep: noWait },
    ).catch((caught: unknown) => caught);
    expect(tries).toBe(3);
    expect(mayHavePosted(error)).toBe(false);
  });
});

describe('respondReliably when Slack refuses the blocks (HTTP 400, invalid_blocks)', () => {
  /** A response_url that refuses any message with blocks, as Slack does with blocks it cannot show, and takes the rest. */
  async function blockRefusingSlack(): Promise<{ url: string; bodies: JsonBody[] }> {
    const bodies: JsonBody[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const parsed = JSON.parse(body) as JsonBody;
        bodies.push(parsed);
        const refused = parsed.blocks !== undefined;
        response.writeHead(refused ? 400 : 200).end(refused ? 'invalid_blocks' : 'ok');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/response/1`, bodies };
  }

  it('sends the text alone, once, keeping where and how it goes', async () => {
    const slack = await blockRefusingSlack();
    const message = {
      response_type: 'ephemeral' as const,
      replace_original: false,
      thread_ts: '1.2',
      text: '档案安全',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*档案安全*' } }],
    };
    await respondReliably(respondTo(slack.url), message, { logger, sleep: noWait });
    expect(slack.bodies).toHaveLength(2);
    expect(slack.bodies[1]).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      thread_ts: '1.2',
      text: '档案安全',
    });
  });

  it('does not resend a message without blocks that Slack refused for another reason', async () => {
    const slack = await blockRefusingSlack();
    const refusing = (async () => {
      slack.bodies.push({});
      throw Object.assign(new Error('HTTP 400'), { statusCode: 400 });
    }) as unknown as RespondFn;
    const message = { text: 'x', blocks: [] } as unknown as RespondArguments;
    await expect(respondReliably(refusing, message, { logger, sleep: noWait })).rejects.toThrow('HTTP 400');
    expect(slack.bodies).toHaveLength(1);
  });

  it('gives up on a text alone that is refused, without trying it again', async () => {
    const slack = await blockRefusingSlack();
    const refusing = (async () => {
      slack.bodies.push({});
      throw Object.assign(new Error('HTTP 400'), { statusCode: 400 });
    }) as unknown as RespondFn;
    await expect(respondReliably(refusing, { text: 'x' }, { logger, sleep: noWait })).rejects.toThrow(
      'HTTP 400',
    );
    expect(slack.bodies).toHaveLength(1);
  });
});

type JsonBody = Record<string, unknown>;
