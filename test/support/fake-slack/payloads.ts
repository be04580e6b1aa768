/**
 * Payload builders: what Slack sends an app, before it is wrapped for delivery (a Socket Mode envelope,
 * see `socket-mode.ts`, or a signed HTTP POST, see `http.ts`). The event builders are pure; the others
 * take the workspace they come from (a {@link FakeSlack} is one) and are exposed bound to it, e.g.
 * `fake.slashCommand(…)`, so that their `response_url` points at that fake.
 */
import { randomUUID } from 'node:crypto';
import { dmChannelId, type JsonObject, nextTs, nowSeconds, type Workspace } from './shared.ts';

/** A workspace that also serves response_urls (a {@link FakeSlack}). */
export interface PayloadSource extends Workspace {
  /** A fresh response_url on the fake. */
  responseUrl(): string;
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

/** The message a message shortcut was used on, as Slack puts it in the payload. */
export interface ShortcutMessage extends JsonObject {
  type: 'message';
  ts: string;
  text: string;
  /** The author; absent on messages from bots without a bot user. */
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  thread_ts?: string;
  blocks?: JsonObject[];
  files?: JsonObject[];
  attachments?: JsonObject[];
  /** Set with `files`, as on messages that uploaded them. */
  upload?: boolean;
  client_msg_id?: string;
}

/** A message shortcut (`message_action`) interactive payload. */
export interface MessageShortcutPayload extends JsonObject {
  type: 'message_action';
  token: string;
  action_ts: string;
  team: { id: string; domain: string };
  /** Who used the shortcut. */
  user: { id: string; name: string; username: string; team_id: string };
  /** Where the message is. */
  channel: { id: string; name: string };
  /** Always `false`: the fake is no Enterprise Grid org (whose installs also get an `enterprise`). */
  is_enterprise_install: boolean;
  callback_id: string;
  trigger_id: string;
  response_url: string;
  /** The message's `ts` again. */
  message_ts: string;
  message: ShortcutMessage;
}

/** Options for {@link FakeSlack.messageShortcut}; `callbackId` is required, the rest default sensibly. */
export interface MessageShortcutOptions {
  /** The shortcut's Callback ID, as declared in the app's manifest. */
  callbackId: string;
  /** The message's text (default `''`, as on a message of only files). */
  text?: string;
  /** The conversation the message is in (default `C1`). */
  channel?: string;
  /** Its name in the payload (default `directmessage` for a `D…` id, else `general`). */
  channelName?: string;
  /** Who used the shortcut (default `U1`). */
  user?: string;
  /**
   * Who wrote the message. Default: the user who used the shortcut; the fake's bot user when `botId`
   * is the fake's bot; no one for another bot's message.
   */
  author?: string;
  /** Makes it a bot's message (`bot_id`); use `fake.botId` for one the app itself posted. */
  botId?: string;
  /** The message's blocks. */
  blocks?: JsonObject[];
  /** Files shared with the message (Slack's file objects, as given); also sets `upload: true`. */
  files?: JsonObject[];
  /**
   * Its attachments, as given: a forwarded message is one with `is_share: true` and the original's
   * `text`, `author_id`, `channel_id`, `ts`, while the message's own `text` is the comment (often `''`).
   */
  attachments?: JsonObject[];
  /** The message's `ts` (default a fresh one). */
  ts?: string;
  /** Makes it a reply in a thread: the parent message's `ts`. */
  threadTs?: string;
  /** Default: a fresh response_url on the fake. */
  responseUrl?: string;
  triggerId?: string;
}

function triggerId(): string {
  return `${nowSeconds()}.${randomUUID()}`;
}

// ---------------------------------------------------------------------------------------------------------
// Events (pure)
// ---------------------------------------------------------------------------------------------------------

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
// Payloads of a workspace (exposed bound to a FakeSlack)
// ---------------------------------------------------------------------------------------------------------

/** A slash command payload whose `response_url` points at the fake. */
export function slashCommandPayload(from: PayloadSource, options: SlashCommandOptions): SlashCommandPayload {
  return {
    token: 'fake-verification-token',
    team_id: from.teamId,
    team_domain: from.teamDomain,
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'user-u1',
    text: '',
    api_app_id: from.appId,
    is_enterprise_install: 'false',
    response_url: from.responseUrl(),
    trigger_id: triggerId(),
    ...options,
  };
}

/** Wraps an event (see `appMentionEvent`, `directMessageEvent`, `appHomeOpenedEvent`) in an `event_callback`. */
export function eventCallbackPayload(
  from: Workspace,
  event: JsonObject,
  options: EventCallbackOptions = {},
): EventCallbackPayload {
  return {
    token: 'fake-verification-token',
    team_id: from.teamId,
    api_app_id: from.appId,
    event,
    type: 'event_callback',
    event_id: options.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: options.event_time ?? nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: from.teamId,
        user_id: from.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${randomUUID()}`,
  };
}

/** A `block_actions` interactive payload whose `response_url` points at the fake. */
export function blockActionsPayload(from: PayloadSource, options: BlockActionsOptions): JsonObject {
  const userId = options.user_id ?? 'U1';
  const channelId = options.channel_id ?? 'C1';
  const message = options.message ?? {
    type: 'message',
    user: from.botUserId,
    bot_id: from.botId,
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
      team_id: from.teamId,
    },
    api_app_id: from.appId,
    token: 'fake-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: options.trigger_id ?? triggerId(),
    team: { id: from.teamId, domain: from.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'general' },
    message: { ...message, ts: messageTs },
    state: { values: {} },
    response_url: options.response_url ?? from.responseUrl(),
    actions: options.actions.map((action) => ({
      type: 'button',
      block_id: 'block-1',
      text: { type: 'plain_text', text: 'Button', emoji: true },
      action_ts: nextTs(),
      ...action,
    })),
  };
}

/**
 * A message shortcut (`message_action`) interactive payload whose `response_url` points at the fake:
 * what Slack sends when someone picks the app's shortcut in a message's ⋯ menu. Deliver it like
 * block actions: a Socket Mode `interactive` envelope, or `postInteractive` (form field `payload=`).
 */
export function messageShortcutPayload(
  from: PayloadSource,
  options: MessageShortcutOptions,
): MessageShortcutPayload {
  const userId = options.user ?? 'U1';
  const channelId = options.channel ?? 'C1';
  const ts = options.ts ?? nextTs();
  const message: ShortcutMessage = { type: 'message', text: options.text ?? '', ts, team: from.teamId };
  if (options.botId === undefined) {
    // A person's message, sent from a Slack client.
    message.user = options.author ?? userId;
    message.client_msg_id = randomUUID();
  } else if (options.botId === from.botId) {
    // One the app posted itself: its bot user is the author.
    message.user = options.author ?? from.botUserId;
    message.bot_id = options.botId;
    message.app_id = from.appId;
  } else {
    // Another bot's (an integration without a bot user has no author).
    if (options.author !== undefined) message.user = options.author;
    message.bot_id = options.botId;
  }
  if (options.threadTs !== undefined) message.thread_ts = options.threadTs;
  if (options.blocks !== undefined) message.blocks = options.blocks;
  if (options.attachments !== undefined) message.attachments = options.attachments;
  if (options.files !== undefined) {
    message.files = options.files;
    message.upload = true;
  }
  return {
    type: 'message_action',
    token: 'fake-verification-token',
    action_ts: nextTs(),
    team: { id: from.teamId, domain: from.teamDomain },
    user: {
      id: userId,
      name: `user-${userId.toLowerCase()}`,
      username: `user-${userId.toLowerCase()}`,
      team_id: from.teamId,
    },
    channel: {
      id: channelId,
      name: options.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general'),
    },
    is_enterprise_install: false,
    callback_id: options.callbackId,
    trigger_id: options.triggerId ?? triggerId(),
    response_url: options.responseUrl ?? from.responseUrl(),
    message_ts: ts,
    message,
  };
}
