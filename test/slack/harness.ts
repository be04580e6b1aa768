/**
 * Shared setup of the Slack end-to-end tests: the real Bolt app from `createSlackApp`, with the real
 * speech, talking to the fake Slack in `test/support/fake-slack.ts` (Socket Mode or HTTP mode).
 *
 * @example
 * const h = await startHarness('socket');
 * const { response } = await h.command('档案安全');
 * await h.close();
 */
import type { AddressInfo } from 'node:net';
import type { App, Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { type Config, loadConfig, type SlackConfig } from '../../src/config.ts';
import { tableOfContents } from '../../src/content/toc.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import type { SlackDeps } from '../../src/slack/context.ts';
import type { Block, Button } from '../../src/slack/render/blocks.ts';
import { openSpeech } from '../../src/speech.ts';
import { EVENT_TTL_MS } from '../../src/store/maintenance.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import {
  appMentionEvent,
  FakeSlack,
  type JsonObject,
  postEvent,
  postInteractive,
  postSlashCommand,
  type RecordedCall,
  type RecordedResponse,
  type SlashCommandPayload,
  type SocketAck,
} from '../support/fake-slack.ts';

export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-1-test-token';
export const SIGNING_SECRET = 'test-signing-secret';
export const COMMAND = '/speech';

// ---------------------------------------------------------------------------------------------------------
// The speech and the deps the listeners get (built once per test file)
// ---------------------------------------------------------------------------------------------------------

let deps: SlackDeps | undefined;

/** The deps `main.ts` builds: search over `content/`, its table of contents, `/speech`. */
export function speechDeps(): SlackDeps {
  if (!deps) {
    const search = openSpeech(DEFAULT_CONTENT_DIR);
    deps = { search, toc: tableOfContents(search.documents), command: COMMAND };
  }
  return deps;
}

// ---------------------------------------------------------------------------------------------------------
// A Bolt-compatible logger that records what it is told
// ---------------------------------------------------------------------------------------------------------

export interface LogEntry {
  level: LogLevel;
  /** The arguments joined into one line (errors as `name: message`, Slack errors with their code). */
  text: string;
}

