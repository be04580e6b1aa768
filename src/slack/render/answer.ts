import { randomBytes } from 'node:crypto';
import { formatPlace, sectionLabel } from '../../content/place.ts';
import { documentMark, type TocSection } from '../../content/toc.ts';
import type { Passage } from '../../content/types.ts';
import { MAX_QUERY_LENGTH } from '../../search/normalize.ts';
import type { Quote, SearchResult } from '../../search/types.ts';
import { WORDS } from '../words.ts';
import {
  type Block,
  type Button,
  mrkdwn,
  plain,
  type RichTextStyledText,
  type SlackMessage,
} from './blocks.ts';
import { echo, escapeMrkdwn, escapeTruncated, LIMITS, truncate } from './text.ts';

/** Action ids of the answer's buttons; the listeners in `listeners/actions` handle them. */
export const ACTIONS = {
  share: 'answer_share',
  next: 'answer_next',
  full: 'answer_full',
  english: 'answer_english',
} as const;

/** The language the bot offers a passage's translation in. */
const TRANSLATION_LANG = 'en';

/** What a button carries: the query and which result it refers to. */
export interface AnswerRef {
  /** The query (as typed, cut to a safe length). */
  q: string;
  /** Index of the result shown, 0 = best. */
  i: number;
  /** The passage put first whatever the ranking (`SearchResult.firstPassage`), by id. */
  f?: string;
  /**
   * The passage at `i` when the button was drawn, by id: searched again (by another version of
   * the bot, or for a query cut to fit), a different one there means the button has expired.
   * Absent from buttons drawn before it was added.
   */
  p?: string;
  /** The view on screen when Share was drawn, which is what it shares: the whole paragraph, or with the English. */
  v?: SharedView;
  /** The message a "Find in speech" answer is about: its other views stay that answer (see {@link QuotedMessage}). */
  m?: QuotedMessage;
}

/**
 * The message "Find in speech" was used on, as its answer's buttons carry it: Next, Full and
 * English show that answer another way, still saying how the message relates to the speech and
 * still sharing in the message's thread (not to the channel).
 */
export interface QuotedMessage {
  /** Channel of the message. */
  c: string;
  /** The thread: the message's own thread, or the message itself. */
  t: string;
  /** Whether the message quotes the passage word for word, or only comes closest to it. */
  k: 'verbatim' | 'closest';
  /** For `verbatim`: how much of the message the passage is, in percent. */
  s: number;
}

/** A view of an answer other than the quote, which Share passes on. */
export type SharedView = 'full' | 'en';

function isSharedView(value: unknown): value is SharedView {
  return value === 'full' || value === 'en';
}

/** The render options that show a shared view again, for the message that shares it. */
export function sharedViewOptions(view: SharedView | undefined): { full: boolean; translation: boolean } {
  return { full: view === 'full', translation: view === 'en' };
}

/** How to render an answer. */
export interface AnswerOptions {
  /** Which hit to show. @default 0 */
  index?: number;
  /** `asker`: an ephemeral reply to the slash command (offers "Share"); `channel`: visible to all. */
  audience: 'asker' | 'channel';
  /** Restate the query above the answer (the asker cannot see their own slash command). */
  showQuery?: boolean;
  /** Show the whole paragraph instead of the quote. */
  full?: boolean;
  /** Show the passage's translation under the quote (an English question always does). */
  translation?: boolean;
  /** User id of whoever shared this answer to the channel. */
  sharedBy?: string;
  /** A "Find in speech" answer's message, which its buttons carry (see {@link QuotedMessage}). */
  quoted?: QuotedMessage;
  /**
   * Makes this render's block ids its own. Next, Full and English replace the message, and Slack
   * wants an updated message to carry new block ids; random by default, fixed only in tests.
   */
  renderId?: string;
}

/** How much of the query the answer restates above itself. */
const MAX_QUERY_ECHO = 300;
/** How much of the query "not found" quotes back. */
const MAX_NOT_FOUND_ECHO = 80;

const MAX_QUERY_IN_BUTTON = 500;

