/**
 * A protocol-level fake of Slack's servers for end-to-end tests of a real Bolt `App`.
 *
 * One HTTP server on 127.0.0.1 (random free port) serves:
 *   - the Web API:         POST /api/<method>   (form-encoded or JSON; bearer token)
 *   - response_url hooks:  POST /response/<id>  (JSON, as Bolt's `respond()` sends)
 *   - Socket Mode:         WebSocket upgrade on /link/?ticket=…  (the URL `apps.connections.open` returns)
 *
 * Point a Bolt app at it with `clientOptions: fake.clientOptions()` — Bolt hands the same object to the
 * Socket Mode client, whose own WebClient then calls `apps.connections.open` on the fake.
 *
 * Also exported: payload/envelope builders and helpers that sign and POST requests to a Bolt HTTP endpoint.
 *
 * Shut down in this order: `await app.stop(); await fake.close();` (if the fake goes first, Bolt's socket
 * client schedules a reconnect).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { webApi } from '@slack/bolt';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

/** A JSON-ish object (API arguments, responses, payloads). */
export type JsonObject = Record<string, unknown>;

/** One Web API request as the fake saw it. */
export interface RecordedCall {
  /** Web API method, e.g. `chat.postMessage`. */
  method: string;
  /**
   * Decoded arguments. Form fields holding JSON (`blocks`, `attachments`, `view`, …) are parsed back into
   * objects; other form values stay strings (`'true'`, `'100'`). The `token` field is moved to `token`.
   * Calls from the per-event `client` Bolt passes to listeners also carry `team_id`.
   */
  args: JsonObject;
  /** Bearer token from the Authorization header, else the `token` body field. */
  token: string | undefined;
  /** HTTP status the fake answered with (429 when rate limited). */
  status: number;
  /** The JSON body the fake answered with. */
  response: JsonObject;
}

/** The parts of a request a responder function may look at. */
export type ApiRequest = Pick<RecordedCall, 'method' | 'args' | 'token'>;

/** A canned response body, or a function computing one per request. */
export type ApiResponder = JsonObject | ((request: ApiRequest) => JsonObject);

/** Options for {@link FakeSlack.respond}. */
export interface RespondOptions {
  /** Use the override for this many calls, then fall back. Omit for a persistent override. */
  times?: number;
  /** HTTP status to answer with (default 200). */
  status?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow or hanging Slack); the call is recorded at once. */
  delayMs?: number;
}

/** One POST to a response_url. */
export interface RecordedResponse {
  /** The `<id>` in `/response/<id>`. */
  id: string;
  /** The request body: parsed JSON (Bolt's `respond()`), or the raw text when it is not JSON. */
  body: unknown;
}

/** A user as `users.info` returns it (a subset of Slack's fields). */
export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  /** IANA zone, e.g. `Asia/Shanghai`. `tz_offset`/`tz_label` are derived from it. */
  tz: string;
  is_bot: boolean;
  deleted: boolean;
  locale: string;
}

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

/** Socket Mode envelope types. */
export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

