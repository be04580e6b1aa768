import type { Logger, RespondFn } from '@slack/bolt';
import { hasSearchableText } from '../../../search/normalize.ts';
import { findQuoted } from '../../../search/quoted.ts';
import type { SlackDeps } from '../../context.ts';
import { respondReliably } from '../../deliver.ts';
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
  const text = decodeSlackText(message.text ?? '');
  const reply = hasSearchableText(text)
    ? renderQuotedMatch(
        findQuoted(deps.search, text),
        deps.toc,
        { channelId: channel.id, threadTs: message.thread_ts ?? message.ts },
        WORDS.findInSpeech,
      )
    : { text: WORDS.findInSpeechNoText, blocks: [] };
  await respondReliably(
    respond,
    { response_type: 'ephemeral', replace_original: false, ...reply },
    { logger },
  ).catch((error: unknown) => logger.error('could not answer Find in speech:', error));
}
