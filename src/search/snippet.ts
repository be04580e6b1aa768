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

/**
 * Cuts the part of a passage that answers the query: the whole passage when it is short,
 * otherwise the run of consecutive sentences (split at 。;!?) that holds the most query
 * weight within `maxLength`, with `…` where it was cut. Matched words are returned as ranges.
 *
 * @example makeQuote('第一句。档案安全很重要。第三句。', [{ term: '档案', weight: 1 }], { maxLength: 10 }).text
 * // '…档案安全很重要。…'
 */
export function makeQuote(text: string, terms: readonly WeightedTerm[], options = DEFAULT_QUOTE): Quote {
  const highlightTerms = terms.filter(({ term }) => [...term].length > 1 || !/\p{Script=Han}/u.test(term));
  if (text.length <= options.maxLength) {
    return { text, highlights: highlight(text, highlightTerms), truncated: false };
  }
  const sentences = splitSentences(text);
  const scores = sentences.map((sentence) => sentenceScore(sentence, terms));
  let best = { start: 0, end: 1, score: -1 };
  for (let start = 0; start < sentences.length; start++) {
    let length = 0;
    let score = 0;
    for (let end = start; end < sentences.length; end++) {
      length += sentences[end]?.length ?? 0;
      if (length > options.maxLength && end > start) break;
      score += scores[end] ?? 0;
      // On a tie, the longer run from the same start: a quote chosen by nothing in particular
      // (an answer found through notes or a translation) should still say as much as fits.
      if (score > best.score || (score === best.score && start === best.start))
        best = { start, end: end + 1, score };
    }
  }
  let body = sentences.slice(best.start, best.end).join('');
  if (body.length > options.maxLength) body = body.slice(0, options.maxLength);
  const before = best.start > 0 ? ELLIPSIS : '';
  const after = before.length + body.length < text.length && !text.endsWith(body) ? ELLIPSIS : '';
  const quoted = `${before}${body}${after}`;
  return { text: quoted, highlights: highlight(quoted, highlightTerms), truncated: true };
}

function sentenceScore(sentence: string, terms: readonly WeightedTerm[]): number {
  let score = 0;
  for (const { term, weight } of terms) if (sentence.includes(term)) score += weight;
  return score;
}

/**
 * Ranges of every occurrence of the terms, longest match first, merged where they touch.
 * @example highlight('档案安全体系', [{ term: '档案', weight: 1 }, { term: '安全', weight: 1 }]) // [[0, 4]]
 */
export function highlight(text: string, terms: readonly WeightedTerm[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const { term } of terms) {
    if (!term) continue;
    const lowerText = text.toLowerCase();
    for (let at = lowerText.indexOf(term); at >= 0; at = lowerText.indexOf(term, at + term.length)) {
      ranges.push([at, at + term.length]);
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
