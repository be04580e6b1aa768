import { type Logger, webApi } from '@slack/bolt';
import { parseDailyCommand } from '../daily/command.ts';
import { dailyStatus } from '../daily/describe.ts';
import type { DailyExcerpt } from '../daily/excerpt.ts';
import type { DailyScheduler, PostResult } from '../daily/scheduler.ts';
import { validTimeZone } from '../daily/zones.ts';
import type { Store, Subscription } from '../store/types.ts';
import type { DailyCommandHandler } from './context.ts';
import { BLOCK_ERRORS } from './deliver.ts';
import { CHANNEL_CLOSED_ERRORS, NOT_POSTED_ERRORS, slackErrorCode } from './errors.ts';
import { mrkdwn } from './render/blocks.ts';
import { renderDailyExcerpt, renderDailyUsageError } from './render/daily.ts';
import { botWords, WORDS } from './words.ts';

type WebClient = webApi.WebClient;

/** What the Slack side of the daily excerpt needs. */
export interface DailySlackDeps {
  store: Store;
  scheduler: Pick<DailyScheduler, 'refresh'>;
  client: WebClient;
  /** The zone when neither the command nor the user's Slack profile names one. */
  defaultTimeZone: string;
  /** The slash command as configured (`/speech`, or SLASH_COMMAND), named in the replies. */
  command: string;
  /** The channel DAILY_CHANNEL subscribes: its settings come from configuration, not commands. */
  configuredChannel?: string;
  now?: () => Date;
}

/**
 * Posts the day's excerpt. Never throws: every failure becomes a `PostResult` the scheduler
 * understands (pause, retry later, or give up). Blocks Slack refuses (`invalid_blocks`, …) were
 * not posted and would be refused again: the text alone is posted instead, so the day's
 * passage still arrives.
 */
export async function postDailyExcerpt(
  client: WebClient,
  subscription: Subscription,
  excerpt: DailyExcerpt,
  logger: Pick<Logger, 'warn'>,
): Promise<PostResult> {
  const channel = subscription.channelId;
  const { text, blocks } = renderDailyExcerpt(excerpt);
  const result = await postMessage(client, { channel, text, blocks });
  if (result.ok || !BLOCK_ERRORS.has(result.error)) return result;
  logger.warn(
    `daily: chat.postMessage refused the blocks (${result.error}) in ${channel}; sending the text alone`,
  );
  return postMessage(client, { channel, text });
}

