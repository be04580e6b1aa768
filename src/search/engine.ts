import type { Passage, SpeechDocument } from '../content/types.ts';
import { type Analyzer, pickAnalyzer } from './analyzer.ts';
import { chineseAnalyzer, topicalRuns } from './chinese.ts';
import { answerDocumentQuestion, type DocumentAnswer } from './document-questions.ts';
import { englishAnalyzer } from './english.ts';
import { asksForFigure, statesFigure } from './figures.ts';
import { hasSearchableText, MAX_QUERY_LENGTH, normalizeQuery } from './normalize.ts';
import { type IndexedPassage, PassageIndex } from './passage-index.ts';
import { allowedErrors, approximateDistance, quotedPhrases } from './phrase.ts';
import { type AnalyzedQuery, analyzeQuery } from './query.ts';
import {
  closestNoteQuestions,
  DEFAULT_RANKING,
  type NoteMatch,
  type QueryEvidence,
  type RankingOptions,
  scorePassage,
  termSpecificity,
  weighQuery,
} from './rank.ts';
import { DEFAULT_QUOTE, makeQuote, outlineQuote, type QuoteOptions, type WeightedTerm } from './snippet.ts';
import type { SynonymMap } from './synonyms.ts';
import type { SearchHit, SearchResult, SearchStatus } from './types.ts';

/** Weight of one matched query bigram, next to a word's general IDF (≈ 4–12), when choosing a quote. */
const BIGRAM_QUOTE_WEIGHT = 3;

/** How much longer a quote may be for a question asked in a translation's language. */
const TRANSLATED_QUOTE_FACTOR = 3;

/** Score added per share of the query a remembered phrase covers: a near-verbatim phrase outranks shared words. */
const PHRASE_WEIGHT = 4;

/** Least share of a query a note question must share for the quote to show the part it is about. */
const NOTED_PART_SIMILARITY = 0.5;

/** Weight of that part when choosing the quote, above any query word's. */
const NOTED_PART_WEIGHT = 50;

/** A phrase quoted verbatim puts its passage first. */
const QUOTED_BONUS = 100;

/** A remembered phrase that nearly matches more passages than this is a common expression, not a quote. */
const MAX_PHRASE_PASSAGES = 2;

/** Shortest run of characters that phrase recall looks for. */
const MIN_PHRASE_LENGTH = 4;

/** The mechanisms of search that can be switched off, to measure what each brings. */
export interface SearchFeatures {
  /** Index passage notes. */
  notes: boolean;
  /** Index translations, so questions in their language find the original. */
  translations: boolean;
  /** Quoted phrases and half-remembered phrases. */
  phrases: boolean;
  /** Questions about the document: speaker, publication, title, parts. */
  documentQuestions: boolean;
}

/** Options of {@link SpeechSearch}. Every field has a default. */
export interface SearchOptions {
  /**
   * Expressions users say → words the speech uses (from `content/synonyms.txt`), applied to
   * queries in the content's own language.
   * @default new Map()
   */
  synonyms: SynonymMap;
  /**
   * Least confidence (share of the query the best passage covers, 0–1) for an answer; below
   * it the query is "not found". Raising it trades recall for fewer off-topic answers.
   * @default 0.15
   */
  minConfidence: number;
  /**
   * Candidates FlexSearch hands to the ranker.
   * @default 200
   */
  candidateLimit: number;
  /** One analyzer per language the content, its translations or its notes are written in. */
  analyzers: readonly Analyzer[];
  features: SearchFeatures;
  ranking: RankingOptions;
  quote: QuoteOptions;
}

export const DEFAULT_SEARCH: SearchOptions = {
  synonyms: new Map(),
  minConfidence: 0.15,
  candidateLimit: 200,
  analyzers: [chineseAnalyzer, englishAnalyzer],
  features: { notes: true, translations: true, phrases: true, documentQuestions: true },
  ranking: DEFAULT_RANKING,
  quote: DEFAULT_QUOTE,
};