/** Encodes a button value; stays under Slack's 2,000-character limit. */
export function encodeRef(ref: AnswerRef): string {
  // Without a first passage, `f` is undefined, which JSON leaves out.
  const encode = (q: string) => JSON.stringify({ q, i: ref.i, f: ref.f, p: ref.p, v: ref.v, m: ref.m });
  let q = truncate(ref.q, MAX_QUERY_IN_BUTTON);
  let value = encode(q);
  // JSON escapes can make a character six (`\u0001`): shorten the query until the value fits.
  while (value.length > LIMITS.buttonValue) {
    const length = [...q].length;
    q = truncate(q, Math.max(1, Math.floor((length * LIMITS.buttonValue) / value.length) - 1));
    value = encode(q);
  }
  return value;
}

/**
 * The reference a button of this result carries to its `index`-th hit: the cleaned query (it
 * searches the same, with no mention markup around), and the passage put first, if one was.
 */
function refTo(result: SearchResult, index: number, options: AnswerOptions, view?: SharedView): string {
  return encodeRef({
    q: result.normalizedQuery || result.query,
    i: index,
    f: result.firstPassage,
    p: result.hits[index]?.passage.id,
    v: view,
    m: options.quoted,
  });
}

/** Decodes a button value; `undefined` for anything that is not ours. */
export function decodeRef(value: string | undefined): AnswerRef | undefined {
  try {
    const data: unknown = JSON.parse(value ?? '');
    if (typeof data !== 'object' || data === null) return undefined;
    const { q, i, f, p, v, m } = data as Record<string, unknown>;
    if (typeof q !== 'string' || typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > 50)
      return undefined;
    if (f !== undefined && typeof f !== 'string') return undefined;
    if (p !== undefined && typeof p !== 'string') return undefined;
    if (v !== undefined && !isSharedView(v)) return undefined;
    const quoted = m === undefined ? undefined : decodeQuotedMessage(m);
    if (m !== undefined && !quoted) return undefined;
    return {
      q,
      i,
      ...(f === undefined ? {} : { f }),
      ...(p === undefined ? {} : { p }),
      ...(v === undefined ? {} : { v }),
      ...(quoted === undefined ? {} : { m: quoted }),
    };
  } catch {
    return undefined;
  }
}

function decodeQuotedMessage(value: unknown): QuotedMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { c, t, k, s } = value as Record<string, unknown>;
  if (typeof c !== 'string' || !isMessageTs(t) || (k !== 'verbatim' && k !== 'closest')) return undefined;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 100) return undefined;
  return { c, t, k, s };
}

/** A Slack message timestamp (`1700000000.000100`), which names a message and its thread. */
function isMessageTs(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,12}\.\d{1,8}$/.test(value);
}

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
    if (typeof q !== 'string' || typeof c !== 'string' || !isMessageTs(t) || typeof p !== 'string')
      return undefined;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > 50) return undefined;
    if (v !== undefined && !isSharedView(v)) return undefined;
    return v === undefined ? { q, i, c, t, p } : { q, i, c, t, p, v };
  } catch {
    return undefined;
  }
}

/**
 * The reply to a query: the passage's heading and position, the quote with matched words in
 * bold, the source, and buttons. Falls back to "not found" or a usage hint by `result.status`.
 */
