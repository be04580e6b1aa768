/**
 * The result shape printed by `--json`, and the plain-text tables printed otherwise.
 */

import type { AppRatios, BotFigures } from '../bot.bench.ts';
import type { CandidateCut } from './candidates.ts';
import type { LatencySummary } from './stats.ts';

export interface Environment {
  date: string;
  node: string;
  v8: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  packages: Record<string, string>;
  gcExposed: boolean;
}

/** Costs paid once per process, before the first index is built. */
export interface OneTimeCosts {
  jiebaDictionaryMs: number;
  idfTableMs: number;
  openccMs: number;
  loadContentMs: number;
  firstQueryMs: number;
}

/** How often the top hit of an evaluation query is the expected passage. */
export interface Quality {
  answerableTop1: number;
  answerable: number;
  noAnswerEmpty: number;
  noAnswer: number;
  /** Ids of answerable queries whose top hit missed. */
  misses: string[];
  /** Ids of no-answer queries that got an answer anyway. */
  falseAnswers: string[];
}

export interface EngineResult {
  engine: string;
  /** First (cold) build. */
  buildMs: number;
  /** Median of repeated builds, when the corpus is small enough to rebuild. */
  buildMedianMs?: number;
  /** Heap and ArrayBuffer memory the built index keeps, MB (after a full collection). */
  heapDeltaMb: number;
  latency: LatencySummary;
  latencyByKind: Record<string, LatencySummary>;
  quality?: Quality;
  /** Our engine on the synthetic corpus: the default candidate cut against scoring every passage. */
  candidateCut?: CandidateCut;
  /** Our engine only: mean `passage(id)` lookup (the "full paragraph" button), microseconds. */
  passageLookupUs?: number;
}

export interface CorpusResult {
  corpus: string;
  documents: number;
  passages: number;
  characters: number;
  /** Time to generate and parse the synthetic Markdown. */
  generateMs?: number;
  engines: EngineResult[];
  /** Our engine's pruning check (also under its engine), where issue 10 asked for it. */
  candidateCut?: CandidateCut;
}

export interface BenchResult {
  environment: Environment;
  oneTime: OneTimeCosts;
  queries: { total: number; byKind: Record<string, number> };
  corpora: CorpusResult[];
  /** The bot as a whole process next to a bare Bolt app (`bench/bot.bench.ts`); absent with `--no-bot`. */
  bot?: BotFigures;
  totalSeconds: number;
}

const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Columns padded to their widest cell; numbers right-aligned, the `left` columns left-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left: readonly number[] = [0],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c] ?? ''))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - displayWidth(cell));
        return left.includes(c) ? cell + pad : pad + cell;
      })
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(char) ? 2 : 1;
  return width;
}

export function renderText(result: BenchResult): string {
  const { environment: env, oneTime } = result;
  const out: string[] = [];
  out.push(
    `Search benchmark — ${env.date}`,
    `Node ${env.node} (V8 ${env.v8}), ${env.platform}, ${env.cpu}, ${env.cores} cores, ${env.memoryGb} GB RAM`,
    `Packages: ${Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}${env.gcExposed ? '' : ' (GC not exposed: heap figures are rough)'}`,
    '',
    'One-time costs (per process, ms)',
    table(
      ['What', 'ms'],
      [
        ['jieba dictionary load', ms(oneTime.jiebaDictionaryMs)],
        ['general IDF table load', ms(oneTime.idfTableMs)],
        ['OpenCC converters (Traditional → Simplified)', ms(oneTime.openccMs)],
        ['read + parse content/ (speech.md, synonyms.txt)', ms(oneTime.loadContentMs)],
        ['first search after build (cold JIT)', ms(oneTime.firstQueryMs)],
      ],
    ),
    '',
    `Queries: ${result.queries.total} (${Object.entries(result.queries.byKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')})`,
    '',
    'Build and query latency (ms; heap = heap and ArrayBuffers the index keeps)',
    table(
      ['Corpus', 'Engine', 'Passages', 'Build', 'Build med', 'Heap MB', 'p50', 'p95', 'p99', 'mean', 'max'],
      result.corpora.flatMap((corpus) =>
        corpus.engines.map((engine) => [
          `${corpus.corpus} (${corpus.documents} doc)`,
          engine.engine,
          String(corpus.passages),
          ms(engine.buildMs),
          engine.buildMedianMs === undefined ? '—' : ms(engine.buildMedianMs),
          heapCell(engine.heapDeltaMb),
          ms(engine.latency.p50),
          ms(engine.latency.p95),
          ms(engine.latency.p99),
          ms(engine.latency.mean),
          ms(engine.latency.max),
        ]),
      ),
      [0, 1],
    ),
  );
  out.push('', ...qualitySection(result), '', ...kindSection(result), ...cutSection(result));
  for (const corpus of result.corpora) {
    if (corpus.generateMs !== undefined) {
      out.push(
        '',
        `Synthetic corpus: ${corpus.documents} documents, ${corpus.passages} passages, ` +
          `${(corpus.characters / 1e6).toFixed(1)} M characters, generated and parsed in ${ms(corpus.generateMs)} ms`,
      );
    }
  }
  for (const corpus of result.corpora) {
    for (const engine of corpus.engines) {
      if (engine.passageLookupUs === undefined) continue;
      out.push(
        `${engine.engine} passage(id) lookup on ${corpus.corpus}: ${engine.passageLookupUs.toFixed(1)} µs mean`,
      );
    }
  }
  if (result.bot) out.push(...botSection(result.bot));
  out.push(`Total run: ${result.totalSeconds.toFixed(1)} s`);
  return out.join('\n');
}

