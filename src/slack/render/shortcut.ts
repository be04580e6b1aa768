import { formatPlace } from '../../content/place.ts';
import type { TocSection } from '../../content/toc.ts';
import type { QuotedMatch } from '../../search/quoted.ts';
import type { SearchResult } from '../../search/types.ts';
import {
  ACTIONS,
  type AnswerRef,
  decodeRef,
  type QuotedMessage,
  renderResult,
  type SharedView,
} from './answer.ts';
import type { Block, Button, SlackMessage } from './blocks.ts';
import { escapeMrkdwn, LIMITS, truncate } from './text.ts';

/** The "Find in speech" answer's button that posts the answer in the message's thread. */
export const SHARE_TO_THREAD_ACTION = 'answer_share_thread';

/** What the thread button needs: the answer, and the message whose thread it goes to. */
export interface ThreadRef extends AnswerRef {
  /** Channel of the message. */
  c: string;
  /** The thread: the message's own thread, or the message itself. */
  t: string;
  /** The passage the answer showed: a search again may rank another first. */
  p: string;
}

/** The button value of {@link SHARE_TO_THREAD_ACTION}. */
export function encodeThreadRef(ref: ThreadRef): string {
  // The query is at most 500 characters (a longer one is never searched): within a value's 2,000.
  return JSON.stringify(ref);
}

export function decodeThreadRef(value: string | undefined): ThreadRef | undefined {
  try {
    const data: unknown = JSON.parse(value ?? '');
    if (typeof data !== 'object' || data === null) return undefined;
    const { q, i, c, t, p, v } = data as Record<string, unknown>;
    if (typeof q !== 'string' || typeof c !== 'string' || typeof t !== 'string' || typeof p !== 'string')
      return undefined;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > 50) return undefined;
    if (v !== undefined && v !== 'full' && v !== 'en') return undefined;
    return v === undefined ? { q, i, c, t, p } : { q, i, c, t, p, v };
  } catch {
    return undefined;
  }
}

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
  const shareButton = answer.blocks
    .flatMap((block) => (block.type === 'actions' ? block.elements : []))
    .find((button) => button.action_id === ACTIONS.share);
  const share: Button = {
    type: 'button',
    action_id: SHARE_TO_THREAD_ACTION,
    text: { type: 'plain_text', text: words.shareToThread },
    value: encodeThreadRef({
      q: result.normalizedQuery || result.query,
      i: index,
      c: quoted.c,
      t: quoted.t,
      p: shown.id,
      // The view on screen, which the share button of the slash command's answer names too.
      ...viewOf(shareButton?.value),
    }),
  };
  const blocks: Block[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(lead, LIMITS.contextElementText) }] },
    ...answer.blocks.map((block) =>
      block.type === 'actions'
        ? {
            ...block,
            elements: [share, ...block.elements.filter((button) => button.action_id !== ACTIONS.share)],
          }
        : block,
    ),
  ];
  return { text: `${lead}\n${answer.text}`, blocks };
}

/** The view a share button's value names, if any. */
function viewOf(value: string | undefined): { v?: SharedView } {
  const v = decodeRef(value)?.v;
  return v === undefined ? {} : { v };
}
