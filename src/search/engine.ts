import type { Passage, SpeechDocument } from '../content/types.ts';
import { asksForFigure, statesFigure } from './figures.ts';
import { hasSearchableText, MAX_QUERY_LENGTH, normalizeQuery } from './normalize.ts';
import { PassageIndex } from './passage-index.ts';
import { analyzeQuery } from './query.ts';
import { DEFAULT_RANKING, type RankingOptions, scorePassage, termSpecificity } from './rank.ts';
import { DEFAULT_QUOTE, makeQuote, type QuoteOptions } from './snippet.ts';
import type { SynonymMap } from './synonyms.ts';
import type { SearchHit, SearchResult } from './types.ts';

/** Weight of one matched query bigram, next to a word's general IDF (≈ 4–12), when choosing a quote. */
const BIGRAM_QUOTE_WEIGHT = 3;

/** Options of {@link SpeechSearch}. Every field has a default. */
export interface SearchOptions {
  /**
   * Expressions users say → words the speech uses (from `content/synonyms.txt`).
   * @default new Map()
   */
  synonyms: SynonymMap;
  /**
   * Least confidence (share of the query the best passage covers, 0–1) for an answer; below
   * it the query is "not found". Raising it trades recall for fewer off-topic answers.
   * @default 0.25
   */
  minConfidence: number;
  /**
   * Candidates FlexSearch hands to the ranker per index.
   * @default 200
   */
  candidateLimit: number;
  ranking: RankingOptions;
  quote: QuoteOptions;
}

export const DEFAULT_SEARCH: SearchOptions = {
  synonyms: new Map(),
  minConfidence: 0.25,
  candidateLimit: 200,
  ranking: DEFAULT_RANKING,
  quote: DEFAULT_QUOTE,
};

/**
 * Search over the passages of one or more documents.
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
  private readonly byId: Map<string, Passage>;
  private readonly options: SearchOptions;

  constructor(documents: readonly SpeechDocument[], options: Partial<SearchOptions> = {}) {
    this.documents = documents;
    this.passages = documents.flatMap((document) => document.passages);
    this.index = new PassageIndex(this.passages, documents.flatMap(backgroundText));
    this.byId = new Map(this.passages.map((passage) => [passage.id, passage]));
    this.options = { ...DEFAULT_SEARCH, ...options };
  }

  /**
   * Finds the passages that answer a query, best first.
   *
   * @param query what the user typed, in any form: keywords, a question, Traditional script,
   *   with Slack mentions or emoji
   * @param limit how many hits at most (default 3)
   */
  search(query: string, { limit = 3 }: { limit?: number } = {}): SearchResult {
    if (query.length > MAX_QUERY_LENGTH * 4) {
      // Far too long to be a question; do not even normalize megabytes of input.
      return { query, normalizedQuery: '', status: 'too_long', hits: [], nearby: [] };
    }
    const normalizedQuery = normalizeQuery(query);
    if (normalizedQuery.length > MAX_QUERY_LENGTH) {
      return { query, normalizedQuery, status: 'too_long', hits: [], nearby: [] };
    }
    if (!hasSearchableText(normalizedQuery))
      return { query, normalizedQuery, status: 'empty', hits: [], nearby: [] };
    const analyzed = analyzeQuery(normalizedQuery, this.options.synonyms);
    if (analyzed.terms.length === 0 && analyzed.bigrams.length === 0) {
      return { query, normalizedQuery, status: 'not_found', hits: [], nearby: [] };
    }
    const { entries, wordCorpus, bigramCorpus } = this.index;
    const candidates = this.index.candidates(
      analyzed.terms.map((term) => term.term),
      analyzed.bigrams,
      this.options.candidateLimit,
    );
    const scored = candidates
      .map((position) => {
        const entry = entries[position];
        if (!entry) return undefined;
        const score = scorePassage(
          entry,
          analyzed,
          entries.length,
          wordCorpus,
          bigramCorpus,
          this.options.ranking,
        );
        return { entry, ...score };
      })
      .filter((hit) => hit !== undefined)
      .sort((a, b) => b.score - a.score);
    const answerable = asksForFigure(normalizedQuery)
      ? scored.filter((hit) => statesFigure(hit.entry.passage.text))
      : scored;
    const best = answerable[0];
    if (!best || best.confidence < this.options.minConfidence) {
      const nearby = distinctSections(scored.map((hit) => hit.entry.passage)).slice(0, NEARBY_SECTIONS);
      return { query, normalizedQuery, status: 'not_found', hits: [], nearby };
    }
    // Sentences are chosen by the words that set this passage apart, not the speech's
    // everywhere-words (档案, 工作), and contiguous phrases count through their bigrams.
    const size = entries.length;
    const quoteTerms = [
      ...analyzed.terms.map(({ term, weight }) => ({
        term,
        weight: weight * termSpecificity(term, size, wordCorpus),
      })),
      ...analyzed.bigrams.map((term) => ({
        term,
        weight: BIGRAM_QUOTE_WEIGHT * termSpecificity(term, size, bigramCorpus),
      })),
    ];
    const hits: SearchHit[] = answerable
      .filter((hit) => hit.confidence >= this.options.minConfidence)
      .slice(0, limit)
      .map((hit) => ({
        passage: hit.entry.passage,
        score: Number(hit.score.toFixed(4)),
        confidence: Number(hit.confidence.toFixed(3)),
        quote: makeQuote(hit.entry.passage.text, quoteTerms, this.options.quote),
        matchedTerms: hit.matchedTerms,
      }));
    return { query, normalizedQuery, status: 'found', hits, nearby: [] };
  }

  /** A passage by id, e.g. for the "next result" and "full paragraph" buttons. */
  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }
}

const NEARBY_SECTIONS = 3;

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

/** What a document says about itself: its title and publication facts. */
function backgroundText(document: SpeechDocument): string[] {
  const { headline, subtitle, author, role, publication } = document.meta;
  return [document.title, headline, subtitle, author, role, publication].filter((text) => text !== undefined);
}
