import { splitSentences } from '../content/sentences.ts';
import type { Quote } from './types.ts';

/** A word to look for in a passage and how much finding it is worth. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Options for cutting a quote. */
export interface QuoteOptions {
  /**
   * Longest quote in characters; a longer passage is cut to its best run of sentences.
   * @default 160
   */
  maxLength: number;
}

export const DEFAULT_QUOTE: QuoteOptions = { maxLength: 160 };

const ELLIPSIS = '…';

/** A passage's opening sentence up to this long is its title (`第一,不折不扣贯彻根本任务。`). */
const MAX_TITLE_SENTENCE = 30;

/** Extra weight of a word that opens a sentence: the sentence is about it (`担使命,就是要…`). */
const TOPIC_FIRST_BONUS = 0.5;

/**
 * Cuts the part of a passage that answers the query: the whole passage when it is short,
 * otherwise the run of consecutive sentences (split at 。;!?) that holds the most query
 * weight within `maxLength`, with `…` where it was cut. A short opening sentence that titles the
 * passage (`第一,…。`) is kept in front of a run from further on, and the run is chosen by the words
 * the title does not already show. Matched words are returned as ranges.
 *
 * @example makeQuote('第一句。档案安全很重要。第三句。', [{ term: '档案', weight: 1 }], { maxLength: 10 }).text
 * // '…档案安全很重要。…'
 */
export function makeQuote(text: string, terms: readonly WeightedTerm[], options = DEFAULT_QUOTE): Quote {
  const highlightTerms = highlighted(terms);
  if (text.length <= options.maxLength) {
    return { text, highlights: highlight(text, highlightTerms), truncated: false };
  }
  const sentences = splitSentences(text);
  const [opening = ''] = sentences;
  const title = sentences.length > 2 && opening.length <= MAX_TITLE_SENTENCE ? opening : '';
  // The title is shown anyway: the rest of the quote is chosen by the words it does not show.
  const rest = title ? sentences.slice(1) : sentences;
  const restTerms = title ? terms.filter(({ term }) => !title.includes(term)) : terms;
  const room = title ? options.maxLength - title.length - ELLIPSIS.length : options.maxLength;
  const best = bestRun(
    rest,
    rest.map((sentence) => sentenceScore(sentence, restTerms)),
    room,
  );
  const run = rest.slice(best.start, best.end).join('');
  const body = run.slice(0, room);
  const cut = best.start > 0 ? ELLIPSIS : '';
  const head = title ? `${title}${cut}` : cut;
  const after = best.end < rest.length || body.length < run.length ? ELLIPSIS : '';
  const quoted = `${head}${body}${after}`;
  return { text: quoted, highlights: highlight(quoted, highlightTerms), truncated: true };
}

/** The run of consecutive sentences within `maxLength` characters with the highest score. */
function bestRun(
  sentences: readonly string[],
  scores: readonly number[],
  maxLength: number,
): { start: number; end: number; score: number } {
  let best = { start: 0, end: 1, score: -1 };
  for (let start = 0; start < sentences.length; start++) {
    let length = 0;
    let score = 0;
    for (let end = start; end < sentences.length; end++) {
      length += sentences[end]?.length ?? 0;
      if (length > maxLength && end > start) break;
      score += scores[end] ?? 0;
      // On a tie, the longer run from the same start: a quote chosen by nothing in particular
      // (an answer found through notes or a translation) should still say as much as fits.
      if (score > best.score || (score === best.score && start === best.start))
        best = { start, end: end + 1, score };
    }
  }
  return best;
}

/** The terms worth marking in a quote: a lone Han character (党) would light up everywhere. */
function highlighted(terms: readonly WeightedTerm[]): WeightedTerm[] {
  return terms.filter(({ term }) => [...term].length > 1 || !/\p{Script=Han}/u.test(term));
}

function sentenceScore(sentence: string, terms: readonly WeightedTerm[]): number {
  const opening = sentence.replace(LEADING_LABEL, '');
  let score = 0;
  for (const { term, weight } of terms) {
    if (!sentence.includes(term)) continue;
    score += opening.startsWith(term) ? weight * (1 + TOPIC_FIRST_BONUS) : weight;
  }
  return score;
}

/** `一是`, `第二,`, `三要` and the like before a sentence's first word. */
const LEADING_LABEL = /^(?:第?[一二三四五六七八九十]+[是要,、:]?)?/u;

/**
 * Ranges of every occurrence of the terms, longest match first, merged where they touch. A term
 * that opens a Latin word (the stem `book` of `booked`) marks the whole word, not a piece of it;
 * one found inside a Latin word (`art` in `start`) marks nothing there.
 *
 * @example highlight('档案安全体系', [{ term: '档案', weight: 1 }, { term: '安全', weight: 1 }]) // [[0, 4]]
 * @example highlight('desks can be booked', [{ term: 'book', weight: 1 }]) // [[13, 19]]
 */
export function highlight(text: string, terms: readonly WeightedTerm[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const lowerText = text.toLowerCase();
  for (const { term } of terms) {
    if (!term) continue;
    for (let at = lowerText.indexOf(term); at >= 0; at = lowerText.indexOf(term, at + term.length)) {
      // `art` inside `start` is not the word asked for.
      if (insideLatinWord(text, at)) continue;
      ranges.push(wholeLatinWord(text, at, at + term.length));
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;

/** Whether a match begins in the middle of a Latin word (`art` in `start`). */
function insideLatinWord(text: string, start: number): boolean {
  return LATIN_LETTER.test(text[start] ?? '') && LATIN_LETTER.test(text[start - 1] ?? '');
}

/**
 * A match that opens a Latin word (a stem: `book` in `booked`), widened to the end of the word.
 * A match in Chinese text stays as it is.
 */
function wholeLatinWord(text: string, start: number, end: number): [number, number] {
  if (!LATIN_LETTER.test(text[start] ?? '') || !LATIN_LETTER.test(text[end - 1] ?? '')) return [start, end];
  let to = end;
  while (to < text.length && LATIN_LETTER.test(text[to] ?? '')) to++;
  return [start, to];
}

/**
 * The quote for a paragraph's lead that introduces points (`第三,…。一是…二是…`): the lead and
 * the opening sentence of each point, so "哪几项目标" is answered with the list itself, not only
 * the sentence that announces it. Cut points are marked with `…`.
 *
 * @example outlineQuote('第三,完成目标。', ['一是学习有收获。要通过学习…', '二是思想受洗礼。要…'], [], DEFAULT_QUOTE).text
 * // '第三,完成目标。一是学习有收获。…二是思想受洗礼。…'
 */
export function outlineQuote(
  lead: string,
  points: readonly string[],
  terms: readonly WeightedTerm[],
  options = DEFAULT_QUOTE,
): Quote {
  let text = lead;
  let truncated = false;
  for (const point of points) {
    const opening = splitSentences(point)[0] ?? point;
    const piece = opening.length < point.length ? `${opening}${ELLIPSIS}` : opening;
    if (text.length + piece.length > options.maxLength) {
      truncated = true;
      break;
    }
    text += piece;
  }
  if (truncated && !text.endsWith(ELLIPSIS)) text += ELLIPSIS;
  const highlightTerms = highlighted(terms);
  // Only the points' openings are shown: the full paragraph is there to be read.
  return { text, highlights: highlight(text, highlightTerms), truncated: points.length > 0 };
}
