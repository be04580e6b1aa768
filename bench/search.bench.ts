/**
 * `npm run bench`: how fast the speech search builds and answers, next to MiniSearch.
 *
 * In one run it measures
 * 1. one-time costs (jieba dictionary, general IDF table, OpenCC converters, reading content/);
 * 2. the real speech (`content/`): index build time and query latency p50/p95/p99/mean over a
 *    few hundred queries (the eval set plus generated ones), and how many eval queries get the
 *    expected passage as the top hit;
 * 3. a synthetic corpus of ~1,000 speech-sized documents recombined from the speech with a seeded
 *    PRNG: build time, retained heap, query latency;
 * 4. MiniSearch on the same passages and queries, with the repo's jieba tokenization and with
 *    its default tokenizer;
 * 5. on the synthetic corpus, whether SpeechSearch's pruning (MaxScore) changes the top answer,
 *    against an index that scores every passage sharing a term with the query;
 * 6. the bot as a whole process next to a bare Bolt app (`bench/bot.bench.ts`): ready time, idle
 *    RSS, slash commands/s, `ask` and the one-time costs in a fresh process.
 *
 * Prints tables, or with `--json` the raw figures. Progress goes to stderr. Options: `USAGE`
 * below (`npm run bench -- --help`).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDocuments } from '../src/content/load.ts';
import { generalIdf } from '../src/search/general-idf.ts';
import { normalizeQuery } from '../src/search/normalize.ts';
import { words } from '../src/search/segment.ts';
import { loadSynonyms } from '../src/search/synonyms.ts';
import { SYNONYMS_FILE } from '../src/speech.ts';
import { type BotFigures, measureBot } from './bot.bench.ts';
import { readOptions, wholeNumber } from './lib/args.ts';
import { candidateCut } from './lib/candidates.ts';
import { type Corpus, makeCorpus, speechMaterial, syntheticCorpus } from './lib/corpus.ts';
import { CONTENDERS, type Contender, type Searcher, speechSearch } from './lib/engines.ts';
import { Rng } from './lib/prng.ts';
import { BENCH_SEED, type BenchQuery, buildQueries, type EvalQuery, loadEvalQueries } from './lib/queries.ts';
import type {
  BenchResult,
  CorpusResult,
  EngineResult,
  Environment,
  OneTimeCosts,
  Quality,
} from './lib/report.ts';
import { renderText } from './lib/report.ts';
import { gcFunction, measureLatency, median, settledHeap, summarize, timed } from './lib/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTENT_DIR = path.join(ROOT, 'content');
const EVAL_FILE = path.join(ROOT, 'test/eval/queries.jsonl');

interface Config {
  json: boolean;
  syntheticDocuments: number;
  /** Paragraph characters per synthetic document; 0 = as many as the speech has. */
  charactersPerDocument: number;
  /** Passes over the query set on the real speech (cheap) and on the synthetic corpus. */
  speechRounds: number;
  syntheticRounds: number;
  /** Rebuilds of the speech index for a median build time. */
  speechRebuilds: number;
  /** Queries of the candidate-cut check on the synthetic corpus; 0 skips it. */
  candidateSample: number;
  /** Least time each engine spends on warm-up passes before its latency is timed. */
  warmUpMs: number;
  /** Measure the bot as a process too (`bench/bot.bench.ts`, needs `npm run build`). */
  bot: boolean;
}

const USAGE = `
Usage: npm run bench [-- options]
  --json            print the raw figures as JSON
  --docs N          synthetic documents (default 1000)
  --chars N         paragraph characters per synthetic document (default: as many as the speech)
  --rounds N        passes over the queries on the speech (default 3)
  --cut-sample N    queries of the pruning check (default: every query; 0 skips it)
  --warm-up-ms N    least warm-up per engine before its latency is timed (default 2000)
  --no-bot          skip the bot-as-a-process figures of bench/bot.bench.ts
`;