/** A Socket Mode envelope as Slack sends it over the WebSocket. */
export interface SocketEnvelope<P extends JsonObject = JsonObject> {
  envelope_id: string;
  type: EnvelopeType;
  payload: P;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** Optional envelope fields for {@link buildEnvelope}. */
export type EnvelopeOptions = Partial<Omit<SocketEnvelope, 'type' | 'payload'>>;

/** What the app sends back over the socket to acknowledge an envelope. */
export interface SocketAck {
  envelope_id: string;
  /** Bolt always sends one: `{}` for a bare `ack()`, `{ text }` for `ack('…')`, or the object given. */
  payload?: JsonObject;
}

/** Slash command payload (all values are strings, as Slack sends them). */
export interface SlashCommandPayload extends Record<string, string> {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
}

/** Options for {@link FakeSlack.slashCommand}; `command` is required, the rest default sensibly. */
export type SlashCommandOptions = Partial<SlashCommandPayload> & { command: string };

/** An Events API `event_callback` body. */
export interface EventCallbackPayload extends JsonObject {
  token: string;
  team_id: string;
  api_app_id: string;
  type: 'event_callback';
  event: JsonObject;
  /** Unique per delivery attempt series; apps dedupe retries on it. */
  event_id: string;
  event_time: number;
  authorizations: JsonObject[];
  is_ext_shared_channel: boolean;
  event_context: string;
}

/** Options for {@link FakeSlack.eventCallback}. */
export interface EventCallbackOptions {
  event_id?: string;
  event_time?: number;
}

/** One element of `actions[]` in a `block_actions` payload. */
export interface BlockActionInput extends JsonObject {
  action_id: string;
  block_id?: string;
  type?: string;
  value?: string;
}

/** Options for {@link FakeSlack.blockActions}. */
export interface BlockActionsOptions {
  actions: BlockActionInput[];
  user_id?: string;
  channel_id?: string;
  /** The message the button was in; defaults to a bot message with a fresh `ts`. */
  message?: JsonObject;
  response_url?: string;
  trigger_id?: string;
}

/** Headers that authenticate a request to a Bolt HTTP endpoint. */
export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Options for the `post…` helpers that call a Bolt HTTP endpoint. */
export interface SignedPostOptions {
  signingSecret: string;
  /** Unix seconds to sign with (default now). Use an old value to test staleness checks. */
  timestampSeconds?: number;
  /** Sets `x-slack-retry-num` (Slack's HTTP retry header). */
  retryNum?: number;
  /** Sets `x-slack-retry-reason`, e.g. `http_timeout`. */
  retryReason?: string;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
}

/** Result of an HTTP POST made by the helpers. */
export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw response text. */
  body: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

// ---------------------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------------------

const DEFAULT_WAIT_MS = 5_000;

/** Form fields that carry plain text even when they look like JSON. */
const PLAIN_TEXT_FIELDS = new Set([
  'text',
  'markdown_text',
  'query',
  'title',
  'initial_comment',
  'alt_text',
  'name',
  'topic',
  'purpose',
  'username',
]);

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

let tsCounter = 0;

/** A fresh, strictly increasing Slack-style message timestamp (`"1700000000.000123"`). */
export function nextTs(): string {
  tsCounter += 1;
  return `${nowSeconds()}.${String(tsCounter).padStart(6, '0')}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Decodes a form value the WebClient JSON-encoded (objects/arrays) back into an object. */
function decodeFormValue(key: string, value: string): unknown {
  if (PLAIN_TEXT_FIELDS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  const parsed = tryParseJson(value);
  return parsed === undefined ? value : parsed;
}

/** The DM channel id the fake uses for a user: `U123` → `D123`. */
export function dmChannelId(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}

/** UTC offset in seconds and a long label for an IANA zone (0 / the zone name when unknown). */
function describeTimeZone(tz: string): { offset: number; label: string } {
  try {
    const at = new Date();
    const part = (style: 'longOffset' | 'long'): string =>
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
    const offset = match
      ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60)
      : 0;
    return { offset, label: part('long') || tz };
  } catch {
    return { offset: 0, label: tz };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Closes a WebSocket with 1001 (or finishes a handshake in progress); terminates it after `graceMs`. */
function closeGracefully(socket: WebSocket, graceMs: number): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), graceMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === socket.OPEN) socket.close(1001, 'fake slack closing');
  });
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** An append-only log that can be awaited: `waitFor` resolves with the first matching item, past or future. */
class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(item);
      }
    }
  }

  waitFor(match: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const existing = this.items.find(match);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`Timed out after ${timeoutMs}ms waiting for ${describe()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.items.length = 0;
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }
}

interface Override {
  responder: ApiResponder;
  status: number;
  headers: Record<string, string>;
  delayMs: number;
  remaining: number;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
  delayMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// Pure builders
// ---------------------------------------------------------------------------------------------------------

/**
 * Wraps a payload in a Socket Mode envelope. `accepts_response_payload` defaults to true except for
 * `events_api`; events carry `retry_attempt: 0, retry_reason: ''` unless given.
 */
export function buildEnvelope<P extends JsonObject>(
  type: EnvelopeType,
  payload: P,
  options: EnvelopeOptions = {},
): SocketEnvelope<P> {
  const envelope: SocketEnvelope<P> = {
    envelope_id: options.envelope_id ?? randomUUID(),
    type,
    payload,
    accepts_response_payload: options.accepts_response_payload ?? type !== 'events_api',
  };
  const retryAttempt = options.retry_attempt ?? (type === 'events_api' ? 0 : undefined);
  const retryReason = options.retry_reason ?? (type === 'events_api' ? '' : undefined);
  if (retryAttempt !== undefined) envelope.retry_attempt = retryAttempt;
  if (retryReason !== undefined) envelope.retry_reason = retryReason;
  return envelope;
}

/** An `app_mention` event. Put `<@UBOT>` in `text` yourself if the app relies on it. */
export function appMentionEvent(options: {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
}): JsonObject {
  const ts = options.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: options.user ?? 'U1',
    text: options.text,
    ts,
    channel: options.channel ?? 'C1',
    event_ts: ts,
    client_msg_id: randomUUID(),
    ...(options.thread_ts === undefined ? {} : { thread_ts: options.thread_ts }),
  };
}

/** A `message` event in a DM with the bot (what the `message.im` subscription delivers). */
export function directMessageEvent(options: {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
}): JsonObject {
  const user = options.user ?? 'U1';
  const ts = options.ts ?? nextTs();
  return {
    type: 'message',
    channel_type: 'im',
    user,
    text: options.text,
    ts,
    channel: options.channel ?? dmChannelId(user),
    event_ts: ts,
    client_msg_id: randomUUID(),
    ...(options.thread_ts === undefined ? {} : { thread_ts: options.thread_ts }),
  };
}

/** An `app_home_opened` event. */
export function appHomeOpenedEvent(
  options: { user?: string; tab?: 'home' | 'messages'; channel?: string } = {},
): JsonObject {
  const user = options.user ?? 'U1';
  return {
    type: 'app_home_opened',
    user,
    channel: options.channel ?? dmChannelId(user),
    tab: options.tab ?? 'home',
    event_ts: nextTs(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Socket Mode side
// ---------------------------------------------------------------------------------------------------------

/** The WebSocket half of the fake (reached via `fake.socket`). */
export class FakeSocketMode {
  /** Every JSON message the app sent over any socket (acks and anything else). */
  readonly messages: unknown[] = [];
  /** Number of ping frames received from the app (Bolt's client pings every `clientPingTimeout / 3` ms). */
  pingsReceived = 0;

  private readonly sockets = new Set<WebSocket>();
  private readonly ackLog = new Recorder<SocketAck>();
  private readonly connectionLog = new Recorder<number>();

  constructor(private readonly appId: string) {}

  /** Acks received so far, oldest first. */
  acks(): SocketAck[] {
    return [...this.ackLog.items];
  }

  /** Total connections that have received `hello` (reconnects count again). */
  get connectionCount(): number {
    return this.connectionLog.items.length;
  }

  /** Whether at least one socket is open. */
  get connected(): boolean {
    return this.openSocket() !== undefined;
  }

  /** Resolves once `count` connections in total have been greeted with `hello`. */
  async waitForConnection(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.connectionLog.waitFor(
      (n) => n >= count,
      timeoutMs,
      () => `Socket Mode connection #${count} (had ${this.connectionCount})`,
    );
  }

  /**
   * Sends an envelope to the newest open socket (waiting for a connection if needed) and resolves with the
   * app's ack. Rejects after `timeoutMs` if no ack comes — e.g. Bolt never acks a command no listener matched.
   */
  async send(envelope: SocketEnvelope, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketAck> {
    await this.waitForConnection(1, timeoutMs);
    const socket = this.openSocket();
    if (socket === undefined) throw new Error('No open Socket Mode connection to send to');
    const ack = this.ackLog.waitFor(
      (a) => a.envelope_id === envelope.envelope_id,
      timeoutMs,
      () => `an ack for ${envelope.type} envelope ${envelope.envelope_id}`,
    );
    socket.send(JSON.stringify(envelope));
    return ack;
  }

  /** Builds an envelope around `payload` (see {@link buildEnvelope}) and {@link send}s it. */
  sendPayload(
    type: EnvelopeType,
    payload: JsonObject,
    options: EnvelopeOptions = {},
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<SocketAck> {
    return this.send(buildEnvelope(type, payload, options), timeoutMs);
  }

  /** Sends any JSON message to every open socket (no ack expected). */
  sendRaw(message: unknown): void {
    const text = JSON.stringify(message);
    for (const socket of this.sockets) socket.send(text);
  }

  /**
   * Sends Slack's `disconnect` message. Bolt's client then closes the socket and, unless stopped, reconnects
   * (calling `apps.connections.open` again) after `clientPingTimeout` ms (5 s by default).
   */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    this.sendRaw({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } });
  }

  /** Sends a WebSocket ping frame to every open socket, as Slack does periodically. */
  ping(): void {
    for (const socket of this.sockets) socket.ping();
  }

  /** @internal Called by {@link FakeSlack} for each upgraded connection. */
  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('ping', () => {
      this.pingsReceived += 1;
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(rawDataToString(data));
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.connectionLog.push(this.connectionCount + 1);
  }

  /** @internal Forgets acks/messages (connections stay). */
  clear(): void {
    this.ackLog.clear();
    this.messages.length = 0;
  }

  /**
   * @internal Fails pending waits, then closes every socket with a close handshake (so a stopping Bolt client
   * sees a clean close, not an error), terminating any that haven't closed within `graceMs`.
   */
  async shutdown(graceMs = 500): Promise<void> {
    const error = new Error('FakeSlack closed');
    this.ackLog.rejectAll(error);
    this.connectionLog.rejectAll(error);
    const sockets = [...this.sockets];
    this.sockets.clear();
    await Promise.all(sockets.map((socket) => closeGracefully(socket, graceMs)));
  }

  private openSocket(): WebSocket | undefined {
    let newest: WebSocket | undefined;
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) newest = socket;
    return newest;
  }

  private onMessage(text: string): void {
    const message = tryParseJson(text);
    this.messages.push(message ?? text);
    if (isObject(message) && typeof message.envelope_id === 'string') {
      const ack: SocketAck = { envelope_id: message.envelope_id };
      if (isObject(message.payload)) ack.payload = message.payload;
      this.ackLog.push(ack);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

type DefaultHandler = (request: ApiRequest) => JsonObject;

/** A fake Slack (Web API + response_url + Socket Mode) on 127.0.0.1. Create with {@link FakeSlack.start}. */
export class FakeSlack {
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
  private readonly callLog = new Recorder<RecordedCall>();
  private readonly responseLog = new Recorder<RecordedResponse>();
  private readonly limited = new Map<string, Override[]>();
  private readonly persistent = new Map<string, Override>();
  private readonly users = new Map<string, Partial<FakeUser>>();
  private readonly members = new Map<string, string[]>();
  private readonly responseUrlReplies: { status: number; body: unknown; remaining: number }[] = [];
  private responseUrlDelayMs = 0;
  private readonly defaults: Map<string, DefaultHandler>;
  private port = 0;
  private tickets = 0;
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
    this.defaults = this.defaultHandlers();
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
    return this.callLog.items.filter((c) => method === undefined || c.method === method);
  }

  /**
   * Resolves with the first call of `method` (already recorded or arriving within `timeoutMs`) that
   * satisfies `predicate`. Use a predicate or {@link reset} to skip earlier calls.
   */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedCall> {
    return this.callLog.waitFor(
      (c) => c.method === method && predicate(c),
      timeoutMs,
      () => `a ${method} call; recorded: [${this.callLog.items.map((c) => c.method).join(', ')}]`,
    );
  }

  /**
   * Overrides the response of `method`: persistent unless `times` is given (then used that many times
   * before falling back). Counted overrides are consumed first, in the order added; a new persistent one
   * replaces the previous. Example: `fake.respond('chat.postMessage', { ok: false, error: 'not_in_channel' })`.
   */
  respond(method: string, response: ApiResponder, options: RespondOptions = {}): void {
    const override: Override = {
      responder: response,
      status: options.status ?? 200,
      headers: options.headers ?? {},
      delayMs: options.delayMs ?? 0,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
    };
    if (options.times === undefined) {
      this.persistent.set(method, override);
    } else {
      const queue = this.limited.get(method) ?? [];
      queue.push(override);
      this.limited.set(method, queue);
    }
  }

  /** Shorthand for `respond(method, response, { times: 1 })`. */
  respondOnce(method: string, response: ApiResponder): void {
    this.respond(method, response, { times: 1 });
  }

  /** Answers the next `times` (default 1) calls of `method` with HTTP 429, `Retry-After`, `error: 'ratelimited'`. */
  rateLimit(method: string, options: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.respond(
      method,
      { ok: false, error: 'ratelimited' },
      {
        times: options.times ?? 1,
        status: 429,
        headers: { 'retry-after': String(options.retryAfterSeconds ?? 1) },
      },
    );
  }

  /** Configures a user for `users.info` (merged over defaults: tz = `defaultTz`, name `user-<id>`). */
  setUser(id: string, user: Partial<Omit<FakeUser, 'id'>>): void {
    this.users.set(id, { ...this.users.get(id), ...user });
  }

  /**
   * Sets who is in a conversation, for `conversations.members`. Unset: a DM holds its user and
   * the bot, any other conversation only the bot.
   */
  setMembers(channelId: string, userIds: string[]): void {
    this.members.set(channelId, [...userIds]);
  }

  /** The user `users.info` returns for `id`. */
  user(id: string): FakeUser {
    return {
      id,
      team_id: this.teamId,
      name: `user-${id.toLowerCase()}`,
      real_name: `User ${id}`,
      tz: this.defaultTz,
      is_bot: false,
      deleted: false,
      locale: 'zh-CN',
      ...this.users.get(id),
    };
  }

  // ----- response_url ----------------------------------------------------------------------------------

  /** A response_url on the fake: `http://127.0.0.1:PORT/response/<id>` (random id when omitted). */
  responseUrl(id: string = randomUUID()): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** POSTs received on response_urls, oldest first; only those for `id` when given. */
  responses(id?: string): RecordedResponse[] {
    return this.responseLog.items.filter((r) => id === undefined || r.id === id);
  }

  /** Like {@link waitForCall} for response_url POSTs; `id` undefined matches any response_url. */
  waitForResponse(
    id?: string,
    predicate: (response: RecordedResponse) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedResponse> {
    return this.responseLog.waitFor(
      (r) => (id === undefined || r.id === id) && predicate(r),
      timeoutMs,
      () =>
        `a response_url POST${id === undefined ? '' : ` to ${id}`}; recorded: ${this.responseLog.items.length}`,
    );
  }

  /** Makes the next `times` (default 1) response_url POSTs answer `status`/`body` (e.g. 404 `expired_url`). */
  respondToResponseUrl(reply: { status: number; body?: unknown }, options: { times?: number } = {}): void {
    this.responseUrlReplies.push({
      status: reply.status,
      body: reply.body ?? { ok: false },
      remaining: options.times ?? 1,
    });
  }

  /**
   * Makes every later response_url POST take `ms` before it is recorded and answered, as a slow
   * Slack would: a POST is only in {@link responses} once it has been delivered.
   */
  delayResponseUrls(ms: number): void {
    this.responseUrlDelayMs = ms;
  }

  /** The `id` of a response_url made by {@link responseUrl}. */
  static responseIdOf(url: string): string {
    return decodeURIComponent(new URL(url).pathname.replace(/^\/response\//, ''));
  }

  // ----- payload builders bound to this workspace --------------------------------------------------------

  /** A slash command payload whose `response_url` points at this fake. */
  slashCommand(options: SlashCommandOptions): SlashCommandPayload {
    return {
      token: 'fake-verification-token',
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: 'C1',
      channel_name: 'general',
      user_id: 'U1',
      user_name: 'user-u1',
      text: '',
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl(),
      trigger_id: `${nowSeconds()}.${randomUUID()}`,
      ...options,
    };
  }

  /** Wraps an event (see `appMentionEvent`, `directMessageEvent`, `appHomeOpenedEvent`) in an `event_callback`. */
  eventCallback(event: JsonObject, options: EventCallbackOptions = {}): EventCallbackPayload {
    return {
      token: 'fake-verification-token',
      team_id: this.teamId,
      api_app_id: this.appId,
      event,
      type: 'event_callback',
      event_id: options.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: options.event_time ?? nowSeconds(),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-fake-${randomUUID()}`,
    };
  }

  /** A `block_actions` interactive payload whose `response_url` points at this fake. */
  blockActions(options: BlockActionsOptions): JsonObject {
    const userId = options.user_id ?? 'U1';
    const channelId = options.channel_id ?? 'C1';
    const message = options.message ?? {
      type: 'message',
      user: this.botUserId,
      bot_id: this.botId,
      text: 'fake message',
      ts: nextTs(),
      blocks: [],
    };
    const messageTs = typeof message.ts === 'string' ? message.ts : nextTs();
    return {
      type: 'block_actions',
      user: {
        id: userId,
        username: `user-${userId.toLowerCase()}`,
        name: `user-${userId.toLowerCase()}`,
        team_id: this.teamId,
      },
      api_app_id: this.appId,
      token: 'fake-verification-token',
      container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
      trigger_id: `${nowSeconds()}.${randomUUID()}`,
      team: { id: this.teamId, domain: this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: 'general' },
      message: { ...message, ts: messageTs },
      state: { values: {} },
      response_url: options.response_url ?? this.responseUrl(),
      actions: options.actions.map((action) => ({
        type: 'button',
        block_id: 'block-1',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        action_ts: nextTs(),
        ...action,
      })),
    };
  }

  // ----- lifecycle --------------------------------------------------------------------------------------

  /** Forgets recorded calls, responses, acks and all overrides (connections stay open). */
  reset(): void {
    this.callLog.clear();
    this.responseLog.clear();
    this.socket.clear();
    this.limited.clear();
    this.persistent.clear();
    this.responseUrlReplies.length = 0;
  }

  /**
   * Closes sockets (cleanly, within 0.5 s) and the server; pending waits reject. Idempotent.
   * Stop the Bolt app first, or its socket client will try to reconnect.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const error = new Error('FakeSlack closed');
      this.callLog.rejectAll(error);
      this.responseLog.rejectAll(error);
      await this.socket.shutdown();
      this.wss.close();
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      });
    })();
    return this.closing;
  }

  // ----- request handling -------------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    if (!path.startsWith('/link')) {
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
      await this.handleApi(
        decodeURIComponent(url.pathname.slice('/api/'.length)),
        url,
        req,
        body,
        contentType,
        res,
      );
    } else if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      if (this.responseUrlDelayMs > 0) await sleep(this.responseUrlDelayMs);
      this.handleResponseUrl(decodeURIComponent(url.pathname.slice('/response/'.length)), body, res);
    } else {
      sendJson(res, 404, { ok: false, error: 'unknown_path' });
    }
  }

  private async handleApi(
    method: string,
    url: URL,
    req: IncomingMessage,
    body: string,
    contentType: string,
    res: ServerResponse,
  ): Promise<void> {
    const args = this.parseArgs(url, body, contentType);
    const bodyToken = asString(args.token);
    delete args.token;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const request: ApiRequest = { method, args, token: bearer ?? bodyToken };
    const reply = this.reply(request);
    this.callLog.push({ ...request, status: reply.status, response: reply.body });
    if (reply.delayMs > 0) await sleep(reply.delayMs);
    if (!res.destroyed) sendJson(res, reply.status, reply.body, reply.headers);
  }

  private parseArgs(url: URL, body: string, contentType: string): JsonObject {
    const args: JsonObject = {};
    const addForm = (params: URLSearchParams): void => {
      for (const [key, value] of params) args[key] = decodeFormValue(key, value);
    };
    addForm(url.searchParams);
    if (contentType === 'application/json') {
      const parsed = tryParseJson(body);
      if (isObject(parsed)) Object.assign(args, parsed);
    } else if (body !== '') {
      addForm(new URLSearchParams(body));
    }
    return args;
  }

  /** Override → auth checks → default handler → `{ ok: true }`. */
  private reply(request: ApiRequest): Reply {
    const override = this.takeOverride(request.method);
    if (override !== undefined) {
      const body =
        typeof override.responder === 'function' ? override.responder(request) : override.responder;
      return { status: override.status, headers: override.headers, body, delayMs: override.delayMs };
    }
    const ok = (body: JsonObject): Reply => ({ status: 200, headers: {}, body, delayMs: 0 });
    const { token } = request;
    if (token === undefined) return ok({ ok: false, error: 'not_authed' });
    const isAppToken = token.startsWith('xapp-');
    if ((request.method === 'apps.connections.open') !== isAppToken) {
      return ok({ ok: false, error: 'not_allowed_token_type' });
    }
    const handler = this.defaults.get(request.method);
    return ok(handler === undefined ? { ok: true } : handler(request));
  }

  private takeOverride(method: string): Override | undefined {
    const queue = this.limited.get(method);
    const next = queue?.[0];
    if (queue !== undefined && next !== undefined) {
      next.remaining -= 1;
      if (next.remaining <= 0) queue.shift();
      return next;
    }
    return this.persistent.get(method);
  }

  private handleResponseUrl(id: string, body: string, res: ServerResponse): void {
    const parsed = tryParseJson(body);
    this.responseLog.push({ id, body: parsed === undefined ? body : parsed });
    const next = this.responseUrlReplies[0];
    if (next !== undefined) {
      next.remaining -= 1;
      if (next.remaining <= 0) this.responseUrlReplies.shift();
      sendJson(res, next.status, next.body);
      return;
    }
    sendJson(res, 200, { ok: true });
  }

  // ----- default Web API behaviour ----------------------------------------------------------------------

  private botMessage(args: JsonObject, ts: string): JsonObject {
    const message: JsonObject = {
      type: 'message',
      subtype: 'bot_message',
      text: args.text ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      ts,
    };
    for (const key of ['blocks', 'attachments', 'thread_ts', 'metadata']) {
      if (args[key] !== undefined) message[key] = args[key];
    }
    return message;
  }

  private resolveChannel(channel: string): string {
    return /^[UW]/.test(channel) ? dmChannelId(channel) : channel;
  }

  private defaultHandlers(): Map<string, DefaultHandler> {
    const hasContent = (args: JsonObject): boolean =>
      asString(args.text) !== undefined || args.blocks !== undefined || args.attachments !== undefined;
    const view = (args: JsonObject, type: string): JsonObject => ({
      id: `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      team_id: this.teamId,
      app_id: this.appId,
      bot_id: this.botId,
      hash: `${nowSeconds()}.fake`,
      type,
      ...(isObject(args.view) ? args.view : {}),
    });
    return new Map<string, DefaultHandler>([
      [
        'auth.test',
        () => ({
          ok: true,
          url: `https://${this.teamDomain}.slack.com/`,
          team: 'Fake Team',
          user: this.botName,
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        }),
      ],
      [
        'apps.connections.open',
        () => {
          this.tickets += 1;
          return {
            ok: true,
            url: `ws://127.0.0.1:${this.port}/link/?ticket=${this.tickets}&app_id=${this.appId}`,
          };
        },
      ],
      [
        'chat.postMessage',
        ({ args }) => {
          const channel = asString(args.channel);
          if (channel === undefined) return { ok: false, error: 'channel_not_found' };
          if (!hasContent(args)) return { ok: false, error: 'no_text' };
          const ts = nextTs();
          return { ok: true, channel: this.resolveChannel(channel), ts, message: this.botMessage(args, ts) };
        },
      ],
      [
        'chat.postEphemeral',
        ({ args }) => {
          if (asString(args.channel) === undefined) return { ok: false, error: 'channel_not_found' };
          if (asString(args.user) === undefined) return { ok: false, error: 'user_not_found' };
          if (!hasContent(args)) return { ok: false, error: 'no_text' };
          return { ok: true, message_ts: nextTs() };
        },
      ],
      [
        'chat.update',
        ({ args }) => {
          const channel = asString(args.channel);
          const ts = asString(args.ts);
          if (channel === undefined) return { ok: false, error: 'channel_not_found' };
          if (ts === undefined) return { ok: false, error: 'message_not_found' };
          return { ok: true, channel, ts, text: args.text ?? '', message: this.botMessage(args, ts) };
        },
      ],
      [
        'chat.delete',
        ({ args }) => {
          const channel = asString(args.channel);
          const ts = asString(args.ts);
          if (channel === undefined) return { ok: false, error: 'channel_not_found' };
          if (ts === undefined) return { ok: false, error: 'message_not_found' };
          return { ok: true, channel, ts };
        },
      ],
      [
        'chat.getPermalink',
        ({ args }) => {
          const channel = asString(args.channel) ?? '';
          const ts = asString(args.message_ts) ?? '';
          return {
            ok: true,
            channel,
            permalink: `https://${this.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
          };
        },
      ],
      [
        'views.publish',
        ({ args }) => {
          if (asString(args.user_id) === undefined) return { ok: false, error: 'invalid_arguments' };
          if (!isObject(args.view)) return { ok: false, error: 'invalid_arguments' };
          return { ok: true, view: view(args, 'home') };
        },
      ],
      ['views.open', ({ args }) => ({ ok: true, view: view(args, 'modal') })],
      ['views.update', ({ args }) => ({ ok: true, view: view(args, 'modal') })],
      ['views.push', ({ args }) => ({ ok: true, view: view(args, 'modal') })],
      [
        'users.info',
        ({ args }) => {
          const id = asString(args.user);
          if (id === undefined) return { ok: false, error: 'user_not_found' };
          const user = this.user(id);
          const { offset, label } = describeTimeZone(user.tz);
          return {
            ok: true,
            user: {
              ...user,
              tz_label: label,
              tz_offset: offset,
              profile: { real_name: user.real_name, display_name: user.name },
            },
          };
        },
      ],
      [
        'conversations.info',
        ({ args }) => {
          const id = asString(args.channel);
          if (id === undefined) return { ok: false, error: 'channel_not_found' };
          const isIm = id.startsWith('D');
          return {
            ok: true,
            channel: {
              id,
              name: isIm ? undefined : 'general',
              is_channel: id.startsWith('C'),
              is_group: id.startsWith('G'),
              is_im: isIm,
              is_private: !id.startsWith('C'),
              is_archived: false,
              is_member: true,
              context_team_id: this.teamId,
            },
          };
        },
      ],
      [
        'conversations.members',
        ({ args }) => {
          const id = asString(args.channel);
          if (id === undefined) return { ok: false, error: 'channel_not_found' };
          const dmUser = id.startsWith('D') ? [`U${id.slice(1)}`] : [];
          const members = this.members.get(id) ?? dmUser;
          return { ok: true, members: [this.botUserId, ...members], response_metadata: { next_cursor: '' } };
        },
      ],
      [
        'conversations.open',
        ({ args }) => {
          const users = asString(args.users)?.split(',') ?? [];
          const channel =
            asString(args.channel) ?? (users.length === 1 && users[0] ? dmChannelId(users[0]) : undefined);
          if (channel === undefined) return { ok: false, error: 'users_list_not_supplied' };
          return { ok: true, channel: { id: channel } };
        },
      ],
    ]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// HTTP-mode helpers (requests from "Slack" to a Bolt HTTPReceiver)
// ---------------------------------------------------------------------------------------------------------

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = nowSeconds(),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

/** POSTs `rawBody` to `url` with Slack's signature headers (no keep-alive, so servers close promptly). */
export function postSignedRequest(
  url: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedPostOptions,
): Promise<HttpResult> {
  const headers: Record<string, string> = {
    // Bolt compares the content type exactly: no `; charset=…` on form bodies.
    'content-type': contentType,
    ...signSlackRequest(options.signingSecret, rawBody, options.timestampSeconds),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  return httpPost(url, rawBody, { ...headers, ...options.headers });
}

/** POSTs a slash command form-encoded, as Slack does. */
export function postSlashCommand(
  url: string,
  payload: Record<string, string>,
  options: SignedPostOptions,
): Promise<HttpResult> {
  return postSignedRequest(
    url,
    new URLSearchParams(payload).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** POSTs an Events API body (e.g. from `fake.eventCallback`) as JSON, as Slack does. */
export function postEvent(url: string, payload: JsonObject, options: SignedPostOptions): Promise<HttpResult> {
  return postSignedRequest(url, JSON.stringify(payload), 'application/json', options);
}

/** POSTs an interactive payload as form field `payload=<json>`, as Slack does. */
export function postInteractive(
  url: string,
  payload: JsonObject,
  options: SignedPostOptions,
): Promise<HttpResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSignedRequest(url, body, 'application/x-www-form-urlencoded', options);
}

function httpPost(url: string, body: string, headers: Record<string, string>): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            json: text === '' ? undefined : tryParseJson(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