function qualitySection(result: BenchResult): string[] {
  const rows = result.corpora.flatMap((corpus) =>
    corpus.engines.flatMap((engine) =>
      engine.quality
        ? [
            [
              engine.engine,
              `${engine.quality.answerableTop1}/${engine.quality.answerable}`,
              `${engine.quality.noAnswerEmpty}/${engine.quality.noAnswer}`,
              missList(engine.quality.falseAnswers),
              missList(engine.quality.misses),
            ],
          ]
        : [],
    ),
  );
  return [
    'Eval queries on the real speech (test/eval/queries.jsonl): top hit contains `expect`',
    table(['Engine', 'Top-1 hit', 'No-answer → empty', 'Answered anyway', 'Missed'], rows, [0, 3, 4]),
  ];
}

function kindSection(result: BenchResult): string[] {
  const largest = result.corpora.at(-1);
  if (!largest) return [];
  const kinds = Object.keys(result.queries.byKind);
  return [
    `p50 / p95 by query kind on ${largest.corpus} (ms)`,
    table(
      ['Engine', ...kinds],
      largest.engines.map((engine) => [
        engine.engine,
        ...kinds.map((kind) => {
          const summary = engine.latencyByKind[kind];
          return summary ? `${ms(summary.p50)} / ${ms(summary.p95)}` : '—';
        }),
      ]),
    ),
  ];
}

function cutSection(result: BenchResult): string[] {
  const lines: string[] = [];
  for (const corpus of result.corpora) {
    for (const engine of corpus.engines) {
      const cut = engine.candidateCut;
      if (!cut) continue;
      lines.push(
        '',
        `Pruning on ${corpus.corpus}: ${cut.method} vs every passage sharing a term scored ` +
          `(${cut.compared} answered queries; exhaustive build ${ms(cut.exhaustiveBuildMs)} ms)`,
        table(
          ['Scoring', 'Same top-1', 'Score ratio med / min', 'p50', 'p95', 'p99', 'mean'],
          [
            [
              cut.method,
              `${cut.sameTop1}/${cut.compared}`,
              `${cut.medianScoreRatio.toFixed(3)} / ${cut.minScoreRatio.toFixed(3)}`,
              ...latencyCells(cut.defaultLatency),
            ],
            ['every passage', '—', '1 (reference)', ...latencyCells(cut.exhaustiveLatency)],
          ],
        ),
      );
    }
  }
  return lines;
}

function latencyCells(summary: LatencySummary): string[] {
  return [ms(summary.p50), ms(summary.p95), ms(summary.p99), ms(summary.mean)];
}

/** Ids of missed queries; long lists are cut to a count. */
function missList(ids: readonly string[]): string {
  if (ids.length === 0) return '—';
  if (ids.length <= 8) return ids.join(' ');
  return `${ids.slice(0, 6).join(' ')} … (${ids.length} in all)`;
}

/** Retained heap in MB; deltas under 0.1 MB are measurement noise and shown as `~0`. */
function heapCell(mb: number): string {
  return Math.abs(mb) < 0.1 ? '~0' : mb.toFixed(1);
}

/** The bot next to the two Bolt apps, as a table (`npm run bench` and `npm run bench:bot` print it). */
export function botSection(bot: BotFigures): string[] {
  const { bareBolt: bare, miniSearchBolt: peer } = bot;
  const row = (what: string, figure: keyof AppRatios, format: (value: number) => string): string[] => [
    what,
    format(bot[figure]),
    format(peer[figure]),
    format(bare[figure]),
    bot.ratios[figure].toFixed(2),
    bot.miniSearchRatios[figure].toFixed(2),
  ];
  const hundredths = (value: number) => value.toFixed(2);
  return [
    '',
    `The bot as a process (${bot.environment.bot}), next to Bolt apps, HTTP mode: bare, and answering with MiniSearch + jieba (the peer)`,
    table(
      ['What', 'bot', 'Bolt + MiniSearch', 'bare Bolt', 'bot ÷ bare', 'peer ÷ bare'],
      [
        row('ready: spawn → first HTTP answer, ms', 'readyMs', ms),
        row('idle RSS, MB', 'idleRssMb', ms),
        row('slash commands/s', 'commandsPerSecond', ms),
        row('CPU per command, all threads, ms', 'cpuMsPerCommand', hundredths),
        ['`ask 档案安全`, whole process, ms', ms(bot.askMs), '—', '—', '—', '—'],
        ['jieba + IDF one-time, fresh process, ms', ms(bot.oneTimeMs.total), '—', '—', '—', '—'],
      ],
    ),
  ];
}
