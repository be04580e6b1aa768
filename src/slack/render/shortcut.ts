import { formatPlace } from '../../content/place.ts';
import type { TocSection } from '../../content/toc.ts';
import type { QuotedMatch } from '../../search/quoted.ts';
import type { SearchResult } from '../../search/types.ts';
import { type QuotedMessage, renderResult } from './answer.ts';
import type { Block, SlackMessage } from './blocks.ts';
import { escapeMrkdwn, LIMITS, truncate } from './text.ts';

/** What the "Find in speech" answer says: `WORDS.findInSpeech` in words.ts. */
export interface ShortcutWords {
  verbatim(place: string, percent: number): string;
  closest(place: string): string;
  /** Above a result after the first (Next): the message's passage is another one. */
  otherResult(place: string): string;
  none: string;
  shareToThread: string;
}

/**
 * The ephemeral answer to "Find in speech" on a message: how the message relates to the speech
 * (word for word, or the closest passage), then the answer as the slash command shows it, with a button
 * that shares it in the message's thread instead of "Share to channel".
 */
export function renderQuotedMatch(
  match: QuotedMatch,
  toc: readonly TocSection[],
  thread: { channelId: string; threadTs: string },
  words: ShortcutWords,
): SlackMessage {
  if (match.kind === 'none') {
    return { text: words.none, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: words.none } }] };
  }
  const quoted: QuotedMessage = {
    c: thread.channelId,
    t: thread.threadTs,
    k: match.kind,
    s: match.kind === 'verbatim' ? Math.round(match.share * 100) : 0,
  };
  // The passage the message quotes stays first in every view, whatever a search again ranks first.
  const result = match.result.firstPassage
    ? match.result
    : { ...match.result, firstPassage: match.passage.id };
  return renderQuotedAnswer(result, toc, quoted, words);
}

/**
 * A "Find in speech" answer, first drawn or seen another way (Next, Full, English): the line on
 * how the message relates to the passage put first, then the `index`-th result, whose share
 * button posts it in the message's thread.
 */
export function renderQuotedAnswer(
  result: SearchResult,
  toc: readonly TocSection[],
  quoted: QuotedMessage,
  words: ShortcutWords,
  view: { index?: number; full?: boolean; translation?: boolean } = {},
): SlackMessage {
  const index = view.index ?? 0;
  const first = result.hits[0]?.passage;
  const shown = result.hits[index]?.passage;
  const answer = renderResult(result, toc, { audience: 'asker', showQuery: false, quoted, ...view });
  if (!first || !shown) return answer;
  // mrkdwn: the heading is content, escaped like every other renderer's (`档案法 <修订>` stays).
  const place = escapeMrkdwn(`${first.heading} · ${formatPlace(first)}`);
  // Said of the passage the message quotes: above a later result (Next), it would name another.
  const lead =
    index > 0
      ? words.otherResult(place)
      : quoted.k === 'verbatim'
        ? words.verbatim(place, quoted.s)
        : words.closest(place);
  const blocks: Block[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(lead, LIMITS.contextElementText) }] },
    ...answer.blocks,
  ];
  return { text: `${lead}\n${answer.text}`, blocks };
}
