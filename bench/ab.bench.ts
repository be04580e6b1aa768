/**
 * `npm run bench:ab -- --base COMMIT`: the search of this checkout against the search of another
 * commit, in one process, timed query by query in turn.
 *
 * Separate runs of `npm run bench` cannot show a change of a few percent: this machine's speed
 * drifts by up to 2× over a day. Here both engines see the same moments: for each query, the
 * base engine answers, then this checkout's, then the next query.
 *
 * The base commit is checked out in a temporary git worktree, which borrows this checkout's
 * `node_modules` and builds its own `dist/` (its tables, as `npm start` would use them); both
 * engines index this checkout's `content/` and synonym list, and the worktree is removed at the
 * end. The base must be recent enough to read today's content format.
 *
 * Options: `USAGE` below (`npm run bench:ab -- --help`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { SpeechDocument } from '../src/content/types.ts';
import { readOptions, UsageError, wholeNumber } from './lib/args.ts';
import { speechMaterial, syntheticCorpus } from './lib/corpus.ts';
import { BENCH_SEED, buildQueries, evalSetQueries, loadEvalQueries } from './lib/queries.ts';
import { type LatencySummary, summarize } from './lib/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What both checkouts' modules are asked for: the same few entry points. */
interface Checkout {
  loadDocuments(dir: string): SpeechDocument[];
  loadSynonyms(file: string): unknown;
  newSearch(
    documents: readonly SpeechDocument[],
    synonyms: unknown,
  ): { search(query: string, options: { limit: number }): unknown };
}

async function importCheckout(root: string): Promise<Checkout> {
  // Another commit's modules: typed by what this script calls, not by this checkout's types.
  const module = (file: string) => import(pathToFileURL(path.join(root, file)).href);
  const [content, engine, synonyms] = await Promise.all([
    module('src/content/index.ts'),
    module('src/search/engine.ts'),
    module('src/search/synonyms.ts'),
  ]);
  return {
    loadDocuments: content.loadDocuments,
    loadSynonyms: synonyms.loadSynonyms,
    newSearch: (documents, synonymMap) => new engine.SpeechSearch(documents, { synonyms: synonymMap }),
  };
}

/** A worktree of `commit` with this checkout's node_modules and its own build; removed by `remove`. */
function baseWorktree(commit: string): { root: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'speech-bot-ab-'));
  const root = path.join(folder, 'base');
  const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { stdio: 'pipe' });
  try {
    git('worktree', 'add', '--detach', root, commit);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`cannot check out --base ${commit}: ${stderr || String(error)}`);
  }
  const remove = () => {
    git('worktree', 'remove', '--force', root);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    remove();
    throw error;
  }
  return { root, remove };
}

function queryTexts(kind: string, documents: readonly SpeechDocument[]): string[] {
  if (kind === 'bench') {
    const evalQueries = loadEvalQueries(path.join(ROOT, 'test/eval/queries.jsonl'));
    return buildQueries(evalQueries, speechMaterial(documents), BENCH_SEED).map((query) => query.text);
  }
  return evalSetQueries(ROOT);
}

function row(name: string, summary: LatencySummary): string {
  const cells = [summary.mean, summary.p50, summary.p95, summary.p99].map((ms) => ms.toFixed(3).padStart(7));
  return `${name.padEnd(12)}${cells.join('')}`;
}

const USAGE = `
Usage: npm run bench:ab -- --base COMMIT [--queries bench|eval] [--docs N] [--rounds N] [--warm-up-ms N]
  --base COMMIT         the commit to compare this checkout with (required)
  --queries bench|eval  the bench's 313 queries (default) or every query of test/eval/*.jsonl
  --docs N              N synthetic documents instead of the speech (as npm run bench -- --docs)
  --rounds N            passes over the queries (default 5)
  --warm-up-ms N        both engines answer in turn for this long first (default 3000)
`;

async function main(): Promise<void> {
  const options = readOptions(USAGE, () => {
    const { values } = parseArgs({
      options: {
        base: { type: 'string' },
        queries: { type: 'string', default: 'bench' },
        docs: { type: 'string' },
        rounds: { type: 'string', default: '5' },
        'warm-up-ms': { type: 'string', default: '3000' },
      },
    });
    if (!values.base)
      throw new UsageError('--base COMMIT is required: the commit to compare this checkout with');
    if (values.queries !== 'bench' && values.queries !== 'eval') {
      throw new UsageError(`--queries takes bench or eval, not "${values.queries}"`);
    }
    return {
      base: values.base,
      queries: values.queries,
      rounds: wholeNumber('rounds', values.rounds),
      warmUpMs: wholeNumber('warm-up-ms', values['warm-up-ms']),
      docs: values.docs === undefined ? 0 : wholeNumber('docs', values.docs),
    };
  });
  const { rounds, warmUpMs, docs } = options;

  process.stderr.write(`building ${options.base} in a worktree…\n`);
  const worktree = baseWorktree(options.base);
  try {
    const [base, current] = await Promise.all([importCheckout(worktree.root), importCheckout(ROOT)]);
    const contentDir = path.join(ROOT, 'content');
    const speech = current.loadDocuments(contentDir);
    const material = speechMaterial(speech);
    const corpus = docs
      ? syntheticCorpus(material, {
          documents: docs,
          charactersPerDocument: material.charactersPerDocument,
          seed: BENCH_SEED,
        })
      : speech;
    const synonymsFile = path.join(contentDir, 'synonyms.txt');
    const engines = [
      {
        name: options.base,
        search: base.newSearch(corpus, base.loadSynonyms(synonymsFile)),
        times: [] as number[],
      },
      {
        name: 'this checkout',
        search: current.newSearch(corpus, current.loadSynonyms(synonymsFile)),
        times: [] as number[],
      },
    ];
    const texts = queryTexts(options.queries, speech);
    const warmUpEnd = performance.now() + warmUpMs;
    while (performance.now() < warmUpEnd) {
      for (const text of texts) for (const engine of engines) engine.search.search(text, { limit: 3 });
    }
    for (let round = 0; round < rounds; round++) {
      for (const text of texts) {
        for (const engine of engines) {
          const start = performance.now();
          engine.search.search(text, { limit: 3 });
          engine.times.push(performance.now() - start);
        }
      }
    }
    const [baseTimes, currentTimes] = engines.map((engine) => summarize(engine.times)) as [
      LatencySummary,
      LatencySummary,
    ];
    const corpusName = docs ? `${docs} synthetic documents` : 'the speech';
    const lines = [
      `${texts.length} ${options.queries} queries × ${rounds} rounds on ${corpusName}, each query by both engines in turn (ms)`,
      `${''.padEnd(12)}${['mean', 'p50', 'p95', 'p99'].map((name) => name.padStart(7)).join('')}`,
      row(options.base.slice(0, 11), baseTimes),
      row('this', currentTimes),
      `this ÷ base: mean ${(currentTimes.mean / baseTimes.mean).toFixed(3)}, p99 ${(currentTimes.p99 / baseTimes.p99).toFixed(3)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    worktree.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
