/**
 * `npm run eval [-- FILE.jsonl …] [--without notes,translations,phrases,synonyms,documentQuestions]`:
 * search quality on query sets (default: the frozen blind sets `test/eval/blind.jsonl`,
 * `blind2.jsonl` to `blind7.jsonl`, and our older set `test/eval/queries.jsonl`), per kind of query: hit@1 (the first result shows the
 * expected words, or there is no result when none is expected), hit@3, the queries missed, and
 * for "not found" its precision and recall. The same rule as the team's scorer, in-process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { askAsInSlack } from '../src/console/ask.ts';
import { toJsonAnswer } from '../src/console/json.ts';
import { loadDocuments } from '../src/content/index.ts';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';
import { DEFAULT_SEARCH, type SearchFeatures, SpeechSearch } from '../src/search/engine.ts';
import { loadSynonyms } from '../src/search/synonyms.ts';
import { SYNONYMS_FILE } from '../src/speech.ts';

interface EvalQuery {
  id: string;
  kind: string;
  query: string;
  expect: string;
}

const USAGE = `Usage: npm run eval [-- [--quiet] [--without FEATURE,…] [FILE.jsonl …]]
  FILE.jsonl   query sets, one {"id","kind","query","expect"} per line (default: the frozen blind sets and queries.jsonl)
  --without    features to turn off, comma-separated (ablations): ${['synonyms', ...Object.keys(DEFAULT_SEARCH.features)].join(', ')}
  --quiet      per-kind figures only, not each query missed`;

const { values, positionals } = parseArgsOrExit();
const without = new Set(values.without.split(',').filter(Boolean));
const known = ['synonyms', ...Object.keys(DEFAULT_SEARCH.features)];
for (const name of without) {
  if (!known.includes(name)) {
    console.error(`--without takes a comma-separated list of: ${known.join(', ')}`);
    process.exit(2);
  }
}
const features = Object.fromEntries(
  Object.keys(DEFAULT_SEARCH.features).map((name) => [name, !without.has(name)]),
) as unknown as SearchFeatures;
const contentDir = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_DIR;
const search = new SpeechSearch(loadDocuments(contentDir), {
  synonyms: without.has('synonyms') ? new Map() : loadSynonyms(path.join(contentDir, SYNONYMS_FILE)),
  features,
});

/** The frozen blind sets: never tuned on, so their figures are the honest ones. */
const BLIND_SETS = [
  'blind.jsonl',
  'blind2.jsonl',
  'blind3.jsonl',
  'blind4.jsonl',
  'blind5.jsonl',
  'blind6.jsonl',
  'blind7.jsonl',
].map((file) => path.join(PROJECT_ROOT, 'test/eval', file));
const files = positionals.length
  ? positionals
  : [...BLIND_SETS, path.join(PROJECT_ROOT, 'test/eval/queries.jsonl')];
// Pooled: the files named, or by default the blind sets alone (queries.jsonl was tuned on).
const pooledFiles = positionals.length ? files : BLIND_SETS;
const pooled = new Map<string, KindStats>();
const pooledNotFound: NotFoundStats = { said: 0, right: 0, due: 0 };
for (const file of files) {
  const { byKind, notFound } = score(file);
  if (!pooledFiles.includes(file)) continue;
  pooledNotFound.said += notFound.said;
  pooledNotFound.right += notFound.right;
  pooledNotFound.due += notFound.due;
  for (const [kind, stats] of byKind) pooled.set(kind, addStats(pooled.get(kind), stats));
}
// One set is a small sample; the sets together say more about a kind than any one of them.
if (pooledFiles.length > 1) {
  console.log(
    `\n${pooledFiles.length} sets pooled: ${pooledFiles.map((file) => path.basename(file)).join(', ')}`,
  );
  printNotFound(pooledNotFound);
  printStats(pooled);
}

