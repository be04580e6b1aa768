/**
 * Does pruning cost answers? SpeechSearch skips the passages that cannot reach the top answers
 * (MaxScore over upper bounds per term, `src/search/top-k.ts`). This check builds a second index
 * with `pruning: false`, which scores every passage sharing a term with the query, and compares
 * its top hit with the default one: they must always be the same.
 */
import type { Corpus } from './corpus.ts';
import { type Searcher, speechSearchWith, type TopHit } from './engines.ts';
import { Rng } from './prng.ts';
import type { BenchQuery } from './queries.ts';
import { type LatencySummary, median, summarize, timed } from './stats.ts';

const WARM_UP = 10;

export interface CandidateCut {
  /** How the default index limits the passages it scores. */
  method: 'MaxScore';
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
  const exhaustive = timed(() => speechSearchWith('exhaustive', { pruning: false }).build(corpus));
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
    method: 'MaxScore',
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
