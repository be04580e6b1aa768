import type { Passage } from '../content/types.ts';
import type { SpeechSearch } from './engine.ts';
import { MAX_QUERY_LENGTH, normalizeQuery } from './normalize.ts';
import { compact } from './phrase.ts';
import type { SearchResult } from './types.ts';

/**
 * Which passage a piece of text (a pasted message, a report draft) quotes or paraphrases. Unlike
 * a question, the text may be long and hold other words around the quote, so it is read clause
 * by clause: clauses found word for word in a passage decide first; otherwise each clause is
 * searched as a question and the passage most clauses point to wins.
 */
export type QuotedMatch =
  | {
      kind: 'verbatim';
      /** The answer to render, with the quoted passage first. */
      result: SearchResult;
      passage: Passage;
      /** Share (0–1) of the text's characters found word for word in the passage. */
      share: number;
    }
  | { kind: 'closest'; result: SearchResult; passage: Passage }
  | { kind: 'none' };

/** Results of the search that ranks a quoted passage; it is then put first (see {@link putFirst}). */
export const QUOTED_RESULTS = 3;
/** Fewer characters than this, found word for word, are a coincidence, not a quote. */
const MIN_QUOTED_CHARS = 12;
/** A run found in more passages than this is a stock phrase of the speech, not a quote of one passage. */
const MAX_HOLDERS = 2;
/** Clauses shorter than this (characters, without spaces and punctuation) are too common to count as a quote. */
const MIN_QUOTE_CHARS = 8;
/**
 * A clause searched as a question must cover this share of itself to vote for a passage: a
 * message that mentions the speech's common words in passing (天气, 反馈) quotes nothing.
 */
const CLAUSE_CONFIDENCE = 0.5;
/**
 * Clauses searched as questions, the longest first: enough to place any message, and a bound on
 * the time a very long one takes (a search is about a millisecond; finding quotes is cheaper).
 */
const MAX_SEARCHED_CLAUSES = 100;

/** The clauses of a text: split at sentence ends, semicolons, commas and line breaks. */
export function clauses(text: string): string[] {
  return text
    .split(/[。！？!?；;，,：:\n]+/u)
    .map((clause) => clause.trim())
    .filter((clause) => compact(clause).length > 0);
}

/**
 * Finds the passage `text` quotes (word for word) or, failing that, paraphrases.
 *
 * @example findQuoted(search, '> 守初心，就是要守住为中国人民谋幸福的初心').kind // 'verbatim'
 */
export function findQuoted(search: SpeechSearch, text: string): QuotedMatch {
  // Each clause once: a repeated line is no more a quote the second time.
  const parts = [...new Set(clauses(normalizeQuery(text.length > 50_000 ? text.slice(0, 50_000) : text)))];
  const verbatim = verbatimMatch(search, parts);
  if (verbatim) return verbatim;
  const longestFirst = [...parts].sort((a, b) => compact(b).length - compact(a).length);
  return closestMatch(search, longestFirst.slice(0, MAX_SEARCHED_CLAUSES));
}

/** Every `MIN_QUOTE_CHARS`-character run of each passage's compact text, and the passages holding it. */
const gramIndexes = new WeakMap<SpeechSearch, Map<string, number[]>>();

function gramIndex(search: SpeechSearch): Map<string, number[]> {
  let index = gramIndexes.get(search);
  if (index) return index;
  index = new Map();
  for (const [i, passage] of search.passages.entries()) {
    const text = compact(passage.text);
    for (let at = 0; at + MIN_QUOTE_CHARS <= text.length; at++) {
      const gram = text.slice(at, at + MIN_QUOTE_CHARS);
      const holders = index.get(gram) ?? [];
      if (holders[holders.length - 1] !== i) holders.push(i);
      index.set(gram, holders);
    }
  }
  gramIndexes.set(search, index);
  return index;
}

/**
 * The passage whose words the text repeats the most, counted in characters covered by runs of
 * `MIN_QUOTE_CHARS` or more found in it, whatever surrounds them or how they are punctuated.
 */
function verbatimMatch(search: SpeechSearch, parts: readonly string[]): QuotedMatch | undefined {
  const text = compact(parts.join(''));
  const index = gramIndex(search);
  const coverage = new Map<
    number,
    { chars: number; coveredTo: number; runStart: number; longest: [number, number] }
  >();
  for (let at = 0; at + MIN_QUOTE_CHARS <= text.length; at++) {
    const holders = index.get(text.slice(at, at + MIN_QUOTE_CHARS)) ?? [];
    // A stock phrase the speech repeats in many places (习近平新时代中国特色社会主义思想) quotes none of them.
    if (holders.length > MAX_HOLDERS) continue;
    for (const i of holders) {
      const entry = coverage.get(i) ?? { chars: 0, coveredTo: 0, runStart: at, longest: [at, at] };
      const end = at + MIN_QUOTE_CHARS;
      if (at > entry.coveredTo) entry.runStart = at; // a new run of quoted characters
      entry.chars += end - Math.max(at, entry.coveredTo);
      entry.coveredTo = end;
      if (end - entry.runStart > entry.longest[1] - entry.longest[0]) entry.longest = [entry.runStart, end];
      coverage.set(i, entry);
    }
  }
  const [best] = [...coverage.entries()].sort((a, b) => b[1].chars - a[1].chars);
  if (!best || best[1].chars < MIN_QUOTED_CHARS) return undefined;
  const [i, { chars, longest }] = best;
  const passage = search.passages[i];
  if (!passage) return undefined;
  // The longest quoted run, in quotation marks, ranks its passage first and is quoted around it.
  const span = text.slice(longest[0], Math.min(longest[1], longest[0] + MAX_QUERY_LENGTH - 2));
  const result = putFirst(search.search(`“${span}”`, { limit: QUOTED_RESULTS }), passage.id);
  return (
    result && { kind: 'verbatim', result, passage, share: Math.min(1, chars / Math.max(text.length, 1)) }
  );
}

function closestMatch(search: SpeechSearch, parts: readonly string[]): QuotedMatch {
  const votes = new Map<Passage, { weight: number; best: SearchResult; bestConfidence: number }>();
  for (const part of parts) {
    if (compact(part).length < 4) continue;
    const result = search.search(part.slice(0, MAX_QUERY_LENGTH), { limit: 1 });
    const hit = result.status === 'found' ? result.hits[0] : undefined;
    // A clause about the document itself says nothing of a passage.
    if (!hit || hit.fact || hit.placed || hit.confidence < CLAUSE_CONFIDENCE) continue;
    const vote = votes.get(hit.passage) ?? { weight: 0, best: result, bestConfidence: 0 };
    vote.weight += hit.confidence * compact(part).length;
    if (hit.confidence > vote.bestConfidence) {
      vote.best = result;
      vote.bestConfidence = hit.confidence;
    }
    votes.set(hit.passage, vote);
  }
  const [winner] = [...votes.entries()].sort((a, b) => b[1].weight - a[1].weight);
  if (!winner) return { kind: 'none' };
  const [passage, { best }] = winner;
  return { kind: 'closest', result: best, passage };
}

/**
 * The result with the hit of passage `passageId` moved first (and `firstPassage` saying so), or
 * undefined when it is not among the hits.
 */
export function putFirst(result: SearchResult, passageId: string): SearchResult | undefined {
  const index = result.hits.findIndex((hit) => hit.passage.id === passageId);
  if (index < 0) return undefined;
  const hits = [result.hits[index], ...result.hits.filter((_, i) => i !== index)].filter(
    (hit) => hit !== undefined,
  );
  return { ...result, hits, firstPassage: passageId };
}
