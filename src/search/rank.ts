import type { FieldCorpus, FieldStats, IndexedPassage } from './passage-index.ts';
import type { AnalyzedQuery } from './query.ts';

/** Tuning of the ranking; the defaults were chosen with the evaluation set (see README). */
export interface RankingOptions {
  /** BM25 term-frequency saturation. @default 1.2 */
  k1: number;
  /** BM25 length normalization: 0 ignores passage length, 1 fully normalizes. @default 0.5 */
  b: number;
  /** Weight of the character-bigram score next to the word score. @default 0.6 */
  bigramWeight: number;
  /** Credit for a query word found only in the passage's section heading. @default 0.3 */
  headingWeight: number;
}

export const DEFAULT_RANKING: RankingOptions = { k1: 1.2, b: 0.5, bigramWeight: 0.6, headingWeight: 0.3 };

/** A synonym is weaker evidence than the word itself: the paraphrase may mean something else. */
const SYNONYM_CREDIT = 0.75;

/** Evidence left to a word that names the document itself (its title, author, publication). */
const BACKGROUND_FACTOR = 0.2;

/**
 * Extra weight of a typed word the speech never uses and no synonym stands in for: it is
 * usually what the question is about (工资, 周末), so a passage matching only the rest of the
 * question is unlikely to answer it.
 */
const UNMET_FACTOR = 2;

export interface PassageScore {
  score: number;
  /** Share of the query matched, 0–1: max of word coverage and bigram coverage. */
  confidence: number;
  matchedTerms: string[];
}

/**
 * Scores one passage: BM25 over jieba words (each weighted by its general IDF) plus BM25 over
 * character bigrams, each normalized by the query's size so scores of short and long questions
 * are comparable; the confidence is the share of the query the passage covers.
 *
 * @example scorePassage(entry, analyzeQuery('档案安全', synonyms), 25, index.wordCorpus, index.bigramCorpus)
 */
export function scorePassage(
  entry: IndexedPassage,
  query: AnalyzedQuery,
  corpusSize: number,
  wordCorpus: FieldCorpus,
  bigramCorpus: FieldCorpus,
  options: RankingOptions = DEFAULT_RANKING,
): PassageScore {
  let wordScore = 0;
  const maxIdf = inverseFrequency(1, corpusSize);
  const matchedTerms: string[] = [];
  // Typed words found, with the share of credit: 1 when found as typed, less through a synonym.
  const covered = new Map<string, number>();
  for (const { term, weight, covers } of query.terms) {
    const idf = inverseFrequency(wordCorpus.df.get(term) ?? 0, corpusSize);
    const tf = entry.words.tf.get(term) ?? 0;
    if (tf > 0) {
      wordScore += weight * idf * saturate(tf, entry.words, wordCorpus, options);
      matchedTerms.push(term);
      covered.set(term, 1);
      for (const word of covers ?? []) covered.set(word, Math.max(covered.get(word) ?? 0, SYNONYM_CREDIT));
    } else if (entry.headingWords.has(term)) {
      wordScore += weight * idf * options.headingWeight;
    }
  }
  let typedWeight = 0;
  let matchedWeight = 0;
  for (const { term, weight, synonym } of query.terms) {
    if (synonym) continue;
    const df = wordCorpus.df.get(term) ?? 0;
    const background = wordCorpus.background.has(term) ? BACKGROUND_FACTOR : 1;
    const unmet = df === 0 && !covered.has(term) ? UNMET_FACTOR : 1;
    const evidence = weight * background * unmet * specificity(df, inverseFrequency(df, corpusSize), maxIdf);
    typedWeight += evidence;
    matchedWeight += evidence * (covered.get(term) ?? 0);
  }
  let bigramScore = 0;
  let bigramWeight = 0;
  let matchedBigramWeight = 0;
  for (const gram of query.bigrams) {
    const df = bigramCorpus.df.get(gram) ?? 0;
    const idf = inverseFrequency(df, corpusSize);
    const evidence =
      specificity(df, idf, maxIdf) * (bigramCorpus.background.has(gram) ? BACKGROUND_FACTOR : 1);
    bigramWeight += evidence;
    const tf = entry.bigrams.tf.get(gram) ?? 0;
    if (tf === 0) continue;
    matchedBigramWeight += evidence;
    bigramScore += idf * saturate(tf, entry.bigrams, bigramCorpus, options);
  }
  const totalQueryWeight = query.terms.reduce((sum, term) => sum + (term.synonym ? 0 : term.weight), 0);
  const wordPart = totalQueryWeight > 0 ? wordScore / totalQueryWeight : 0;
  const bigramPart = query.bigrams.length > 0 ? bigramScore / query.bigrams.length : 0;
  const wordCoverage = typedWeight > 0 ? Math.min(1, matchedWeight / typedWeight) : 0;
  const bigramCoverage = bigramWeight > 0 ? matchedBigramWeight / bigramWeight : 0;
  return {
    score: wordPart + options.bigramWeight * bigramPart,
    confidence: Math.max(wordCoverage, bigramCoverage),
    matchedTerms,
  };
}

/**
 * How much a term says about where the answer is: 1 for a term in one passage or in none (a
 * word the speech lacks is the question's unmet focus), near 0 for a term in every passage
 * (档案, 主题教育 are the speech's background, not evidence that a passage answers).
 */
export function specificity(df: number, idf: number, maxIdf: number): number {
  return df === 0 ? 1 : Math.min(1, idf / maxIdf);
}

export function inverseFrequency(df: number, corpusSize: number): number {
  return Math.log(1 + (corpusSize - df + 0.5) / (df + 0.5));
}

function saturate(tf: number, field: FieldStats, corpus: FieldCorpus, options: RankingOptions): number {
  const lengthRatio = corpus.averageLength > 0 ? field.length / corpus.averageLength : 1;
  return (tf * (options.k1 + 1)) / (tf + options.k1 * (1 - options.b + options.b * lengthRatio));
}

/**
 * {@link specificity} of a term in a field of a corpus of `corpusSize` passages.
 * @example termSpecificity('档案', 25, index.wordCorpus) // ≈ 0.05: 档案 is everywhere
 */
export function termSpecificity(term: string, corpusSize: number, corpus: FieldCorpus): number {
  const df = corpus.df.get(term) ?? 0;
  return specificity(df, inverseFrequency(df, corpusSize), inverseFrequency(1, corpusSize));
}
