/**
 * {@link FakeSlack}: the one HTTP server on 127.0.0.1 that routes to the protocol modules — the Web API
 * (`web-api.ts`), response_urls (`response-urls.ts`) and Socket Mode (`socket-mode.ts`) — and exposes
 * the payload builders (`payloads.ts`) bound to its workspace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { webApi } from '@slack/bolt';
import { WebSocketServer } from 'ws';
import {
  type BlockActionsOptions,
  blockActionsPayload,
  type EventCallbackOptions,
  type EventCallbackPayload,
  eventCallbackPayload,
  type MessageShortcutOptions,
  type MessageShortcutPayload,
  messageShortcutPayload,
  type SlashCommandOptions,
  type SlashCommandPayload,
  slashCommandPayload,
} from './payloads.ts';
import { FakeResponseUrls, RESPONSE_PATH, type RecordedResponse } from './response-urls.ts';
import { type JsonObject, readBody, sendJson, type Workspace } from './shared.ts';
import { FakeSocketMode, LINK_PATH } from './socket-mode.ts';
import {
  type ApiResponder,
  type FakeUser,
  FakeWebApi,
  type RecordedCall,
  type RespondOptions,
} from './web-api.ts';

/** Identity and defaults of the fake workspace. */
export interface FakeSlackOptions {
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Time zone of users not configured with {@link FakeSlack.setUser} (default `Asia/Shanghai`). */
  defaultTz?: string;
}

