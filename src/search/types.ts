import type { Passage } from '../content/types.ts';
import type { DocumentFact } from './document-questions.ts';

/** A quote cut from a passage, with the ranges of the words that matched the query. */
export interface Quote {
  /** The text shown to the user; `…` marks where a long passage was cut. */
  text: string;
  /** `[start, end)` character offsets into `text` of matched words, sorted, not overlapping. */
  highlights: Array<[number, number]>;
  /** True when `text` is only part of the passage. */
  truncated: boolean;
}

/** One ranked result. */
export interface SearchHit {
  passage: Passage;
  /** Relevance, higher is better; comparable within one query only. */
  score: number;
  /** Share (0–1) of the query's weight that this passage matches; the basis of "not found". */
  confidence: number;
  quote: Quote;
  /** Query words found in the passage. */
  matchedTerms: string[];
  /** The passage in other languages (from the content's translations), by language code. */
  translations: ReadonlyMap<string, string>;
  /** For a question about the document itself (who spoke, where published): which fact the quote states. */
  fact?: DocumentFact;
  /** Answered as the place the question names (第二部分第三段), not by the question's words. */
  placed?: boolean;
}

/** Why a query produced no hits, when it did not. */
export type SearchStatus = 'found' | 'not_found' | 'empty' | 'too_long';

export interface SearchResult {
  /** What the user typed. */
  query: string;
  /** The language the query was read in (`zh`, `en`): answers in a translation's language show it. */
  lang: string;
  /** The text actually searched (cleaned, Simplified). */
  normalizedQuery: string;
  status: SearchStatus;
  /** Best first; empty unless `status` is `found`. */
  hits: SearchHit[];
  /**
   * When nothing answers well enough: up to 3 passages from different sections that came
   * closest, to suggest where to look. Empty otherwise.
   */
  nearby: Passage[];
  /**
   * Set when the hits were reordered to put this passage (by id) first, whatever the ranking: the
   * passage a pasted message quotes (see `findQuoted`). Showing the result again must do the same.
   */
  firstPassage?: string;
  /**
   * What the document does say, when a question asks past it (the speech names its speaker and
   * says nothing of his career): in the question's language. Only with `not_found`.
   */
  known?: string;
}