async function postMessage(client: WebClient, message: webApi.ChatPostMessageArguments): Promise<PostResult> {
  try {
    const response = await client.chat.postMessage(message);
    return { ok: true, ts: response.ts ?? '' };
  } catch (error) {
    const { code, retryAfterMs } = slackErrorCode(error);
    return {
      ok: false,
      error: code,
      outcome: postOutcome(code, retryAfterMs),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
}

/** What a post Slack refused with `code` means for the schedule (see `PostResult`). */
export function postOutcome(code: string, retryAfterMs?: number): 'pause' | 'retry' | 'give_up' {
  if (CHANNEL_CLOSED_ERRORS.has(code)) return 'pause';
  return NOT_POSTED_ERRORS.has(code) || retryAfterMs !== undefined ? 'retry' : 'give_up';
}

/**
 * Tells the subscriber by DM that the channel's daily excerpt stopped, and how to restart it
 * with the slash `command` as configured.
 */
export async function notifyPaused(
  client: WebClient,
  subscription: Subscription,
  error: string,
  command: string,
): Promise<void> {
  if (!/^[UW][A-Z0-9]+$/.test(subscription.createdBy)) return; // `config` subscriptions have nobody to tell
  const text = botWords(command).dailyPaused(subscription.channelId, error);
  await client.chat.postMessage({
    channel: subscription.createdBy,
    text,
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  });
}

/** The subscriptions a viewer may see, and how many could not be checked. */
export interface VisibleSubscriptions {
  visible: Subscription[];
  /** Subscriptions whose membership Slack did not tell for now (busy, limited, no scope): hidden, not absent. */
  unchecked: number;
}

/**
 * The subscriptions a user may see: those of conversations the user is in (their DMs with the
 * bot, channels they are a member of). When membership cannot be learned for now (Slack busy or
 * limiting us), the subscription is hidden, and counted: another person's settings are never
 * shown by mistake, and the viewer is not told there are none. A channel the bot can no longer
 * read is hidden without being counted: asking again would not help.
 */
export async function visibleSubscriptions(
  client: WebClient,
  subscriptions: readonly Subscription[],
  userId: string,
): Promise<VisibleSubscriptions> {
  const membership = await Promise.all(
    subscriptions.map((subscription) =>
      isMember(client, subscription.channelId, userId).catch((error: unknown) =>
        // The bot cannot read the channel (removed from it, or the channel is gone): that lasts
        // until someone acts, so the subscription is not shown rather than "not checked yet".
        CHANNEL_CLOSED_TO_BOT.has(slackErrorCode(error).code) ? false : undefined,
      ),
    ),
  );
  return {
    visible: subscriptions.filter((_, i) => membership[i] === true),
    unchecked: membership.filter((member) => member === undefined).length,
  };
}

async function isMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({
      channel: channelId,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/** Errors of `conversations.members` that last: the bot is out of the channel, or it is gone. */
const CHANNEL_CLOSED_TO_BOT = new Set<string>(['channel_not_found', 'not_in_channel', 'is_archived']);

/** Slack is slow, limiting us or failing: trying again later may work. */
const SLACK_BUSY = new Set<string>([
  'ratelimited',
  webApi.ErrorCode.RequestError,
  webApi.ErrorCode.HTTPError,
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Checks that the bot can post in a channel; what to tell the user when it cannot. */
async function postingProblem(client: WebClient, channelId: string): Promise<string | undefined> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (!channel || channel.is_im || channel.is_mpim) return undefined;
    if (channel.is_archived) return WORDS.dailyChannelArchived;
    if (channel.is_member === false) return WORDS.dailyNotInChannel;
    return undefined;
  } catch (error) {
    const { code } = slackErrorCode(error);
    if (code === 'channel_not_found') return WORDS.dailyChannelNotFound;
    if (SLACK_BUSY.has(code)) return WORDS.dailySlackBusy;
    throw error;
  }
}

async function userTimeZone(client: WebClient, userId: string): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user: userId });
    // Slack may name a zone newer than this runtime's time zone data, or send an empty one.
    const zone = info.user?.tz;
    return zone ? validTimeZone(zone) : undefined;
  } catch {
    return undefined; // no users:read, deleted user…: fall back to the default zone
  }
}

/** A plain-text reply to `daily …`, for the user alone or for the whole channel. */
function reply(visibility: 'user' | 'channel', text: string) {
  return { visibility, text, blocks: [{ type: 'section' as const, text: mrkdwn(text) }] };
}

/**
 * The slash command's `daily …` in a channel: show, subscribe (the channel sees a confirmation)
 * or stop. Every reply names the command as configured.
 */
export function createDailyCommandHandler(deps: DailySlackDeps): DailyCommandHandler {
  const now = deps.now ?? (() => new Date());
  const words = botWords(deps.command);
  const userOnly = (text: string) => reply('user', text);
  const toChannel = (text: string) => reply('channel', text);
  return async ({ text, userId, channelId, teamId }) => {
    const parsed = parseDailyCommand(text);
    // Rendered apart from the other replies: it quotes what the user typed, escaped and cut short.
    if (!parsed.ok) return { visibility: 'user', ...renderDailyUsageError(parsed.error, deps.command) };
    const { command } = parsed;
    if (command.kind === 'help') return userOnly(words.dailyUsage);
    if (command.kind === 'show') {
      const subscription = await deps.store.getSubscription(channelId);
      return userOnly(
        subscription
          ? words.dailyStatus(await dailyStatus(deps.store, subscription, now()))
          : words.dailyNone,
      );
    }
    // Start-up writes the configured subscription again: a change here would be undone silently.
    if (channelId === deps.configuredChannel) return userOnly(words.dailySetByConfig);
    if (command.kind === 'off') {
      const existed = await deps.store.deleteSubscription(channelId);
      await deps.scheduler.refresh();
      return existed ? toChannel(words.dailyTurnedOff(userId)) : userOnly(words.dailyNothingToTurnOff);
    }
    const problem = await postingProblem(deps.client, channelId);
    if (problem) return userOnly(problem);
    const timeZone = command.timeZone ?? (await userTimeZone(deps.client, userId)) ?? deps.defaultTimeZone;
    const subscription = await deps.store.upsertSubscription({
      channelId,
      teamId,
      time: command.time,
      timeZone,
      days: command.days,
      createdBy: userId,
    });
    await deps.scheduler.refresh();
    return toChannel(words.dailySubscribed(userId, await dailyStatus(deps.store, subscription, now())));
  };
}
