import type { CorpusField, NoteQuestionIndex, PassageIndex } from './passage-index.ts';
import type { AnalyzedQuery } from './query.ts';
import { TouchedPositions } from './touched.ts';

/** Tuning of the ranking; the defaults were chosen with the evaluation sets (see README). */
export interface RankingOptions {
  /** BM25 term-frequency saturation. @default 0.8 */
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
  /**
   * Further factor for an unmet word that is what the question asks for (什么证件): the answer
   * would have to speak of it. @default 4
   */
  focusFactor: number;
  /** Weight of the closest single note question's similarity to the query. @default 1 */
  questionWeight: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  k1: 0.8,
  b: 0.5,
  bigramWeight: 0.6,
  headingWeight: 0.3,
  notesWeight: 1,
  notesCredit: 1,
  unmetFactor: 3,
  focusFactor: 4,
  questionWeight: 1,
};

/** Evidence left to a word that names the document itself (its title, author, publication). */
const BACKGROUND_FACTOR = 0.2;

/** A query term with what finding it is worth, computed once per query. */
export interface WeighedTerm {
  term: string;
  /** Specificity here × the typed weight, discounted for words that name the document. */
  evidence: number;
  /** BM25 inverse frequency in each of the language's fields, in the order of `fields`. */
  idf: number[];
  /** Passages holding the term in the field where most do: how common it is here. */
  df: number;
  /** The term's list in each field (words or bigrams, as the term is), -1 where none; in the order of `fields`. */
  slots: number[];
}

/**
 * What each part of a query is worth, computed once per query rather than for every passage:
 * every candidate is scored against the same figures.
 */
export interface QueryEvidence {
  query: AnalyzedQuery;
  fields: CorpusField[];
  /** The query's words (typed and from synonyms), in the order of `query.terms`. */
  words: WeighedTerm[];
  /** Typed words the content never uses: unless a synonym stands in, they are the unmet focus. */
  unknown: Set<string>;
  /** Of those, the ones the question asks for (its analyzer's `focusWords`). */
  unknownFocus: Set<string>;
  grams: WeighedTerm[];
  gramTotal: number;
  /** Sum of the typed words' weights, which normalizes the word score. */
  typedWeight: number;
  /** Inverse frequency of each query word over the fields, for a word found only in a heading. */
  headingIdf: number[];
}

/**
 * Weighs a query against an index: each word's and bigram's evidence and inverse frequencies.
 * `focusWords` (the analyzer's) is asked only when the query has words the content never uses.
 * @example rankPassages({ weighed: weighQuery(analyzeQuery('档案安全', chineseAnalyzer, new Map()), index), … })
 */
export function weighQuery(
  query: AnalyzedQuery,
  index: PassageIndex,
  options: RankingOptions = DEFAULT_RANKING,
  focusWords?: (text: string) => string[],
): QueryEvidence {
  const corpusSize = index.entries.length;
  const fields = index.fieldsOf(query.lang);
  const vocabulary = index.vocabulary.get(query.lang) ?? new Set<string>();
  const maxIdf = inverseFrequency(1, corpusSize);
  const weigh = (term: string, weight: number, gram: boolean): WeighedTerm =>
    weighTerm(term, weight, gram ? 'grams' : 'words', fields, corpusSize, maxIdf);
  const unknown = new Set(
    query.terms.filter((term) => !term.synonym && !vocabulary.has(term.term)).map((term) => term.term),
  );
  const focus = unknown.size > 0 ? (focusWords?.(query.text) ?? []) : [];
  // A word a synonym stands in for (后果 → 严肃批评) is not unmet. jieba's tagger and its
  // search-mode cuts may disagree (室主任 tagged, 主任 cut): a focus word stands for the unknown
  // query words it ends with.
  const covered = new Set(query.terms.flatMap((term) => (term.synonym ? (term.covers ?? []) : [])));
  const unknownFocus = [...unknown].filter(
    (word) =>
      !covered.has(word) &&
      focus.some((asked) => asked === word || (asked.endsWith(word) && [...word].length > 1)),
  );
  // A bigram of an unmet focus word (证件) weighs as much against an answer as the word does.
  const grams = query.grams.map((gram) =>
    weigh(
      gram,
      unknownFocus.some((word) => word.includes(gram)) ? options.unmetFactor * options.focusFactor : 1,
      true,
    ),
  );
  const words = query.terms.map(({ term, weight }) => weigh(term, weight, false));
  return {
    query,
    fields,
    words,
    unknown,
    unknownFocus: new Set(unknownFocus),
    grams,
    gramTotal:
      grams.reduce((sum, { evidence }) => sum + evidence, 0) +
      gramlessEvidence(query, words, (term) =>
        unknown.has(term) && !covered.has(term) ? options.unmetFactor : 1,
      ),
    typedWeight: query.terms.reduce((sum, term) => sum + (term.synonym ? 0 : term.weight), 0),
    headingIdf: words.map(({ df }) => inverseFrequency(df, corpusSize)),
  };
}