export function renderResult(
  result: SearchResult,
  toc: readonly TocSection[],
  options: AnswerOptions,
): SlackMessage {
  if (result.status === 'found') return renderHit(result, options);
  if (result.status === 'not_found') return renderNotFound(result, toc, options);
  const text = result.status === 'too_long' ? WORDS.tooLong(MAX_QUERY_LENGTH) : WORDS.emptyQuery;
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/**
 * The query restated as the user typed it. Plain text, so that `*bold*` or `` `code` `` typed by
 * the user shows as typed instead of formatting the reply; escaped, so `<!channel>` pings no one.
 */
function queryContext(result: SearchResult): Block {
  return { type: 'context', elements: [plain(WORDS.askedQuery(echo(result.query, MAX_QUERY_ECHO)))] };
}

/**
 * Random per process, so two replicas (or a restart) never hand out the same render ids. Drawn
 * once: random bytes per render (a system call each) cost about as much as rendering the answer.
 */
const RENDER_ID_PREFIX = randomBytes(6).toString('base64url');
let rendersSoFar = 0;

/** A short id unique to one render: this process's random prefix and a count. */
function newRenderId(): string {
  rendersSoFar++;
  return `${RENDER_ID_PREFIX}${rendersSoFar.toString(36)}`;
}

/**
 * The block id of an answer's buttons: which result and view it shows (for reading payloads and
 * logs) and the render's id, so a replacement never reuses the ids of the message it replaces.
 *
 * @example answerActionsBlockId(1, 'full', 'k3F9x2aB') // 'answer_actions.1.full.k3F9x2aB'
 */
export function answerActionsBlockId(index: number, view: 'quote' | 'full' | 'en', renderId: string): string {
  return `answer_actions.${index}.${view}.${renderId}`;
}

function renderHit(result: SearchResult, options: AnswerOptions): SlackMessage {
  const index = Math.min(options.index ?? 0, result.hits.length - 1);
  const hit = result.hits[index];
  if (!hit) throw new Error('renderHit needs a hit');
  const { passage } = hit;
  const showFull = Boolean(options.full) && hit.quote.truncated;
  const quote: Quote = showFull
    ? { text: passage.paragraphText, highlights: [], truncated: false }
    : hit.quote;
  const blocks: Block[] = [];
  if (options.showQuery) blocks.push(queryContext(result));
  const shown = hit.fact ? aboutTheText(passage, quote) : quoted(passage, quote, index);
  blocks.push({
    type: 'section',
    text: mrkdwn(truncate(`*${escapeMrkdwn(shown.heading)}*`, LIMITS.sectionText)),
  });
  blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(shown.where))] });
  blocks.push(shown.body);
  const translation = hit.translations.get(TRANSLATION_LANG);
  const showTranslation =
    translation !== undefined && (options.translation || result.lang === TRANSLATION_LANG);
  if (showTranslation) {
    blocks.push({
      type: 'section',
      text: mrkdwn(escapeTruncated(WORDS.translation(translation), LIMITS.sectionText)),
    });
  }
  const footer = [`— ${escapeMrkdwn(passage.source)}`];
  if (options.sharedBy) footer.push(WORDS.sharedBy(options.sharedBy));
  blocks.push({ type: 'context', elements: footer.map((text) => mrkdwn(text)) });
  // Share passes on a view the asker chose; an English question's answer shows the English anyway.
  const sharedView = showFull
    ? 'full'
    : showTranslation && result.lang !== TRANSLATION_LANG
      ? 'en'
      : undefined;
  const buttons = answerButtons(result, index, hit.quote.truncated && !showFull, options, sharedView);
  if (translation !== undefined && !showTranslation && !options.sharedBy) {
    buttons.push({
      type: 'button',
      action_id: ACTIONS.english,
      text: plain(WORDS.englishButton),
      value: refTo(result, index, options),
    });
  }
  if (buttons.length > 0) {
    const view = showFull ? 'full' : showTranslation ? 'en' : 'quote';
    const blockId = answerActionsBlockId(index, view, options.renderId ?? newRenderId());
    blocks.push({ type: 'actions', block_id: blockId, elements: buttons });
  }
  return { text: escapeTruncated(shown.fallback, LIMITS.fallbackText), blocks };
}

/** How an answer opens: its heading, where it stands, the answer's block, and the plain-text fallback. */
interface AnswerHead {
  heading: string;
  where: string;
  body: Block;
  fallback: string;
}

/** A passage of the speech: its section heading and place, the quote in a quote block. */
function quoted(passage: Passage, quote: Quote, index: number): AnswerHead {
  const place = formatPlace(passage);
  return {
    heading: passage.heading,
    where: [passage.docTitle, place, index > 0 ? WORDS.resultNumber(index + 1) : '']
      .filter(Boolean)
      .join(' · '),
    body: { type: 'rich_text', elements: [{ type: 'rich_text_quote', elements: quoteElements(quote) }] },
    fallback: `${passage.heading} · ${place}:${quote.text}`,
  };
}

/**
 * An answer about the text itself, put together from its published details: plain words under
 * the title, no place and no quote block, so that nobody shares it as something the paper printed.
 */
