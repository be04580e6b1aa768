/**
 * The Web API half of the fake Slack: `POST /api/<method>` (form-encoded or JSON; bearer token),
 * answered by per-method overrides, then Slack-like default handlers, then `{ ok: true }`; every
 * call is recorded. Reached through {@link FakeSlack}'s `calls`, `waitForCall`, `respond`, ….
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Recorder } from './recorder.ts';
import {
  asString,
  DEFAULT_WAIT_MS,
  dmChannelId,
  isObject,
  type JsonObject,
  nextTs,
  nowSeconds,
  sendJson,
  sleep,
  tryParseJson,
  type Workspace,
} from './shared.ts';

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

/** Decodes a form value the WebClient JSON-encoded (objects/arrays) back into an object. */
function decodeFormValue(key: string, value: string): unknown {
  if (PLAIN_TEXT_FIELDS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  const parsed = tryParseJson(value);
  return parsed === undefined ? value : parsed;
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

type DefaultHandler = (request: ApiRequest) => JsonObject;

/** The Web API of the fake: call log, overrides, users and members, default handlers. */
export class FakeWebApi {
  private readonly callLog = new Recorder<RecordedCall>();
  private readonly limited = new Map<string, Override[]>();
  private readonly persistent = new Map<string, Override>();
  private readonly users = new Map<string, Partial<FakeUser>>();
  private readonly members = new Map<string, string[]>();
  private readonly defaults: Map<string, DefaultHandler>;
  private tickets = 0;

  /**
   * @param workspace identity the default handlers answer with
   * @param socketUrl the WebSocket URL `apps.connections.open` returns for its `ticket`-th call
   */
  constructor(
    private readonly workspace: Workspace,
    private readonly socketUrl: (ticket: number) => string,
  ) {
    this.defaults = this.defaultHandlers();
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
      team_id: this.workspace.teamId,
      name: `user-${id.toLowerCase()}`,
      real_name: `User ${id}`,
      tz: this.workspace.defaultTz,
      is_bot: false,
      deleted: false,
      locale: 'zh-CN',
      ...this.users.get(id),
    };
  }

  /** Forgets recorded calls and all overrides (users and members stay). */
  reset(): void {
    this.callLog.clear();
    this.limited.clear();
    this.persistent.clear();
  }

  /** Fails pending waits with `error`. */
  rejectAll(error: Error): void {
    this.callLog.rejectAll(error);
  }

  // ----- request handling -------------------------------------------------------------------------------

  /** Answers `POST /api/<method>`: records the call, then replies (after any override's delay). */
  async handle(
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

  // ----- default Web API behaviour ----------------------------------------------------------------------

  private botMessage(args: JsonObject, ts: string): JsonObject {
    const message: JsonObject = {
      type: 'message',
      subtype: 'bot_message',
      text: args.text ?? '',
      user: this.workspace.botUserId,
      bot_id: this.workspace.botId,
      app_id: this.workspace.appId,
      team: this.workspace.teamId,
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
    const { teamId, teamDomain, appId, botUserId, botId, botName } = this.workspace;
    const hasContent = (args: JsonObject): boolean =>
      asString(args.text) !== undefined || args.blocks !== undefined || args.attachments !== undefined;
    const view = (args: JsonObject, type: string): JsonObject => ({
      id: `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      team_id: teamId,
      app_id: appId,
      bot_id: botId,
      hash: `${nowSeconds()}.fake`,
      type,
      ...(isObject(args.view) ? args.view : {}),
    });
    return new Map<string, DefaultHandler>([
      [
        'auth.test',
        () => ({
          ok: true,
          url: `https://${teamDomain}.slack.com/`,
          team: 'Fake Team',
          user: botName,
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        }),
      ],
      [
        'apps.connections.open',
        () => {
          this.tickets += 1;
          return { ok: true, url: this.socketUrl(this.tickets) };
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
            permalink: `https://${teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
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
              context_team_id: teamId,
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
          return { ok: true, members: [botUserId, ...members], response_metadata: { next_cursor: '' } };
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