/** The script bigrams are made of (only the Chinese analyzer makes them). */
const BIGRAM_SCRIPT = /\p{Script=Han}/u;

/**
 * Evidence of the typed words without a Han character, which bigrams never hold (Python and
 * Excel in "Python 怎么读取 Excel 文件", a number): the share of the query a passage's or a note's
 * bigrams match is a share of the whole question, so a match on 文件 alone is not most of it. An
 * unmet word counts `unmetFactor` times, as in the word share. 0 for a query without bigrams,
 * whose bigram share is not used.
 */
function gramlessEvidence(
  query: AnalyzedQuery,
  words: readonly WeighedTerm[],
  unmet: (term: string) => number,
): number {
  if (query.grams.length === 0) return 0;
  let evidence = 0;
  query.terms.forEach(({ term, synonym }, t) => {
    if (synonym || BIGRAM_SCRIPT.test(term)) return;
    evidence += (words[t]?.evidence ?? 0) * unmet(term);
  });
  return evidence;
}

/** Passages whose text (or, failing that, notes) hold a word: how common the word is here. */
function documentFrequency(fields: readonly CorpusField[], term: string): number {
  let df = 0;
  for (const field of fields) df = Math.max(df, field.words.postings.df(term));
  return df;
}

function gramFrequency(fields: readonly CorpusField[], gram: string): number {
  let df = 0;
  for (const field of fields) df = Math.max(df, field.grams.postings.df(gram));
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

/** The note question of a passage closest to a query, and how close it is (0–1). */
export interface NoteMatch {
  similarity: number;
  /** The part of the passage the question is about, for a note on one part. */
  anchor?: string;
}

/**
 * For every passage with notes (by position), its note question that shares the most of the query: the share of
 * the query's evidence (typed words weighted by how specific they are here, or bigrams) found in
 * that one question. A question asked the way a note asks it points at the passage, and at the
 * part the note is about. Only the questions holding a query term are visited.
 */
export function closestNoteQuestions(weighed: QueryEvidence, index: PassageIndex): Map<number, NoteMatch> {
  const { query } = weighed;
  const notes = index.noteQuestions.get(query.lang);
  if (!notes) return new Map();
  // Per question, the evidence of the query's words and bigrams it holds: typed arrays reused
  // from query to query (a common word such as 档案 is in most questions).
  const shares = sharesFor(notes);
  shares.begin();
  let wordTotal = 0;
  query.terms.forEach((term, t) => {
    if (term.synonym) return;
    const evidence = weighed.words[t]?.evidence ?? 0;
    wordTotal += evidence;
    for (const position of notes.words.get(term.term) ?? []) shares.add(shares.word, position, evidence);
  });
  for (const { term, evidence } of weighed.grams) {
    for (const position of notes.grams.get(term) ?? []) shares.add(shares.gram, position, evidence);
  }
  // The best question of each passage is kept in typed arrays; the map is made for those passages alone.
  const best = bestFor(notes);
  best.begin();
  for (let i = 0; i < shares.touchedCount; i++) {
    const position = shares.touched[i] as number;
    const similarity = Math.max(
      wordTotal > 0 ? (shares.word[position] as number) / wordTotal : 0,
      weighed.gramTotal > 0 ? (shares.gram[position] as number) / weighed.gramTotal : 0,
    );
    best.offer(position, similarity);
  }
  const closest = new Map<number, NoteMatch>();
  for (let i = 0; i < best.touchedCount; i++) {
    const passage = best.touched[i] as number;
    const { anchor } = notes.questions[best.question[passage] as number] ?? {};
    closest.set(passage, { similarity: best.similarity[passage] as number, ...(anchor ? { anchor } : {}) });
  }
  return closest;
}

/** What each note question shares with the query, for {@link closestNoteQuestions}. */
class QuestionShares extends TouchedPositions {
  readonly word: Float64Array;
  readonly gram: Float64Array;

  constructor(size: number) {
    super(size);
    this.word = new Float64Array(size);
    this.gram = new Float64Array(size);
  }

  add(shares: Float64Array, position: number, evidence: number): void {
    if (!this.has(position)) {
      this.touch(position);
      this.word[position] = 0;
      this.gram[position] = 0;
    }
    shares[position] = (shares[position] as number) + evidence;
  }
}

const questionShares = new WeakMap<NoteQuestionIndex, QuestionShares>();

function sharesFor(notes: NoteQuestionIndex): QuestionShares {
  let shares = questionShares.get(notes);
  if (!shares) {
    shares = new QuestionShares(notes.questions.length);
    questionShares.set(notes, shares);
  }
  return shares;
}

/**
 * Each passage's closest note question for {@link closestNoteQuestions}: a passage is touched when a
 * question of it first shares something (similarity above 0), and the first question of the
 * highest similarity stays.
 */
class BestQuestions extends TouchedPositions {
  readonly similarity: Float64Array;
  /** Position in `NoteQuestionIndex.questions`. */
  readonly question: Int32Array;
  /** The passage of each note question, by its position. */
  private readonly passageOf: Int32Array;

  constructor(questions: NoteQuestionIndex['questions']) {
    const passageOf = Int32Array.from(questions, ({ passage }) => passage);
    const passages = passageOf.reduce((most, passage) => Math.max(most, passage + 1), 0);
    super(passages);
    this.passageOf = passageOf;
    this.similarity = new Float64Array(passages);
    this.question = new Int32Array(passages);
  }

  offer(question: number, similarity: number): void {
    const passage = this.passageOf[question] as number;
    if (this.has(passage) ? similarity <= (this.similarity[passage] as number) : similarity <= 0) return;
    if (!this.has(passage)) this.touch(passage);
    this.similarity[passage] = similarity;
    this.question[passage] = question;
  }
}

const bestQuestions = new WeakMap<NoteQuestionIndex, BestQuestions>();

function bestFor(notes: NoteQuestionIndex): BestQuestions {
  let best = bestQuestions.get(notes);
  if (!best) {
    best = new BestQuestions(notes.questions);
    bestQuestions.set(notes, best);
  }
  return best;
}

/**
 * What finding a term is worth: its specificity here, discounted for words naming the document,
 * and its BM25 inverse frequency in each field, from one lookup per field.
 */
function weighTerm(
  term: string,
  weight: number,
  kind: 'words' | 'grams',
  fields: readonly CorpusField[],
  corpusSize: number,
  maxIdf: number,
): WeighedTerm {
  let df = 0;
  let background = 1;
  const slots: number[] = [];
  const idf = fields.map((field) => {
    const { postings, background: naming } = field[kind];
    const slot = postings.slot(term);
    const fieldDf = postings.length(slot);
    slots.push(slot);
    df = Math.max(df, fieldDf);
    if (naming.has(term)) background = BACKGROUND_FACTOR;
    return inverseFrequency(fieldDf, corpusSize);
  });
  const evidence = weight * (background * specificity(df, inverseFrequency(df, corpusSize), maxIdf));
  return { term, evidence, idf, df, slots };
}