/** A fake Slack (Web API + response_url + Socket Mode) on 127.0.0.1. Create with {@link FakeSlack.start}. */
export class FakeSlack implements Workspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly defaultTz: string;
  /** The WebSocket side: send envelopes, read acks. */
  readonly socket: FakeSocketMode;

  private readonly server = createServer((req, res) => this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly api: FakeWebApi;
  private readonly responseUrls = new FakeResponseUrls(() => this.baseUrl);
  private port = 0;
  private closing: Promise<void> | undefined;

  private constructor(options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T1';
    this.teamDomain = options.teamDomain ?? 'fake-team';
    this.appId = options.appId ?? 'A1';
    this.botUserId = options.botUserId ?? 'UBOT';
    this.botId = options.botId ?? 'BBOT';
    this.botName = options.botName ?? 'speechbot';
    this.defaultTz = options.defaultTz ?? 'Asia/Shanghai';
    this.socket = new FakeSocketMode(this.appId);
    this.api = new FakeWebApi(
      this,
      (ticket) => `ws://127.0.0.1:${this.port}${LINK_PATH}/?ticket=${ticket}&app_id=${this.appId}`,
    );
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.wss.on('connection', (ws) => this.socket.accept(ws));
  }

  /** Starts a fake on a random free port of 127.0.0.1. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => {
        fake.server.off('error', reject);
        resolve();
      });
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** `http://127.0.0.1:PORT` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The Web API base URL, for `clientOptions.slackApiUrl`: `http://127.0.0.1:PORT/api/`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /**
   * Fresh `clientOptions` for `new App({ clientOptions })` (Bolt mutates the object, so don't share one).
   * Sets `slackApiUrl` and a fast retry policy (2 retries, ~no backoff); HTTP 429s still wait `Retry-After`.
   */
  clientOptions(overrides: webApi.WebClientOptions = {}): webApi.WebClientOptions {
    return {
      slackApiUrl: this.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 10 },
      ...overrides,
    };
  }

  // ----- Web API recording -----------------------------------------------------------------------------

  /** Recorded Web API calls, oldest first; only those of `method` when given. */
  calls(method?: string): RecordedCall[] {
    return this.api.calls(method);
  }

  /**
   * Resolves with the first call of `method` (already recorded or arriving within `timeoutMs`) that
   * satisfies `predicate`. Use a predicate or {@link reset} to skip earlier calls.
   */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall> {
    return this.api.waitForCall(method, predicate, timeoutMs);
  }

  /**
   * Overrides the response of `method`: persistent unless `times` is given (then used that many times
   * before falling back). Counted overrides are consumed first, in the order added; a new persistent one
   * replaces the previous. Example: `fake.respond('chat.postMessage', { ok: false, error: 'not_in_channel' })`.
   */
  respond(method: string, response: ApiResponder, options: RespondOptions = {}): void {
    this.api.respond(method, response, options);
  }

  /** Shorthand for `respond(method, response, { times: 1 })`. */
  respondOnce(method: string, response: ApiResponder): void {
    this.api.respondOnce(method, response);
  }

  /** Answers the next `times` (default 1) calls of `method` with HTTP 429, `Retry-After`, `error: 'ratelimited'`. */
  rateLimit(method: string, options: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.api.rateLimit(method, options);
  }

  /** Configures a user for `users.info` (merged over defaults: tz = `defaultTz`, name `user-<id>`). */
  setUser(id: string, user: Partial<Omit<FakeUser, 'id'>>): void {
    this.api.setUser(id, user);
  }

  /**
   * Sets who is in a conversation, for `conversations.members`. Unset: a DM holds its user and
   * the bot, any other conversation only the bot.
   */
  setMembers(channelId: string, userIds: string[]): void {
    this.api.setMembers(channelId, userIds);
  }

  /** The user `users.info` returns for `id`. */
  user(id: string): FakeUser {
    return this.api.user(id);
  }

  // ----- response_url ----------------------------------------------------------------------------------

  /** A response_url on the fake: `http://127.0.0.1:PORT/response/<id>` (random id when omitted). */
  responseUrl(id?: string): string {
    return this.responseUrls.url(id);
  }

  /** POSTs received on response_urls, oldest first; only those for `id` when given. */
  responses(id?: string): RecordedResponse[] {
    return this.responseUrls.responses(id);
  }

  /** Like {@link waitForCall} for response_url POSTs; `id` undefined matches any response_url. */
  waitForResponse(
    id?: string,
    predicate?: (response: RecordedResponse) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedResponse> {
    return this.responseUrls.waitForResponse(id, predicate, timeoutMs);
  }

  /** Makes the next `times` (default 1) response_url POSTs answer `status`/`body` (e.g. 404 `expired_url`). */
  respondToResponseUrl(reply: { status: number; body?: unknown }, options: { times?: number } = {}): void {
    this.responseUrls.respondWith(reply, options);
  }

  /**
   * Makes every later response_url POST take `ms` before it is recorded and answered, as a slow
   * Slack would: a POST is only in {@link responses} once it has been delivered.
   */
  delayResponseUrls(ms: number): void {
    this.responseUrls.delay(ms);
  }

  /** The `id` of a response_url made by {@link responseUrl}. */
  static responseIdOf(url: string): string {
    return FakeResponseUrls.idOf(url);
  }

  // ----- payload builders bound to this workspace --------------------------------------------------------

  /** A slash command payload whose `response_url` points at this fake. */
  slashCommand(options: SlashCommandOptions): SlashCommandPayload {
    return slashCommandPayload(this, options);
  }

  /** Wraps an event (see `appMentionEvent`, `directMessageEvent`, `appHomeOpenedEvent`) in an `event_callback`. */
  eventCallback(event: JsonObject, options: EventCallbackOptions = {}): EventCallbackPayload {
    return eventCallbackPayload(this, event, options);
  }

  /** A `block_actions` interactive payload whose `response_url` points at this fake. */
  blockActions(options: BlockActionsOptions): JsonObject {
    return blockActionsPayload(this, options);
  }

  /**
   * A message shortcut (`message_action`) interactive payload whose `response_url` points at this fake.
   * Deliver it like {@link blockActions}: `fake.socket.sendPayload('interactive', payload)` in Socket
   * Mode, `postInteractive(url, payload, …)` in HTTP mode.
   *
   * @example fake.messageShortcut({ callbackId: 'find_in_speech', text: '学而时习之', channel: 'C42' })
   */
  messageShortcut(options: MessageShortcutOptions): MessageShortcutPayload {
    return messageShortcutPayload(this, options);
  }

  // ----- lifecycle --------------------------------------------------------------------------------------

  /** Forgets recorded calls, responses, acks and all overrides (connections stay open). */
  reset(): void {
    this.api.reset();
    this.responseUrls.reset();
    this.socket.clear();
  }

  /**
   * Closes sockets (cleanly, within 0.5 s) and the server; pending waits reject. Idempotent.
   * Stop the Bolt app first, or its socket client will try to reconnect.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const error = new Error('FakeSlack closed');
      this.api.rejectAll(error);
      this.responseUrls.rejectAll(error);
      await this.socket.shutdown();
      this.wss.close();
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      });
    })();
    return this.closing;
  }

  // ----- request routing --------------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    if (!path.startsWith(LINK_PATH)) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(error) });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (url.pathname.startsWith('/api/')) {
      await this.api.handle(
        decodeURIComponent(url.pathname.slice('/api/'.length)),
        url,
        req,
        body,
        contentType,
        res,
      );
    } else if (url.pathname.startsWith(RESPONSE_PATH) && req.method === 'POST') {
      await this.responseUrls.handle(decodeURIComponent(url.pathname.slice(RESPONSE_PATH.length)), body, res);
    } else {
      sendJson(res, 404, { ok: false, error: 'unknown_path' });
    }
  }
}