function aboutTheText(passage: Passage, quote: Quote): AnswerHead {
  return {
    heading: passage.docTitle,
    where: WORDS.aboutTheText,
    body: { type: 'section', text: mrkdwn(escapeTruncated(quote.text, LIMITS.sectionText)) },
    fallback: `${passage.docTitle}:${quote.text}`,
  };
}

function answerButtons(
  result: SearchResult,
  index: number,
  canExpand: boolean,
  options: AnswerOptions,
  sharedView: SharedView | undefined,
): Button[] {
  if (options.sharedBy) return [];
  const ref = (i: number) => refTo(result, i, options);
  const buttons: Button[] = [];
  const shown = result.hits[index]?.passage;
  if (options.audience === 'asker' && options.quoted && shown) {
    // A "Find in speech" answer is shared in the thread of the message it is about.
    buttons.push({
      type: 'button',
      action_id: SHARE_TO_THREAD_ACTION,
      text: { type: 'plain_text', text: WORDS.findInSpeech.shareToThread },
      value: encodeThreadRef({
        q: result.normalizedQuery || result.query,
        i: index,
        c: options.quoted.c,
        t: options.quoted.t,
        p: shown.id,
        ...(sharedView === undefined ? {} : { v: sharedView }),
      }),
    });
  } else if (options.audience === 'asker') {
    buttons.push({
      type: 'button',
      action_id: ACTIONS.share,
      text: plain(WORDS.shareButton),
      value: refTo(result, index, options, sharedView),
      style: 'primary',
    });
  }
  if (result.hits.length > index + 1) {
    buttons.push({
      type: 'button',
      action_id: ACTIONS.next,
      text: plain(WORDS.nextButton),
      value: ref(index + 1),
    });
  }
  if (canExpand) {
    buttons.push({
      type: 'button',
      action_id: ACTIONS.full,
      text: plain(WORDS.fullButton),
      value: ref(index),
    });
  }
  return buttons;
}

/** The quote as rich text: plain runs and bold runs for the matched words. */
export function quoteElements(quote: Quote): RichTextStyledText[] {
  const text = truncate(quote.text, LIMITS.sectionText);
  const elements: RichTextStyledText[] = [];
  let at = 0;
  for (const [start, end] of quote.highlights) {
    if (start >= text.length) break;
    if (start > at) elements.push({ type: 'text', text: text.slice(at, start) });
    elements.push({
      type: 'text',
      text: text.slice(start, Math.min(end, text.length)),
      style: { bold: true },
    });
    at = Math.min(end, text.length);
  }
  if (at < text.length) elements.push({ type: 'text', text: text.slice(at) });
  return elements;
}

function renderNotFound(
  result: SearchResult,
  toc: readonly TocSection[],
  options: AnswerOptions,
): SlackMessage {
  const asked = echo(result.normalizedQuery || result.query, MAX_NOT_FOUND_ECHO);
  const text = WORDS.notFound(asked);
  // With several documents, each suggestion names its own.
  const inDocument = documentMark(toc);
  const suggestions =
    result.nearby.length > 0
      ? result.nearby.map(
          (passage) =>
            `• ${inDocument(passage.docTitle)}${sectionLabel(passage.place.section)}:${passage.heading}`,
        )
      : toc
          .slice(0, 3)
          .map((section) => `• ${inDocument(section.docTitle)}${section.label}:${section.heading}`);
  const blocks: Block[] = [];
  if (options.showQuery) blocks.push(queryContext(result));
  // Plain text: it quotes the user, whose `*words*` must not format the reply.
  blocks.push({ type: 'section', text: plain(text) });
  if (result.known) {
    blocks.push({
      type: 'section',
      text: plain(truncate(WORDS.notFoundKnown(result.known), LIMITS.sectionText)),
    });
  }
  blocks.push({
    type: 'section',
    text: mrkdwn(
      truncate(
        `${WORDS.notFoundSuggestions}\n${suggestions.map(escapeMrkdwn).join('\n')}`,
        LIMITS.sectionText,
      ),
    ),
  });
  blocks.push({
    type: 'context',
    elements: [mrkdwn(WORDS.notFoundHint)],
  });
  return { text, blocks };
}
