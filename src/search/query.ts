import { generalIdf } from './general-idf.ts';
import { bigrams, cut, isHan, words } from './segment.ts';
import { STOPWORDS } from './stopwords.ts';
import { expandQuery, type SynonymMap } from './synonyms.ts';

/** A query word with the weight it carries in ranking and in the confidence of an answer. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** True for words added from the synonym list rather than typed by the user. */
  synonym: boolean;
  /**
   * For a synonym: the typed words of the expression it replaces. Finding the synonym counts
   * as finding them (出处 is answered by a passage that says 来源).
   */
  covers?: string[];
}

export interface AnalyzedQuery {
  terms: QueryTerm[];
  /** Character bigrams of the query's topical text, for phrase-level matching. */
  bigrams: string[];
}

// A lone Han character (党, 学) is a weak signal on its own; jieba also emits it inside longer
// words. Words found inside a longer query word (百姓 in 老百姓) are discounted so a phrase is
// not counted twice.
const SINGLE_CHAR_FACTOR = 0.4;
const SUBWORD_FACTOR = 0.5;
const SYNONYM_FACTOR = 0.7;
// The general IDF table is Chinese; an English word it lacks would count as a rare word. In an
// English question most words are glue the glossary cannot map, so they weigh less.
const LATIN_FACTOR = 0.35;

/**
 * Turns a normalized query into weighted search terms: jieba words minus stopwords, each
 * weighted by its general IDF, plus the synonym list's replacements for expressions it contains.
 *
 * @example analyzeQuery('主题教育的总要求是什么', new Map()).terms.map((t) => t.term)
 * // ['主题', '教育', '总', '要求']
 */
export function analyzeQuery(normalized: string, synonyms: SynonymMap): AnalyzedQuery {
  const typed = unique(words(normalized).filter((word) => !STOPWORDS.has(word)));
  const terms: QueryTerm[] = typed.map((term) => ({
    term,
    weight: termWeight(term, typed),
    synonym: false,
  }));
  const bySynonym = new Map<string, QueryTerm>();
  for (const { expression, replacements } of expandQuery(normalized, synonyms)) {
    const covered = words(expression).filter((word) => typed.includes(word));
    const replacementWords = unique(replacements.flatMap((phrase) => words(phrase)));
    for (const term of replacementWords) {
      if (STOPWORDS.has(term) || typed.includes(term)) continue;
      const known = bySynonym.get(term);
      if (known) {
        known.covers = unique([...(known.covers ?? []), ...covered]);
        continue;
      }
      const weight = termWeight(term, replacementWords) * SYNONYM_FACTOR;
      bySynonym.set(term, { term, weight, synonym: true, covers: covered });
    }
  }
  terms.push(...bySynonym.values());
  return { terms, bigrams: unique(topicalBigrams(normalized)) };
}

function termWeight(term: string, all: readonly string[]): number {
  let weight = generalIdf(term);
  if (isHan(term) && [...term].length === 1) weight *= SINGLE_CHAR_FACTOR;
  if (/^[a-z]+$/.test(term)) weight *= LATIN_FACTOR;
  if (all.some((other) => other !== term && other.length > term.length && other.includes(term))) {
    weight *= SUBWORD_FACTOR;
  }
  return weight;
}

/** Bigrams of the query with stopwords cut out, so `是什么` contributes no `是什`/`什么`. */
function topicalBigrams(normalized: string): string[] {
  const masked = cut(normalized)
    .map((word) => (STOPWORDS.has(word.toLowerCase()) ? '|' : word))
    .join('');
  return bigrams(masked);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
