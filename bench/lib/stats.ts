/**
 * Timing and memory helpers: high-resolution clocks, percentiles, and a forced GC for
 * heap measurements.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Latency summary of many samples, in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Runs `fn` once and returns its result with the elapsed wall time in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Times `run` on every item, `rounds` times, each round in the order `order` gives (a fresh
 * seeded shuffle, so no query always follows the same one). The numbers `run` returns are
 * summed into a checksum so no call can be skipped.
 */
export function measureLatency<T>(
  items: readonly T[],
  rounds: number,
  run: (item: T) => number,
  order: (items: readonly T[]) => T[],
): { samples: Array<{ item: T; ms: number }>; checksum: number } {
  const samples: Array<{ item: T; ms: number }> = [];
  let checksum = 0;
  for (let round = 0; round < rounds; round++) {
    for (const item of order(items)) {
      const start = performance.now();
      checksum += run(item);
      samples.push({ item, ms: performance.now() - start });
    }
  }
  return { samples, checksum };
}

let collect: (() => void) | undefined;

/**
 * A function that forces a full garbage collection, or `undefined` when V8 refuses. The
 * `--expose-gc` flag is turned on at run time so `npm run bench` needs no node options.
 */
export function gcFunction(): (() => void) | undefined {
  if (collect) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') collect = () => void gc();
  } catch {
    collect = undefined;
  }
  return collect;
}

/**
 * Memory in use after a full collection (when available), in bytes: the V8 heap plus the
 * ArrayBuffers outside it, where typed arrays (our inverted lists) keep their contents.
 */
export function settledHeap(): number {
  const gc = gcFunction();
  if (gc) {
    gc();
    gc();
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
