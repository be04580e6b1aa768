import { type Analyzer, analyzeText } from './analyzer.ts';
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
  /** The language of the analyzer that read the query; only fields of this language are searched. */
  lang: string;
  /** The query as the analyzer normalized it (Simplified script for Chinese). */
  text: string;
  terms: QueryTerm[];
  /** Character bigrams of the query's topical text, for phrase-level matching (Chinese only). */
  grams: string[];
}

/**
 * Weight of a word the synonym list adds, next to the typed word's. Low: the list was grown from
 * one question set's misses, and on the tuning sets a weight of 0.25 answers 5 more of 507 than
 * 0.7 did (none fewer on the development set); as evidence it mostly breaks ties.
 */
const SYNONYM_FACTOR = 0.25;

/**
 * Turns a normalized query into weighted search terms: the analyzer's words, each weighted by how
 * informative it is in the language, plus the synonym list's replacements for expressions it
 * contains (pass an empty map for languages the list is not written for).
 *
 * @example analyzeQuery('主题教育的总要求是什么', chineseAnalyzer, new Map()).terms.map((t) => t.term)
 * // ['主题', '教育', '主题教育', '总', '要求']
 */
export function analyzeQuery(normalized: string, analyzer: Analyzer, synonyms: SynonymMap): AnalyzedQuery {
  const text = analyzer.normalize(normalized);
  const typed = unique(analyzeText(analyzer, text));
  const terms: QueryTerm[] = typed.map((term) => ({
    term,
    weight: analyzer.termWeight(term, typed),
    synonym: false,
  }));
  const bySynonym = new Map<string, QueryTerm>();
  for (const { expression, replacements } of expandQuery(text, synonyms)) {
    const covered = phraseTerms(analyzer, expression).filter((word) => typed.includes(word));
    const replacementWords = unique(replacements.flatMap((phrase) => phraseTerms(analyzer, phrase)));
    for (const term of replacementWords) {
      if (typed.includes(term)) continue;
      const known = bySynonym.get(term);
      if (known) {
        known.covers = unique([...(known.covers ?? []), ...covered]);
        continue;
      }
      const weight = analyzer.termWeight(term, replacementWords) * SYNONYM_FACTOR;
      bySynonym.set(term, { term, weight, synonym: true, covers: covered });
    }
  }
  terms.push(...bySynonym.values());
  return { lang: analyzer.lang, text, terms, grams: unique(analyzer.grams(text)) };
}

/** The synonym list's phrases, analyzed once per analyzer: the list is small and fixed. */
const analyzedPhrases = new WeakMap<Analyzer, Map<string, readonly string[]>>();

function phraseTerms(analyzer: Analyzer, phrase: string): readonly string[] {
  let phrases = analyzedPhrases.get(analyzer);
  if (!phrases) {
    phrases = new Map();
    analyzedPhrases.set(analyzer, phrases);
  }
  let terms = phrases.get(phrase);
  if (!terms) {
    terms = analyzeText(analyzer, phrase);
    phrases.set(phrase, terms);
  }
  return terms;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
