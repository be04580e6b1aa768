import type { CorpusField, FieldStats, IndexedPassage, PassageIndex } from './passage-index.ts';
import type { AnalyzedQuery } from './query.ts';

/** Tuning of the ranking; the defaults were chosen with the evaluation sets (see README). */
export interface RankingOptions {
  /** BM25 term-frequency saturation. @default 1.2 */
  k1: number;
  /** BM25 length normalization: 0 ignores passage length, 1 fully normalizes. @default 0.5 */
  b: number;
  /** Weight of the character-bigram score next to the word score. @default 0.6 */
  bigramWeight: number;
  /** Credit for a query word found only in the passage's section heading. @default 0.3 */
  headingWeight: number;
  /** Weight of the passage notes next to the passage's own text. @default 1 */
  notesWeight: number;
  /** Share of a word's evidence earned when it is found only in a passage's notes. @default 1 */
  notesCredit: number;
  /**
   * Extra weight of a typed word that neither the content nor its notes ever use and no synonym
   * stands in for: it is usually what the question is about (工资, 周末), so a passage matching
   * only the rest of the question is unlikely to answer it. @default 3
   */
  unmetFactor: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  k1: 1.2,
  b: 0.5,
  bigramWeight: 0.6,
  headingWeight: 0.3,
  notesWeight: 1,
  notesCredit: 1,
  unmetFactor: 3,
};

/** A synonym is weaker evidence than the word itself: the paraphrase may mean something else. */
const SYNONYM_CREDIT = 0.75;

/** Evidence left to a word that names the document itself (its title, author, publication). */
const BACKGROUND_FACTOR = 0.2;

export interface PassageScore {
  score: number;
  /** Share of the query matched, 0–1: max of word coverage and bigram coverage. */
  confidence: number;
  matchedTerms: string[];
}

/**
 * Scores one passage for a query: per field of the query's language (the text, or a translation,
 * and the notes at a lower weight), BM25 over words (each weighted by how informative it is) plus
 * BM25 over character bigrams, normalized by the query's size so scores of short and long
 * questions compare. The confidence is the share of the query the passage covers, where the
 * speech's everywhere-words count little and words the content never uses count double.
 */
export function scorePassage(
  entry: IndexedPassage,
  query: AnalyzedQuery,
  index: PassageIndex,
  options: RankingOptions = DEFAULT_RANKING,
): PassageScore {
  const corpusSize = index.entries.length;
  const fields = index.fieldsOf(query.lang);
  const vocabulary = index.vocabulary.get(query.lang) ?? new Set<string>();
  const maxIdf = inverseFrequency(1, corpusSize);
  const heading = entry.headingWords.get(query.lang) ?? new Set<string>();
  const matchedTerms = new Set<string>();
  // Typed words found, with the share of credit: 1 in the text, less in notes or through a synonym.
  const covered = new Map<string, number>();
  const cover = (term: string, credit: number) => covered.set(term, Math.max(covered.get(term) ?? 0, credit));
  let wordScore = 0;
  let gramScore = 0;
  const matchedGrams = new Map<string, number>();
  for (const field of fields) {
    const own = entry.fields.get(field.key);
    if (!own) continue;
    const fieldWeight = field.source === 'notes' ? options.notesWeight : 1;
    if (fieldWeight === 0) continue;
    const credit = field.source === 'notes' ? options.notesCredit : 1;
    for (const { term, weight, covers, synonym } of query.terms) {
      const tf = own.words.tf.get(term) ?? 0;
      if (tf === 0) continue;
      const idf = inverseFrequency(field.words.df.get(term) ?? 0, corpusSize);
      wordScore += fieldWeight * weight * idf * saturate(tf, own.words, field.words.averageLength, options);
      if (field.source === 'text') matchedTerms.add(term);
      if (!synonym) cover(term, credit);
      for (const word of covers ?? []) cover(word, credit * SYNONYM_CREDIT);
    }
    for (const gram of query.grams) {
      const tf = own.grams.tf.get(gram) ?? 0;
      if (tf === 0) continue;
      const idf = inverseFrequency(field.grams.df.get(gram) ?? 0, corpusSize);
      gramScore += fieldWeight * idf * saturate(tf, own.grams, field.grams.averageLength, options);
      matchedGrams.set(gram, Math.max(matchedGrams.get(gram) ?? 0, credit));
    }
  }
  for (const { term, weight } of query.terms) {
    if (!covered.has(term) && heading.has(term)) {
      wordScore +=
        weight * inverseFrequency(documentFrequency(fields, term), corpusSize) * options.headingWeight;
    }
  }
  let typedWeight = 0;
  let matchedWeight = 0;
  for (const { term, weight, synonym } of query.terms) {
    if (synonym) continue;
    const df = documentFrequency(fields, term);
    const background = fields.some((field) => field.words.background.has(term)) ? BACKGROUND_FACTOR : 1;
    const unmet = !vocabulary.has(term) && !covered.has(term) ? options.unmetFactor : 1;
    const evidence = weight * background * unmet * specificity(df, inverseFrequency(df, corpusSize), maxIdf);
    typedWeight += evidence;
    matchedWeight += evidence * (covered.get(term) ?? 0);
  }
  let gramWeight = 0;
  let matchedGramWeight = 0;
  for (const gram of query.grams) {
    const df = gramFrequency(fields, gram);
    const background = fields.some((field) => field.grams.background.has(gram)) ? BACKGROUND_FACTOR : 1;
    const evidence = specificity(df, inverseFrequency(df, corpusSize), maxIdf) * background;
    gramWeight += evidence;
    matchedGramWeight += evidence * (matchedGrams.get(gram) ?? 0);
  }
  const totalQueryWeight = query.terms.reduce((sum, term) => sum + (term.synonym ? 0 : term.weight), 0);
  const wordPart = totalQueryWeight > 0 ? wordScore / totalQueryWeight : 0;
  const gramPart = query.grams.length > 0 ? gramScore / query.grams.length : 0;
  const wordCoverage = typedWeight > 0 ? Math.min(1, matchedWeight / typedWeight) : 0;
  const gramCoverage = gramWeight > 0 ? matchedGramWeight / gramWeight : 0;
  return {
    score: wordPart + options.bigramWeight * gramPart,
    confidence: Math.max(wordCoverage, gramCoverage),
    matchedTerms: [...matchedTerms],
  };
}

/** Passages whose text (or, failing that, notes) hold a word: how common the word is here. */
function documentFrequency(fields: readonly CorpusField[], term: string): number {
  let df = 0;
  for (const field of fields) df = Math.max(df, field.words.df.get(term) ?? 0);
  return df;
}

function gramFrequency(fields: readonly CorpusField[], gram: string): number {
  let df = 0;
  for (const field of fields) df = Math.max(df, field.grams.df.get(gram) ?? 0);
  return df;
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

function saturate(tf: number, field: FieldStats, averageLength: number, options: RankingOptions): number {
  const lengthRatio = averageLength > 0 ? field.length / averageLength : 1;
  return (tf * (options.k1 + 1)) / (tf + options.k1 * (1 - options.b + options.b * lengthRatio));
}

/**
 * {@link specificity} of a term in the text of a language's fields.
 * @example termSpecificity('档案', index.fieldsOf('zh'), 25) // ≈ 0.05: 档案 is everywhere
 */
export function termSpecificity(
  term: string,
  fields: readonly CorpusField[],
  corpusSize: number,
  grams = false,
): number {
  const df = grams ? gramFrequency(fields, term) : documentFrequency(fields, term);
  return specificity(df, inverseFrequency(df, corpusSize), inverseFrequency(1, corpusSize));
}