function parseArgsOrExit() {
  try {
    const parsed = parseArgs({
      allowPositionals: true,
      options: {
        without: { type: 'string', default: '' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (parsed.values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** The queries of a set, or exit naming the file and line that is not one. */
function readQueries(file: string): EvalQuery[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const queries: EvalQuery[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let query: unknown;
    try {
      query = JSON.parse(line);
    } catch (error) {
      console.error(
        `${file}:${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
      process.exit(2);
    }
    if (!isEvalQuery(query)) {
      console.error(
        `${file}:${index + 1}: needs string fields "id", "kind", "query" and "expect" ("" or null for no answer)`,
      );
      process.exit(2);
    }
    queries.push({ ...query, expect: query.expect ?? '' });
  });
  return queries;
}

function isEvalQuery(value: unknown): value is Omit<EvalQuery, 'expect'> & { expect: string | null } {
  if (typeof value !== 'object' || value === null) return false;
  const { id, kind, query, expect } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof kind === 'string' &&
    typeof query === 'string' &&
    (typeof expect === 'string' || expect === null)
  );
}

interface KindStats {
  n: number;
  hit1: number;
  hit3: number;
}

function addStats(sum: KindStats | undefined, stats: KindStats): KindStats {
  return sum ? { n: sum.n + stats.n, hit1: sum.hit1 + stats.hit1, hit3: sum.hit3 + stats.hit3 } : stats;
}

/** "Not found" said, said rightly, and due (queries expecting no answer). */
interface NotFoundStats {
  said: number;
  right: number;
  due: number;
}

/** Scores one file, prints its figures and the queries missed, and returns its figures. */
function score(file: string): { byKind: Map<string, KindStats>; notFound: NotFoundStats } {
  const queries = readQueries(file);
  const byKind = new Map<string, KindStats>();
  const notFound: NotFoundStats = { said: 0, right: 0, due: 0 };
  console.log(
    `\n${path.relative(process.cwd(), file)}${without.size ? ` (without ${[...without].join(', ')})` : ''}`,
  );
  for (const query of queries) {
    // As `ask` and the team's scorer ask: Slack's markup taken out first.
    const results = toJsonAnswer(askAsInSlack(search, query.query), search.documents).results;
    // What a person sees with an answer: every text field of it, as the team's scorer reads it.
    const shown = results.map((result) =>
      Object.values(result)
        .filter((value) => typeof value === 'string')
        .join('\n'),
    );
    const rank = query.expect
      ? shown.slice(0, 3).findIndex((text) => text.includes(query.expect))
      : results.length === 0
        ? 0
        : -1;
    if (results.length === 0) notFound.said++;
    if (results.length === 0 && !query.expect) notFound.right++;
    if (!query.expect) notFound.due++;
    const stats = byKind.get(query.kind) ?? { n: 0, hit1: 0, hit3: 0 };
    byKind.set(query.kind, stats);
    stats.n++;
    if (rank === 0) stats.hit1++;
    if (rank >= 0) stats.hit3++;
    if (rank !== 0 && !values.quiet) {
      console.log(
        `miss ${query.id} [${query.kind}] ${query.query} → ${results[0]?.text.slice(0, 40) ?? '(no result)'}`,
      );
    }
  }
  printNotFound(notFound);
  printStats(byKind);
  return { byKind, notFound };
}

function printNotFound({ said, right, due }: NotFoundStats): void {
  console.log(`not found: precision ${percent(right, said)} recall ${percent(right, due)}`);
}

function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

/** Per kind, then all kinds together. */
function printStats(byKind: ReadonlyMap<string, KindStats>): void {
  let total: KindStats = { n: 0, hit1: 0, hit3: 0 };
  for (const [kind, stats] of byKind) {
    console.log(
      `${kind.padEnd(12)} n=${String(stats.n).padStart(3)}  hit@1 ${percent(stats.hit1, stats.n)}  hit@3 ${percent(stats.hit3, stats.n)}  (hit@1 95% interval ${interval(stats.hit1, stats.n)})`,
    );
    total = addStats(total, stats);
  }
  console.log(
    `all: n=${total.n} hit@1 ${percent(total.hit1, total.n)} hit@3 ${percent(total.hit3, total.n)}  (hit@1 95% interval ${interval(total.hit1, total.n)})`,
  );
}

/**
 * Wilson's 95% score interval for a share, as `lo–hi%`: where the share of all such questions
 * that the search answers plausibly lies, seen through this sample. With 160 queries it is about
 * ±5.5 points, with a kind's 20 about ±18; another set's own score varies more still (about
 * √2 as much), so two sets' figures inside each other's intervals are not a measured difference.
 */
function interval(part: number, whole: number): string {
  if (whole === 0) return '-';
  const z = 1.96;
  const share = part / whole;
  const centre = share + (z * z) / (2 * whole);
  const spread = z * Math.sqrt((share * (1 - share)) / whole + (z * z) / (4 * whole * whole));
  const scale = 1 + (z * z) / whole;
  const bound = (value: number) => (100 * value).toFixed(1);
  return `${bound((centre - spread) / scale)}–${bound((centre + spread) / scale)}%`;
}
