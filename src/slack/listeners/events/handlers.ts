import type { Logger, webApi } from '@slack/bolt';
import { MAX_QUERY_LENGTH } from '../../../search/normalize.ts';
import type { SlackDeps } from '../../context.ts';
import { postReply } from '../../deliver.ts';
import { forwardedText, type MessageParts, textOf } from '../../message-text.ts';
import { type Block, mrkdwn, type SlackMessage } from '../../render/blocks.ts';
import { renderHome } from '../../render/home.ts';
import { typedText } from '../../render/text.ts';
import { questionReply } from '../../replies.ts';
import { WORDS } from '../../words.ts';

/** The part of the Web API client the event handlers use (tests pass a fake). */
export type EventClient = Pick<webApi.WebClient, 'chat' | 'views'>;

/**
 * Removes the user mentions (`<@BOT>`, `<@U123|name>`) from a message's text, wherever they
 * stand: `help <@BOT>` asks for help as `<@BOT> help` does, and a mention says nothing to search.
 */
export function stripMention(text: string): string {
  return (
    text
      // The punctuation after a name (<@BOT>: 问题), but not the colon that opens an emoji code (:wave:).
      // No `<` inside a name: each try stops at the next one, so a long run of `<@U|` is linear.
      .replace(/<@[A-Z0-9]+(\|[^<>]*)?>[\s,，]*(?:[:：](?![a-z0-9_+'-]+:)[\s,，]*)?/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export interface MentionArgs {
  // Slack always sends `text` with a mention, but a payload without it must not throw.
  event: MessageParts & { channel: string; ts: string; thread_ts?: string; bot_id?: string };
  client: EventClient;
  logger: Logger;
}

/** `@speechbot 问题` in a channel: the answer in the mention's thread. */
export async function handleMention({ event, client, logger }: MentionArgs, deps: SlackDeps): Promise<void> {
  // An edited mention comes again with a new event id: app.ts lets each message through once.
  if (event.bot_id) return;
  await answerInConversation(
    { client, logger, what: `a mention in ${event.channel}` },
    { channel: event.channel, thread_ts: event.thread_ts ?? event.ts },
    () => askedReply(deps, event),
  );
}

/**
 * The reply to a mention or a DM: to its own words, or, when it only forwards a message (Slack
 * sends the original in `attachments`, `text` empty), to the message it forwards.
 */
function askedReply(deps: SlackDeps, message: MessageParts): SlackMessage {
  const own = typedText(stripMention(textOf(message))).trim();
  const forwarded = own === '' ? typedText(forwardedText(message)).replace(/\s+/g, ' ').trim() : '';
  if (forwarded.length > MAX_QUERY_LENGTH) {
    const text = WORDS.forwardTooLong(MAX_QUERY_LENGTH);
    return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
  }
  return questionReply(deps, forwarded || own);
}

/**
 * Posts `answer()`'s reply to a conversation. Should it throw (a bug: no question should), the
 * asker gets an apology rather than silence; a post Slack refuses is logged, as nobody can be told.
 */
export async function answerInConversation(
  { client, logger, what }: { client: EventClient; logger: Logger; what: string },
  where: { channel: string; thread_ts?: string },
  answer: () => SlackMessage,
): Promise<void> {
  let reply: { text: string; blocks?: SlackMessage['blocks'] };
  try {
    reply = answer();
  } catch (error) {
    logger.error(`no answer for ${what}:`, error);
    reply = { text: WORDS.sorry };
  }
  try {
    await postReply(client, { ...where, ...reply }, { logger });
  } catch (error) {
    logger.error(`could not answer ${what}:`, error);
  }
}

export interface DirectMessageArgs {
  message: MessageParts & {
    channel: string;
    channel_type?: string;
    subtype?: string;
    thread_ts?: string;
    bot_id?: string;
    /** Set on events about a message rather than new messages (message_replied, which Slack may send without its subtype). */
    hidden?: boolean;
  };
  client: EventClient;
  logger: Logger;
}

/**
 * Subtypes of a message a person typed: with a file attached, or a thread reply also sent to the
 * conversation. The others (edits, deletions, joins…) are not questions.
 */
const QUESTION_SUBTYPES: ReadonlySet<string | undefined> = new Set([
  undefined,
  'file_share',
  'thread_broadcast',
]);

/** A question in a DM with the bot. Edits, joins and bot messages (ours included) are not questions. */
export async function handleDirectMessage(
  { message, client, logger }: DirectMessageArgs,
  deps: SlackDeps,
): Promise<void> {
  if (message.channel_type !== 'im' || !QUESTION_SUBTYPES.has(message.subtype) || message.bot_id) return;
  if (message.hidden) return;
  // A file dropped in without a word asks nothing: help would answer a question nobody asked.
  if (message.subtype === 'file_share' && !textOf(message).trim()) return;
  // A question asked inside a DM thread is answered in that thread.
  const thread = message.thread_ts ? { thread_ts: message.thread_ts } : {};
  await answerInConversation(
    { client, logger, what: `a DM in ${message.channel}` },
    { channel: message.channel, ...thread },
    () => askedReply(deps, message),
  );
}

export interface HomeArgs {
  event: { tab?: string; user: string };
  client: EventClient;
  logger: Logger;
  context: { teamId?: string };
}

/** The App Home tab: how to use the bot, the contents, and the daily excerpts the user can see. */
export async function handleHomeOpened(
  { event, client, logger, context }: HomeArgs,
  deps: SlackDeps,
): Promise<void> {
  if (event.tab !== 'home') return;
  try {
    const sections = await homeSectionsOrNotice(deps, { teamId: context.teamId, userId: event.user }, logger);
    const view = renderHome(deps.command, deps.search.documents, deps.toc, sections);
    await client.views.publish({ user_id: event.user, view });
  } catch (error) {
    logger.error('could not publish the App Home:', error);
  }
}

/**
 * The viewer's own sections of the App Home, or, when they cannot be read now (the database is
 * down or locked), a line saying so: the usage and the contents are shown either way.
 */
async function homeSectionsOrNotice(
  deps: SlackDeps,
  viewer: { teamId: string | undefined; userId: string },
  logger: Logger,
): Promise<Block[]> {
  if (!deps.homeSections) return [];
  try {
    return await deps.homeSections(viewer);
  } catch (error) {
    logger.error('could not read the daily settings for the App Home:', error);
    return [{ type: 'section', text: mrkdwn(WORDS.homeDailyUnavailable) }];
  }
}
