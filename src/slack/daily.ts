import { webApi } from '@slack/bolt';
import { parseDailyCommand } from '../daily/command.ts';
import { describeSubscription } from '../daily/describe.ts';
import type { DailyExcerpt } from '../daily/excerpt.ts';
import type { DailyScheduler, PostResult } from '../daily/scheduler.ts';
import type { Store, Subscription } from '../store/types.ts';
import type { DailyCommandHandler } from './context.ts';

type WebClient = webApi.WebClient;

import { mrkdwn } from './render/blocks.ts';
import { renderDailyExcerpt, renderDailyUsageError } from './render/daily.ts';

/** What the Slack side of the daily excerpt needs. */
export interface DailySlackDeps {
  store: Store;
  scheduler: Pick<DailyScheduler, 'refresh'>;
  client: WebClient;
  /** The zone when neither the command nor the user's Slack profile names one. */
  defaultTimeZone: string;
  /** The slash command as configured; the daily module's texts say `/speech`. */
  command?: string;
  now?: () => Date;
}

/** Rewrites `/speech` in a text to the configured command name. */
function withCommand(text: string, command = '/speech'): string {
  return command === '/speech' ? text : text.replaceAll('/speech', command);
}

/** The error code of a failed Web API call (`not_in_channel`, `ratelimited`, …). */
export function slackErrorCode(error: unknown): { code: string; retryAfterMs?: number } {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    if (code === webApi.ErrorCode.RateLimitedError) {
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      return {
        code: 'ratelimited',
        retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : 30_000,
      };
    }
    if (code === webApi.ErrorCode.PlatformError) {
      const data = (error as { data?: { error?: unknown } }).data;
      return { code: typeof data?.error === 'string' ? data.error : 'platform_error' };
    }
    if (typeof code === 'string') return { code };
  }
  return { code: 'unknown_error' };
}

/**
 * Posts the day's excerpt. Never throws: every failure becomes a `PostResult` the scheduler
 * understands (pause, retry later, or give up).
 */
export async function postDailyExcerpt(
  client: WebClient,
  subscription: Subscription,
  excerpt: DailyExcerpt,
): Promise<PostResult> {
  try {
    const response = await client.chat.postMessage({
      channel: subscription.channelId,
      ...renderDailyExcerpt(excerpt),
    });
    return { ok: true, ts: response.ts ?? '' };
  } catch (error) {
    const { code, retryAfterMs } = slackErrorCode(error);
    return retryAfterMs === undefined ? { ok: false, error: code } : { ok: false, error: code, retryAfterMs };
  }
}

/** Tells the subscriber by DM that the channel's daily excerpt stopped, and how to restart it. */
export async function notifyPaused(
  client: WebClient,
  subscription: Subscription,
  error: string,
  command = '/speech',
): Promise<void> {
  if (!/^[UW][A-Z0-9]+$/.test(subscription.createdBy)) return; // `config` subscriptions have nobody to tell
  const how =
    error === 'is_archived'
      ? 'The channel was archived. 频道已归档。'
      : 'I can no longer post there — invite me with `/invite @speechbot`. 我无法在该频道发消息,请邀请我加入。';
  const text = `每日一读已暂停 The daily excerpt in <#${subscription.channelId}> is paused (${error}). ${how} Then run \`${command} daily\` with your time again to resume.`;
  await client.chat.postMessage({
    channel: subscription.createdBy,
    text,
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  });
}

/**
 * The subscriptions a user may see: those of conversations the user is in (their DMs with the
 * bot, channels they are a member of). When membership cannot be learned, the subscription is
 * hidden: another person's settings are never shown by mistake.
 */
export async function visibleSubscriptions(
  client: WebClient,
  subscriptions: readonly Subscription[],
  userId: string,
): Promise<Subscription[]> {
  const visible = await Promise.all(
    subscriptions.map((subscription) => isMember(client, subscription.channelId, userId).catch(() => false)),
  );
  return subscriptions.filter((_, i) => visible[i]);
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

/** Checks that the bot can post in a channel; the reason when it cannot. */
async function postingProblem(client: WebClient, channelId: string): Promise<string | undefined> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (!channel || channel.is_im || channel.is_mpim) return undefined;
    if (channel.is_archived) return 'This channel is archived. 该频道已归档。';
    if (channel.is_member === false) {
      return 'I am not in this channel yet: invite me with `/invite @speechbot`, then run the command again. 请先用 `/invite @speechbot` 邀请我加入本频道。';
    }
    return undefined;
  } catch (error) {
    const { code } = slackErrorCode(error);
    if (code === 'channel_not_found') {
      return 'I cannot see this channel (private?): invite me with `/invite @speechbot`, then run the command again. 请先邀请我加入本频道。';
    }
    if (SLACK_BUSY.has(code)) {
      return 'Slack is busy and did not answer in time: nothing was changed. Please try again in a minute. Slack 暂时繁忙,设置未更改,请稍后再试。';
    }
    throw error;
  }
}

async function userTimeZone(client: WebClient, userId: string): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user: userId });
    return info.user?.tz ?? undefined;
  } catch {
    return undefined; // no users:read, deleted user…: fall back to the default zone
  }
}

/** A plain-text reply to `/speech daily …`, for the user alone or for the whole channel. */
function reply(visibility: 'user' | 'channel', text: string) {
  return { visibility, text, blocks: [{ type: 'section' as const, text: mrkdwn(text) }] };
}

/**
 * `/speech daily …` in a channel: show, subscribe (the channel sees a confirmation) or stop.
 */
export function createDailyCommandHandler(deps: DailySlackDeps): DailyCommandHandler {
  const now = deps.now ?? (() => new Date());
  const userOnly = (text: string) => reply('user', withCommand(text, deps.command));
  const toChannel = (text: string) => reply('channel', withCommand(text, deps.command));
  return async ({ text, userId, channelId, teamId }) => {
    const parsed = parseDailyCommand(text);
    // Rendered apart from the other replies: it quotes what the user typed, escaped and cut short.
    if (!parsed.ok) return { visibility: 'user', ...renderDailyUsageError(parsed.error, deps.command) };
    const { command } = parsed;
    if (command.kind === 'show') {
      return userOnly(describeSubscription(await deps.store.getSubscription(channelId), now()));
    }
    if (command.kind === 'off') {
      const existed = await deps.store.deleteSubscription(channelId);
      await deps.scheduler.refresh();
      return existed
        ? toChannel(`<@${userId}> 关闭了本频道的每日一读。<@${userId}> turned the daily excerpt off.`)
        : userOnly('本频道没有订阅每日一读。This channel has no daily excerpt.');
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
    return toChannel(`<@${userId}> 为本频道订阅了每日一读。${describeSubscription(subscription, now())}`);
  };
}
