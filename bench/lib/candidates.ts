/**
 * Does the candidate cut cost answers? SpeechSearch scores only the passages FlexSearch hands it
 * (`candidateLimit`, 200 per index, in FlexSearch's order, not by BM25). On a large corpus the
 * best-scoring passage may not be among them. This check builds a second index that scores
 * every matching passage and compares its top hit with the default one.
 */
import { DEFAULT_SEARCH } from '../../src/search/engine.ts';
import type { Corpus } from './corpus.ts';
import { type Searcher, speechSearchWith, type TopHit } from './engines.ts';
import { Rng } from './prng.ts';
import type { BenchQuery } from './queries.ts';
import { type LatencySummary, median, summarize, timed } from './stats.ts';

const WARM_UP = 10;

export interface CandidateCut {
  candidateLimit: number;
  /** Queries compared: those where either index answers. */
  compared: number;
  /** Same top passage in both. */
  sameTop1: number;
  /** Default top-1 score ÷ exhaustive top-1 score, over the queries whose top-1 differs. */
  medianScoreRatio: number;
  minScoreRatio: number;
  exhaustiveBuildMs: number;
  defaultLatency: LatencySummary;
  exhaustiveLatency: LatencySummary;
}

/**
 * @param searcher the default index, already built over `corpus`
 * @param sample how many of the queries to compare (a seeded sample; exhaustive scoring is slow)
 */
export function candidateCut(
  searcher: Searcher,
  corpus: Corpus,
  queries: readonly BenchQuery[],
  sample: number,
  seed: number,
): CandidateCut {
  const exhaustive = timed(() =>
    speechSearchWith('exhaustive', { candidateLimit: corpus.passages.length }).build(corpus),
  );
  const chosen = new Rng(seed).shuffle(queries).slice(0, sample);
  for (const query of chosen.slice(0, WARM_UP)) exhaustive.value.top(query.text);
  const pairs = chosen.map((query) => ({
    fast: timed(() => searcher.top(query.text)),
    full: timed(() => exhaustive.value.top(query.text)),
  }));
  const answered = pairs.filter(({ fast, full }) => fast.value || full.value);
  const ratios = answered
    .filter(({ fast, full }) => fast.value?.id !== full.value?.id)
    .map(({ fast, full }) => scoreRatio(fast.value, full.value));
  return {
    candidateLimit: DEFAULT_SEARCH.candidateLimit,
    compared: answered.length,
    sameTop1: answered.length - ratios.length,
    medianScoreRatio: ratios.length ? median(ratios) : 1,
    minScoreRatio: ratios.length ? Math.min(...ratios) : 1,
    exhaustiveBuildMs: exhaustive.ms,
    defaultLatency: summarize(pairs.map(({ fast }) => fast.ms)),
    exhaustiveLatency: summarize(pairs.map(({ full }) => full.ms)),
  };
}

function scoreRatio(fast: TopHit | undefined, full: TopHit | undefined): number {
  if (!fast || !full || full.score === 0) return 0;
  return fast.score / full.score;
}