function readConfig(): Config {
  return readOptions(USAGE, () => {
    const { values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        docs: { type: 'string', default: '1000' },
        chars: { type: 'string', default: '0' },
        rounds: { type: 'string', default: '3' },
        'cut-sample': { type: 'string' },
        'warm-up-ms': { type: 'string', default: '2000' },
        'no-bot': { type: 'boolean', default: false },
      },
    });
    const cutSample = values['cut-sample'];
    return {
      json: values.json,
      syntheticDocuments: wholeNumber('docs', values.docs),
      charactersPerDocument: wholeNumber('chars', values.chars, 0),
      speechRounds: wholeNumber('rounds', values.rounds),
      syntheticRounds: 1,
      speechRebuilds: 10,
      candidateSample:
        cutSample === undefined ? Number.MAX_SAFE_INTEGER : wholeNumber('cut-sample', cutSample, 0),
      warmUpMs: wholeNumber('warm-up-ms', values['warm-up-ms'], 0),
      bot: !values['no-bot'],
    };
  });
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function packageVersion(name: string): string {
  const file = path.join(ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function environment(): Environment {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    packages: Object.fromEntries(
      ['@node-rs/jieba', 'opencc-js', 'minisearch'].map((name) => [name, packageVersion(name)]),
    ),
    gcExposed: gcFunction() !== undefined,
  };
}

/** Pays each lazy initialization once, timing it, so no later figure includes it. */
function oneTimeCosts(): Omit<OneTimeCosts, 'firstQueryMs'> & { corpus: Corpus } {
  const jieba = timed(() => words('预热'));
  const idf = timed(() => generalIdf('档案'));
  const opencc = timed(() => normalizeQuery('檔案'));
  const load = timed(() =>
    makeCorpus('speech', loadDocuments(CONTENT_DIR), loadSynonyms(path.join(CONTENT_DIR, SYNONYMS_FILE))),
  );
  return {
    jiebaDictionaryMs: jieba.ms,
    idfTableMs: idf.ms,
    openccMs: opencc.ms,
    loadContentMs: load.ms,
    corpus: load.value,
  };
}

/** Build time (cold, and the median of rebuilds) and the heap the index keeps. */
function buildIndex(
  contender: Contender,
  corpus: Corpus,
  rebuilds: number,
): { searcher: Searcher; buildMs: number; buildMedianMs?: number; heapDeltaMb: number } {
  const before = settledHeap();
  const first = timed(() => contender.build(corpus));
  const heapDeltaMb = (settledHeap() - before) / 2 ** 20;
  if (rebuilds <= 1) return { searcher: first.value, buildMs: first.ms, heapDeltaMb };
  const times = Array.from({ length: rebuilds }, () => timed(() => contender.build(corpus)).ms);
  return { searcher: first.value, buildMs: first.ms, buildMedianMs: median(times), heapDeltaMb };
}

/**
 * Warm-up passes over the queries, at least one and for at least `warmUpMs`: for its first
 * second or so V8 optimizes functions on background threads, and on a 2-core machine those
 * threads take the main thread's core for a few milliseconds at a time, so a single pass
 * would time that start-up on whichever engine runs first rather than its steady state.
 */
function warmUp(searcher: Searcher, queries: readonly BenchQuery[], warmUpMs: number): void {
  const start = performance.now();
  do {
    for (const query of queries) searcher.count(query.text);
  } while (performance.now() - start < warmUpMs);
}

/** Warm-up, then timed passes; latency overall and per query kind. */
function queryLatency(
  searcher: Searcher,
  queries: readonly BenchQuery[],
  rounds: number,
  warmUpMs: number,
): Pick<EngineResult, 'latency' | 'latencyByKind'> {
  warmUp(searcher, queries, warmUpMs);
  const rng = new Rng(BENCH_SEED);
  const { samples } = measureLatency(
    queries,
    rounds,
    (query) => searcher.count(query.text),
    (items) => rng.shuffle(items),
  );
  const byKind = new Map<string, number[]>();
  for (const { item, ms } of samples) {
    const times = byKind.get(item.kind) ?? [];
    times.push(ms);
    byKind.set(item.kind, times);
  }
  return {
    latency: summarize(samples.map((sample) => sample.ms)),
    latencyByKind: Object.fromEntries([...byKind].map(([kind, times]) => [kind, summarize(times)])),
  };
}

/** Top-1 accuracy on the eval set: a hit when the best passage contains `expect`. */
function quality(searcher: Searcher, evalQueries: readonly EvalQuery[]): Quality {
  const result: Quality = {
    answerableTop1: 0,
    answerable: 0,
    noAnswerEmpty: 0,
    noAnswer: 0,
    misses: [],
    falseAnswers: [],
  };
  for (const query of evalQueries) {
    const top = searcher.top(query.query)?.text;
    if (query.expect === '') {
      result.noAnswer++;
      if (top === undefined) result.noAnswerEmpty++;
      else result.falseAnswers.push(query.id);
      continue;
    }
    result.answerable++;
    if (top?.includes(query.expect)) result.answerableTop1++;
    else result.misses.push(query.id);
  }
  return result;
}

interface CorpusPlan {
  corpus: Corpus;
  rounds: number;
  rebuilds: number;
  evalQueries?: readonly EvalQuery[];
  generateMs?: number;
  /** Queries for the candidate-cut check of our engine; 0 skips it. */
  candidateSample: number;
  warmUpMs: number;
}

function benchCorpus(plan: CorpusPlan, queries: readonly BenchQuery[]): CorpusResult {
  const { corpus } = plan;
  const engines = CONTENDERS.map((contender): EngineResult => {
    progress(`${corpus.name}: building ${contender.name}`);
    const built = buildIndex(contender, corpus, plan.rebuilds);
    progress(`${corpus.name}: querying ${contender.name}`);
    const latency = queryLatency(built.searcher, queries, plan.rounds, plan.warmUpMs);
    const { searcher, ...figures } = built;
    const result: EngineResult = { engine: contender.name, ...figures, ...latency };
    if (plan.evalQueries) result.quality = quality(searcher, plan.evalQueries);
    const lookupUs = passageLookupUs(searcher, corpus);
    if (lookupUs !== undefined) result.passageLookupUs = lookupUs;
    if (contender === speechSearch && plan.candidateSample > 0) {
      const sample = Math.min(plan.candidateSample, queries.length);
      progress(`${corpus.name}: pruning check (${sample} queries, every passage sharing a term scored)`);
      result.candidateCut = candidateCut(searcher, corpus, queries, plan.candidateSample, BENCH_SEED);
    }
    return result;
  });
  const result: CorpusResult = {
    corpus: corpus.name,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    characters: corpus.characters,
    engines,
  };
  if (plan.generateMs !== undefined) result.generateMs = plan.generateMs;
  const cut = engines.find((engine) => engine.candidateCut)?.candidateCut;
  if (cut) result.candidateCut = cut;
  return result;
}

/** Mean time of `passage(id)`, the lookup behind the bot's "full paragraph" button. */
function passageLookupUs(searcher: Searcher, corpus: Corpus): number | undefined {
  const { lookup } = searcher;
  if (!lookup) return undefined;
  const rng = new Rng(BENCH_SEED);
  const ids = Array.from({ length: 2000 }, () => rng.pick(corpus.passages).id);
  const { samples } = measureLatency(
    ids,
    1,
    (id) => (lookup(id) ? 1 : 0),
    (items) => [...items],
  );
  return summarize(samples.map((sample) => sample.ms)).mean * 1000;
}

function firstQueryMs(corpus: Corpus): number {
  const searcher = speechSearch.build(corpus);
  return timed(() => searcher.count('主题教育的总要求是什么?')).ms;
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig();
  const env = environment();
  progress('one-time costs');
  const { corpus: speech, ...costs } = oneTimeCosts();
  const oneTime: OneTimeCosts = { ...costs, firstQueryMs: firstQueryMs(speech) };

  const material = speechMaterial(speech.documents);
  const evalQueries = loadEvalQueries(EVAL_FILE);
  const queries = buildQueries(evalQueries, material, BENCH_SEED);
  progress(`${queries.length} queries`);

  const speechResult = benchCorpus(
    {
      corpus: speech,
      rounds: config.speechRounds,
      rebuilds: config.speechRebuilds,
      evalQueries,
      candidateSample: 0,
      warmUpMs: config.warmUpMs,
    },
    queries,
  );

  progress(`generating ${config.syntheticDocuments} synthetic documents`);
  const generated = timed(() =>
    syntheticCorpus(material, {
      documents: config.syntheticDocuments,
      charactersPerDocument: config.charactersPerDocument || material.charactersPerDocument,
      seed: BENCH_SEED,
    }),
  );
  const synthetic = makeCorpus('synthetic', generated.value, speech.synonyms);
  const syntheticResult = benchCorpus(
    {
      corpus: synthetic,
      rounds: config.syntheticRounds,
      rebuilds: 1,
      generateMs: generated.ms,
      candidateSample: config.candidateSample,
      warmUpMs: config.warmUpMs,
    },
    queries,
  );

  let bot: BotFigures | undefined;
  if (config.bot) {
    if (!existsSync(path.join(ROOT, 'dist', 'main.js'))) {
      throw new Error('The bot figures need the build: run `npm run build` first (or pass --no-bot).');
    }
    progress('the bot as a process, next to a bare Bolt app');
    bot = await measureBot({ starts: 3, bursts: 3, asks: 3, log: progress });
  }

  const byKind: Record<string, number> = {};
  for (const query of queries) byKind[query.kind] = (byKind[query.kind] ?? 0) + 1;
  const result: BenchResult = {
    environment: env,
    oneTime,
    queries: { total: queries.length, byKind },
    corpora: [speechResult, syntheticResult],
    ...(bot ? { bot } : {}),
    totalSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(`${config.json ? JSON.stringify(result, null, 2) : renderText(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
