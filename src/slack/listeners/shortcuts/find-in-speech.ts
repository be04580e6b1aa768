import type { Logger, RespondFn } from '@slack/bolt';
import { hasSearchableText } from '../../../search/normalize.ts';
import { findQuoted } from '../../../search/quoted.ts';
import type { SlackDeps } from '../../context.ts';
import { inThread, respondReliably } from '../../deliver.ts';
import { type MessageParts, messageText } from '../../message-text.ts';
import type { SlackMessage } from '../../render/blocks.ts';
import { renderQuotedMatch } from '../../render/shortcut.ts';
import { typedText } from '../../render/text.ts';
import { WORDS } from '../../words.ts';

/** The callback id of the "Find in speech" message shortcut, as in manifest.yml. */
export const FIND_IN_SPEECH = 'find_in_speech';

export interface ShortcutArgs {
  ack: () => Promise<void>;
  shortcut: {
    message: MessageParts & { ts: string; thread_ts?: string; [key: string]: unknown };
    channel: { id: string };
  };
  respond: RespondFn;
  logger: Logger;
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
  let reply: SlackMessage;
  try {
    const text = typedText(messageText(message));
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
