/**
 * The contenders, behind one small interface: our SpeechSearch, and MiniSearch as the
 * reference, once with the repo's Chinese segmentation and once with its default tokenizer.
 */
import MiniSearch from 'minisearch';
import type { Passage } from '../../src/content/types.ts';
import { type SearchOptions, SpeechSearch } from '../../src/search/engine.ts';
import { words } from '../../src/search/segment.ts';
import type { Corpus } from './corpus.ts';

/** The best hit of a query. */
export interface TopHit {
  /** Passage id. */
  id: string;
  /** The engine's own score; comparable within one engine and one query only. */
  score: number;
  /** What the user would read: the passage text (and, for our engine, the quote cut from it). */
  text: string;
}

/** A built index, reduced to what the benchmark needs. */
export interface Searcher {
  /** Number of hits returned (a checksum, so no search is skipped). */
  count(query: string): number;
  /** The best hit, or `undefined` when the engine answers "not found". */
  top(query: string): TopHit | undefined;
  /** Our engine only: the `passage(id)` lookup behind the "full paragraph" button. */
  lookup?(id: string): unknown;
}

export interface Contender {
  name: string;
  build(corpus: Corpus): Searcher;
}

/**
 * Our engine as the bot runs it, or with other options (e.g. a larger `candidateLimit`).
 *
 * @param options merged over the corpus's synonyms
 */
export function speechSearchWith(name: string, options: Partial<SearchOptions> = {}): Contender {
  return {
    name,
    build(corpus) {
      const search = new SpeechSearch(corpus.documents, { synonyms: corpus.synonyms, ...options });
      return {
        count: (query) => search.search(query, { limit: 3 }).hits.length,
        top: (query) => {
          const hit = search.search(query, { limit: 3 }).hits[0];
          if (!hit) return undefined;
          return { id: hit.passage.id, score: hit.score, text: `${hit.passage.text}\n${hit.quote.text}` };
        },
        lookup: (id) => search.passage(id),
      };
    },
  };
}

export const speechSearch = speechSearchWith('SpeechSearch (ours)');

interface MiniDoc {
  id: number;
  text: string;
}

function miniSearcher(passages: readonly Passage[], mini: MiniSearch<MiniDoc>): Searcher {
  const run = (query: string) => mini.search(query, { combineWith: 'OR' });
  return {
    count: (query) => Math.min(3, run(query).length),
    top: (query) => {
      const best = run(query)[0];
      const passage = best ? passages[Number(best.id)] : undefined;
      return best && passage ? { id: passage.id, score: best.score, text: passage.text } : undefined;
    },
  };
}

function buildMini(corpus: Corpus, mini: MiniSearch<MiniDoc>): Searcher {
  mini.addAll(corpus.passages.map((passage, id) => ({ id, text: passage.text })));
  return miniSearcher(corpus.passages, mini);
}

/** MiniSearch with the same jieba words as our engine: the fair reference. */
export const miniSearchJieba: Contender = {
  name: 'MiniSearch + jieba',
  build: (corpus) =>
    buildMini(
      corpus,
      new MiniSearch<MiniDoc>({
        fields: ['text'],
        tokenize: (text) => words(text),
        processTerm: (term) => term,
        searchOptions: { combineWith: 'OR' },
      }),
    ),
};

/** MiniSearch out of the box: splits on spaces and punctuation only, so a Chinese clause is one term. */
export const miniSearchDefault: Contender = {
  name: 'MiniSearch default',
  build: (corpus) =>
    buildMini(corpus, new MiniSearch<MiniDoc>({ fields: ['text'], searchOptions: { combineWith: 'OR' } })),
};

export const CONTENDERS: readonly Contender[] = [speechSearch, miniSearchJieba, miniSearchDefault];