interface Scored {
  entry: IndexedPassage;
  score: number;
  confidence: number;
  matchedTerms: string[];
}

/**
 * Search over the passages of one or more documents, in the language of the question.
 *
 * @example
 * const search = new SpeechSearch(loadDocuments('content'), { synonyms: loadSynonyms('content/synonyms.txt') });
 * const result = search.search('档案安全', { limit: 3 });
 * result.hits[0]?.quote.text // '…严守档案安全底线不到位…'
 */
export class SpeechSearch {
  readonly documents: readonly SpeechDocument[];
  readonly passages: readonly Passage[];
  private readonly index: PassageIndex;
  private readonly byId: Map<string, IndexedPassage>;
  /** The points of each paragraph that lists points, by paragraph id, in order. */
  private readonly pointsOf: Map<string, Passage[]>;
  private readonly options: SearchOptions;

  constructor(documents: readonly SpeechDocument[], options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH, ...options };
    this.documents = documents;
    this.passages = documents.flatMap((document) => document.passages);
    const { notes, translations } = this.options.features;
    this.index = new PassageIndex(documents, this.options.analyzers, { notes, translations });
    this.byId = new Map(this.index.entries.map((entry) => [entry.passage.id, entry]));
    this.pointsOf = groupPoints(this.passages);
  }

  /**
   * Finds the passages that answer a query, best first.
   *
   * @param query what the user typed, in any form: keywords, a question, Traditional script,
   *   English, with Slack mentions or emoji
   * @param limit how many hits at most (default 3)
   */
  search(query: string, { limit = 3 }: { limit?: number } = {}): SearchResult {
    const none = (status: SearchStatus, normalizedQuery = '', lang = this.contentLang): SearchResult => ({
      query,
      normalizedQuery,
      lang,
      status,
      hits: [],
      nearby: [],
    });
    // Far too long to be a question; do not even normalize megabytes of input.
    if (query.length > MAX_QUERY_LENGTH * 4) return none('too_long');
    const normalizedQuery = normalizeQuery(query);
    if (normalizedQuery.length > MAX_QUERY_LENGTH) return none('too_long', normalizedQuery);
    if (!hasSearchableText(normalizedQuery)) return none('empty', normalizedQuery);
    const analyzer = this.analyzerFor(normalizedQuery);
    if (this.options.features.documentQuestions) {
      const answer = answerDocumentQuestion(normalizedQuery, this.documents);
      if (answer) return this.factResult(query, normalizedQuery, analyzer.lang, answer);
    }
    const synonyms = analyzer.lang === this.contentLang ? this.options.synonyms : new Map();
    const analyzed = analyzeQuery(normalizedQuery, analyzer, synonyms);
    if (analyzed.terms.length === 0 && analyzed.grams.length === 0) {
      return none('not_found', normalizedQuery, analyzer.lang);
    }
    const weighed = weighQuery(
      analyzed,
      this.index,
      this.options.ranking,
      (text) => analyzer.focusWords?.(text) ?? [],
    );
    const notes = closestNoteQuestions(weighed, this.index);
    const scored = this.rank(normalizedQuery, weighed, notes);
    const answerable = this.answerable(weighed, analyzer, scored);
    const confident = answerable.filter((hit) => hit.confidence >= this.options.minConfidence);
    if (confident.length === 0) {
      const nearby = distinctSections(scored.map((hit) => hit.entry.passage)).slice(0, NEARBY_SECTIONS);
      return { ...none('not_found', normalizedQuery, analyzer.lang), nearby };
    }
    const quoteTerms = this.quoteTerms(analyzed);
    // A question in a translation's language matched the translation, not the original's words:
    // quote the original whole (its translation is shown with it) rather than a guessed excerpt.
    const quoteOptions =
      analyzed.lang === this.contentLang
        ? this.options.quote
        : { ...this.options.quote, maxLength: this.options.quote.maxLength * TRANSLATED_QUOTE_FACTOR };
    const hits: SearchHit[] = confident.slice(0, limit).map((hit) => ({
      passage: hit.entry.passage,
      score: Number(hit.score.toFixed(4)),
      confidence: Number(hit.confidence.toFixed(3)),
      quote: this.quote(
        hit.entry.passage,
        [...quoteTerms, ...this.notedPart(notes.get(hit.entry))],
        quoteOptions,
      ),
      matchedTerms: hit.matchedTerms,
      translations: hit.entry.translations,
    }));
    return { query, normalizedQuery, lang: analyzer.lang, status: 'found', hits, nearby: [] };
  }

  /**
   * The part of the passage a note on one part of it asks about, when the query asks nearly the
   * same (then the quote shows that part): as a quote term that outweighs the query's words.
   */
  private notedPart(match: NoteMatch | undefined): WeightedTerm[] {
    return match?.anchor && match.similarity >= NOTED_PART_SIMILARITY
      ? [{ term: match.anchor, weight: NOTED_PART_WEIGHT }]
      : [];
  }

  /** The part of a passage to show: a lead that announces points is quoted with their openings. */
  private quote(passage: Passage, terms: readonly WeightedTerm[], options: QuoteOptions) {
    const points = passage.kind === 'lead' ? this.pointsOf.get(passage.paragraphId) : undefined;
    if (points && passage.text.length < options.maxLength) {
      return outlineQuote(
        passage.text,
        points.map((point) => point.text),
        terms,
        options,
      );
    }
    return makeQuote(passage.text, terms, options);
  }

  /** A passage by id, e.g. for the "next result" and "full paragraph" buttons. */
  passage(id: string): Passage | undefined {
    return this.byId.get(id)?.passage;
  }

  /** A passage's translation into a language, if the content has one. */
  translation(id: string, lang: string): string | undefined {
    return this.byId.get(id)?.translations.get(lang);
  }

  /**
   * The ranked passages that can answer at all: a question asking for a figure needs a passage that
   * states one; a question set in a time or place the content never names (今年, 湖南省) has none.
   */
  private answerable(weighed: QueryEvidence, analyzer: Analyzer, scored: Scored[]): Scored[] {
    const analyzedText = weighed.query.text;
    const vocabulary = this.index.vocabulary.get(analyzer.lang);
    // Only a word the content never uses can set the question elsewhere: no need to tag otherwise.
    const settings = weighed.unknown.size > 0 ? (analyzer.settingWords?.(analyzedText) ?? []) : [];
    if (vocabulary && settings.some((word) => !vocabulary.has(word.toLowerCase()))) return [];
    // The source line's figures are the publication's, which questions about the document answer.
    if (asksForFigure(analyzedText)) {
      return scored.filter(
        ({ entry }) => entry.passage.kind !== 'source' && statesFigure(entry.passage.text),
      );
    }
    return scored;
  }

  /** The language the content is written in (its first document's). */
  private get contentLang(): string {
    return this.documents[0]?.lang ?? chineseAnalyzer.lang;
  }

  /** The analyzer for the query's language, if any field is in it; else the content's own. */
  private analyzerFor(normalizedQuery: string): Analyzer {
    const picked = pickAnalyzer(normalizedQuery, this.options.analyzers);
    if (this.index.fieldsOf(picked.lang).length > 0) return picked;
    return this.options.analyzers.find((analyzer) => analyzer.lang === this.contentLang) ?? picked;
  }

  private rank(
    normalizedQuery: string,
    weighed: QueryEvidence,
    notes: ReadonlyMap<IndexedPassage, NoteMatch>,
  ): Scored[] {
    const { entries } = this.index;
    const analyzed = weighed.query;
    const positions = this.index.candidates(
      analyzed.lang,
      [...analyzed.terms.map((term) => term.term), ...analyzed.grams],
      this.options.candidateLimit,
    );
    const candidates = positions.map((position) => entries[position]).filter((entry) => entry !== undefined);
    const scored = candidates.map((entry) => ({
      entry,
      ...scorePassage(entry, weighed, this.options.ranking, notes.get(entry)?.similarity),
    }));
    if (this.options.features.phrases && analyzed.lang === chineseAnalyzer.lang) {
      addPhraseEvidence(normalizedQuery, scored);
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  /**
   * Sentences are chosen by the words that set a passage apart, not the speech's everywhere-words
   * (档案, 工作), and contiguous phrases count through their bigrams.
   */
  private quoteTerms(analyzed: AnalyzedQuery) {
    if (analyzed.lang !== this.contentLang) return [];
    const fields = this.index.fieldsOf(analyzed.lang).filter((field) => field.source === 'text');
    const size = this.index.entries.length;
    return [
      ...analyzed.terms.map(({ term, weight }) => ({
        term,
        weight: weight * termSpecificity(term, fields, size),
      })),
      ...analyzed.grams.map((term) => ({
        term,
        weight: BIGRAM_QUOTE_WEIGHT * termSpecificity(term, fields, size, true),
      })),
    ];
  }

  private factResult(
    query: string,
    normalizedQuery: string,
    lang: string,
    answer: DocumentAnswer,
  ): SearchResult {
    const hit: SearchHit = {
      passage: answer.passage,
      score: 1,
      confidence: 1,
      quote: { text: answer.text, highlights: [], truncated: false },
      matchedTerms: [],
      // The fact is the answer, already in the question's language; the passage is only its place.
      translations: new Map(),
      fact: answer.fact,
    };
    return { query, normalizedQuery, lang, status: 'found', hits: [hit], nearby: [] };
  }
}

/**
 * Raises passages that hold what the user quoted: a phrase in quotation marks found verbatim goes
 * first; a run of four or more characters found with a character or two wrong (隔靴挠痒) counts
 * as much of the query as it covers. A run that nearly matches many passages is a common
 * expression, not a quote, and counts for nothing.
 */
function addPhraseEvidence(normalizedQuery: string, scored: Scored[]): void {
  const quoted = quotedPhrases(normalizedQuery);
  const runs = topicalRuns(normalizedQuery);
  const topicalLength = runs.reduce((sum, run) => sum + [...run].length, 0);
  for (const phrase of quoted) {
    scored.forEach((hit) => {
      if (hit.entry.compactText.includes(phrase)) {
        hit.score += QUOTED_BONUS;
        hit.confidence = 1;
      }
    });
  }
  if (topicalLength === 0) return;
  for (const run of runs) {
    const length = [...run].length;
    if (length < MIN_PHRASE_LENGTH) continue;
    const maxErrors = allowedErrors(length);
    const characters = [...run];
    const matches = scored
      // Each edit loses at most one of the phrase's characters: a text lacking more cannot hold it.
      .filter(
        ({ entry }) => characters.filter((c) => entry.compactText.includes(c)).length >= length - maxErrors,
      )
      .map((hit) => ({ hit, distance: approximateDistance(run, hit.entry.compactText, maxErrors) }))
      .filter(({ distance }) => distance <= maxErrors);
    if (matches.length === 0 || matches.length > MAX_PHRASE_PASSAGES) continue;
    for (const { hit, distance } of matches) {
      const share = (length - distance) / topicalLength;
      hit.score += PHRASE_WEIGHT * share;
      hit.confidence = Math.max(hit.confidence, Math.min(1, share));
    }
  }
}

const NEARBY_SECTIONS = 3;

function groupPoints(passages: readonly Passage[]): Map<string, Passage[]> {
  const groups = new Map<string, Passage[]>();
  for (const passage of passages) {
    if (passage.kind !== 'point') continue;
    const group = groups.get(passage.paragraphId) ?? [];
    group.push(passage);
    groups.set(passage.paragraphId, group);
  }
  return groups;
}

/** The first passage of each section, in the given order; the source line is no suggestion. */
function distinctSections(passages: readonly Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((passage) => {
    const key = `${passage.docId}#${passage.sectionIndex}`;
    if (passage.kind === 'source' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