function describeArg(arg: unknown): string {
  if (arg instanceof Error) {
    const code = (arg as { data?: { error?: unknown } }).data?.error;
    return `${arg.name}: ${arg.message}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  return typeof arg === 'string' ? arg : JSON.stringify(arg);
}

/**
 * Records every log line (and prints nothing). Its methods use `this`, like Bolt's ConsoleLogger,
 * so a listener that passes `logger.error` around unbound fails here as it would in production.
 */
export class CapturingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  private level: LogLevel = LogLevel.ERROR;
  private name = '';

  debug(...msg: unknown[]): void {
    this.record(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.record(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.record(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.record(LogLevel.ERROR, msg);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  /** Every line so far, any level. */
  lines(): string[] {
    return this.entries.map((entry) => entry.text);
  }

  /** Error lines so far. */
  errors(): string[] {
    return this.entries.filter((entry) => entry.level === LogLevel.ERROR).map((entry) => entry.text);
  }

  private record(level: LogLevel, msg: unknown[]): void {
    this.entries.push({ level, text: [this.name, ...msg.map(describeArg)].filter(Boolean).join(' ') });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Messages as the fake received them
// ---------------------------------------------------------------------------------------------------------

/** A message body as posted to a response_url or passed to chat.postMessage / views.publish. */
export interface PostedMessage {
  text?: string;
  blocks?: Block[];
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  channel?: string;
  thread_ts?: string;
}

/** The JSON object a response_url received (fails the test if it was not JSON). */
export function messageOf(response: RecordedResponse | RecordedCall): PostedMessage {
  const body = 'body' in response ? response.body : response.args;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  }
  // The fake parsed Bolt's own JSON (or form fields): the shape is what our renderers produced.
  return body as PostedMessage;
}

/** The message's blocks (empty when it has none). */
export function blocksOf(message: PostedMessage): Block[] {
  return message.blocks ?? [];
}

/** Every piece of text Slack would show for the blocks: mrkdwn, plain text, rich text runs, buttons. */
export function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'header':
      case 'section':
        return [block.text.text];
      case 'context':
        return block.elements.map((element) => element.text);
      case 'divider':
        return [];
      case 'actions':
        return block.elements.map((button) => button.text.text);
      case 'rich_text':
        return block.elements.flatMap((element) => element.elements.map((run) => run.text));
      default:
        return [];
    }
  });
}

/** The buttons of the message's actions blocks. */
export function buttonsOf(message: PostedMessage): Button[] {
  return blocksOf(message).flatMap((block) => (block.type === 'actions' ? block.elements : []));
}

/** The button with `actionId`; throws (failing the test) when there is none. */
export function buttonOf(message: PostedMessage, actionId: string): Button {
  const button = buttonsOf(message).find((candidate) => candidate.action_id === actionId);
  if (!button) {
    const ids = buttonsOf(message).map((candidate) => candidate.action_id);
    throw new Error(`no ${actionId} button; buttons: [${ids.join(', ')}]`);
  }
  return button;
}

/** The text runs of the message's rich_text_quote, with whether each is bold. */
export function quoteRuns(message: PostedMessage): Array<{ text: string; bold: boolean }> {
  return blocksOf(message).flatMap((block) =>
    block.type === 'rich_text'
      ? block.elements
          .filter((element) => element.type === 'rich_text_quote')
          .flatMap((element) =>
            element.elements.map((run) => ({ text: run.text, bold: run.style?.bold === true })),
          )
      : [],
  );
}

// ---------------------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------------------

export type Mode = SlackConfig['mode'];

/** What Slack got back for a delivery: the Socket Mode ack, or the HTTP status of the POST. */
export interface Delivery {
  /** Socket Mode: the ack envelope. */
  ack?: SocketAck;
  /** HTTP mode: the response status. */
  status?: number;
}

export interface Harness {
  mode: Mode;
  fake: FakeSlack;
  app: App;
  logger: CapturingLogger;
  config: Config & { slack: SlackConfig };
  deps: SlackDeps;
  /** `http://127.0.0.1:<port>`: the app's own HTTP server (`/healthz`, and `/slack/events` in HTTP mode). */
  appUrl: string;
  /** `/speech <text>`: delivers the command and waits for its response_url POST. */
  command(
    text: string,
    options?: Partial<SlashCommandPayload>,
  ): Promise<{ delivery: Delivery; payload: SlashCommandPayload; response: RecordedResponse }>;
  /** Delivers a slash command payload (Socket Mode envelope or signed HTTP POST). */
  sendCommand(payload: SlashCommandPayload): Promise<Delivery>;
  /** Delivers an `event_callback` body; `retry` marks it as Slack's redelivery (retry_attempt / X-Slack-Retry-Num). */
  sendEvent(body: JsonObject, options?: { retry?: number }): Promise<Delivery>;
  /** Delivers an interactive payload (block_actions). */
  sendAction(payload: JsonObject): Promise<Delivery>;
  /**
   * Delivers a fresh mention and waits for its answer. Events are handled in the order they arrive
   * along the same path, so once this returns, earlier deliveries have made their API calls too.
   */
  flush(): Promise<void>;
  /** Stops the app, then the fake (in that order, so the socket client does not reconnect). */
  close(): Promise<void>;
}

let channelCounter = 0;

/** A channel id no other test uses, so waits and counts can filter by it. */
export function uniqueChannel(prefix = 'C'): string {
  channelCounter += 1;
  return `${prefix}${String(channelCounter).padStart(4, '0')}X${process.pid}`;
}

/**
 * Starts a fake Slack and the app against it, on a random port. `env` adds to or overrides the
 * variables given to `loadConfig` (the Slack credentials for `mode`, the fake's API URL, port 0).
 */
export async function startHarness(mode: Mode, env: Record<string, string> = {}): Promise<Harness> {
  const fake = await FakeSlack.start();
  const credentials =
    mode === 'socket'
      ? { SLACK_APP_TOKEN: APP_TOKEN }
      : { SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
    ...credentials,
    ...env,
  });
  const { slack } = loaded;
  if (!slack) throw new Error('loadConfig found no Slack credentials');
  const config = { ...loaded, slack };
  const logger = new CapturingLogger();
  const appDeps = speechDeps();
  const events = new MemoryStore();
  const app = createSlackApp(config, appDeps, {
    identity: { botId: fake.botId, botUserId: fake.botUserId },
    logger,
    claimEvent: (eventId) => events.claimEvent(eventId, EVENT_TTL_MS),
  });
  let started: unknown;
  try {
    started = await app.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  const address = (started as { address?: () => AddressInfo | string | null }).address?.();
  if (!address || typeof address === 'string') {
    await app.stop();
    await fake.close();
    throw new Error('app.start() did not resolve with a listening http.Server');
  }
  const appUrl = `http://127.0.0.1:${address.port}`;
  const eventsUrl = `${appUrl}/slack/events`;
  const signed = (retry?: number) => ({
    signingSecret: SIGNING_SECRET,
    ...(retry ? { retryNum: retry, retryReason: 'http_timeout' } : {}),
  });

  const harness: Harness = {
    mode,
    fake,
    app,
    logger,
    config,
    deps: appDeps,
    appUrl,
    async command(text, options = {}) {
      const payload = fake.slashCommand({ command: COMMAND, text, ...options });
      const delivery = await harness.sendCommand(payload);
      const response = await fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
      return { delivery, payload, response };
    },
    async sendCommand(payload) {
      if (mode === 'socket') return { ack: await fake.socket.sendPayload('slash_commands', payload) };
      return { status: (await postSlashCommand(eventsUrl, payload, signed())).status };
    },
    async sendEvent(body, options = {}) {
      if (mode === 'socket') {
        const retry = options.retry ? { retry_attempt: options.retry, retry_reason: 'timeout' } : {};
        return { ack: await fake.socket.sendPayload('events_api', body, retry) };
      }
      return { status: (await postEvent(eventsUrl, body, signed(options.retry))).status };
    },
    async sendAction(payload) {
      if (mode === 'socket') return { ack: await fake.socket.sendPayload('interactive', payload) };
      return { status: (await postInteractive(eventsUrl, payload, signed())).status };
    },
    async flush() {
      const channel = uniqueChannel('CFLUSH');
      await harness.sendEvent(fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
      await fake.waitForCall(
        'chat.postMessage',
        (call) => call.args.channel === channel && call.status === 200,
      );
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
  return harness;
}
