export { DEFAULT_SEARCH, type SearchOptions, SpeechSearch } from './engine.ts';
export { MAX_QUERY_LENGTH, normalizeQuery } from './normalize.ts';
export { DEFAULT_RANKING, type RankingOptions } from './rank.ts';
export { DEFAULT_QUOTE, type QuoteOptions } from './snippet.ts';
export { loadSynonyms, parseSynonyms, type SynonymMap } from './synonyms.ts';
export type { Quote, SearchHit, SearchResult, SearchStatus } from './types.ts';
