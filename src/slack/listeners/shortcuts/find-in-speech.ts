import type { Logger, RespondFn } from '@slack/bolt';
import { hasSearchableText } from '../../../search/normalize.ts';
import { findQuoted } from '../../../search/quoted.ts';
import type { SlackDeps } from '../../context.ts';
import { inThread, respondReliably } from '../../deliver.ts';
import type { SlackMessage } from '../../render/blocks.ts';
import { renderQuotedMatch } from '../../render/shortcut.ts';
import { decodeSlackText } from '../../render/text.ts';
import { WORDS } from '../../words.ts';

/** The callback id of the "Find in speech" message shortcut, as in manifest.yml. */
export const FIND_IN_SPEECH = 'find_in_speech';

export interface ShortcutArgs {
  ack: () => Promise<void>;
  shortcut: {
    message: { ts: string; text?: string; thread_ts?: string; [key: string]: unknown };
    channel: { id: string };
  };
  respond: RespondFn;
  logger: Logger;
}

/**
 * What a message says, for Find in speech: its text and the text of messages it shares (a
 * forwarded message arrives with empty `text` and the original in `attachments`); with no text at
 * all, the words of its blocks (a message posted with blocks only).
 */
export function messageText(message: ShortcutArgs['shortcut']['message']): string {
  // Only shared messages: a link's preview is the linked page's words, not the message's.
  const shared = Array.isArray(message.attachments)
    ? message.attachments.filter(isSharedMessage).map((attachment) => stringField(attachment, 'text'))
    : [];
  const text = [message.text ?? '', ...shared].filter((part) => part.trim() !== '').join('\n');
  if (text !== '' || !Array.isArray(message.blocks)) return text;
  return [...blockWords(message.blocks)].join('');
}

function isSharedMessage(attachment: unknown): boolean {
  if (typeof attachment !== 'object' || attachment === null) return false;
  const { is_share: share, is_msg_unfurl: unfurl } = attachment as Record<string, unknown>;
  return share === true || unfurl === true;
}

function stringField(value: unknown, key: string): string {
  if (typeof value !== 'object' || value === null) return '';
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : '';
}

/** The words of blocks in order: rich text's text runs, and sections' and headers' text. */
function* blockWords(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    for (const item of value) yield* blockWords(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Record<string, unknown>;
  if ((node.type === 'text' || node.type === 'link') && typeof node.text === 'string') yield node.text;
  // A section's or header's text object, and a section's fields.
  if (node.type === 'mrkdwn' || node.type === 'plain_text') yield `${stringField(node, 'text')}\n`;
  for (const key of ['elements', 'text', 'fields']) {
    if (typeof node[key] === 'object') yield* blockWords(node[key]);
  }
  if (typeof node.type === 'string' && node.type.startsWith('rich_text_') && node.type !== 'rich_text_list') {
    yield '\n'; // a section, quote or code block ends a line
  }
}

/**
 * "Find in speech" (⋯ on any message): which passage the message quotes or paraphrases, shown to
 * the clicker alone in that conversation, with a button to share it in the message's thread.
 * A message of any length is read, clause by clause (see `findQuoted`).
 */
export async function handleFindInSpeech(
  { ack, shortcut, respond, logger }: ShortcutArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const { message, channel } = shortcut;
  const text = decodeSlackText(messageText(message));
  let reply: SlackMessage;
  try {
    reply = hasSearchableText(text)
      ? renderQuotedMatch(
          findQuoted(deps.search, text),
          deps.toc,
          { channelId: channel.id, threadTs: message.thread_ts ?? message.ts },
          WORDS.findInSpeech,
        )
      : { text: WORDS.findInSpeechNoText, blocks: [] };
  } catch (error) {
    // A bug (no message should make the search throw): the clicker still hears back.
    logger.error('Find in speech failed:', error);
    reply = { text: WORDS.sorry, blocks: [] };
  }
  // A reply in a thread is answered in that thread, where the clicker is reading.
  const thread = inThread({ thread_ts: message.thread_ts, message_ts: message.ts });
  await respondReliably(
    respond,
    { response_type: 'ephemeral', replace_original: false, ...thread, ...reply },
    { logger },
  ).catch((error: unknown) => logger.error('could not answer Find in speech:', error));
}
