/**
 * `npm run eval [-- FILE.jsonl]`: search quality on a query set (default: test/eval/queries.jsonl),
 * per kind of query: hit@1 (the first quote holds the expected words, or no result when none is
 * expected), hit@3, and the queries missed. The same measure as the shared scorer, in-process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatPlace } from '../src/content/place.ts';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';
import { openSpeech } from '../src/speech.ts';

interface EvalQuery {
  id: string;
  kind: string;
  query: string;
  expect: string;
}

const file = process.argv[2] ?? path.join(PROJECT_ROOT, 'test/eval/queries.jsonl');
const queries = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalQuery);
const search = openSpeech(process.env.CONTENT_DIR ?? DEFAULT_CONTENT_DIR);
const byKind = new Map<string, { n: number; hit1: number; hit3: number }>();
for (const query of queries) {
  const result = search.search(query.query);
  const shown = result.hits.map((hit) =>
    [hit.passage.heading, formatPlace(hit.passage), hit.quote.text].join('\n'),
  );
  const rank = query.expect
    ? shown.findIndex((text) => text.includes(query.expect))
    : result.hits.length === 0
      ? 0
      : -1;
  const stats = byKind.get(query.kind) ?? { n: 0, hit1: 0, hit3: 0 };
  byKind.set(query.kind, stats);
  stats.n++;
  if (rank === 0) stats.hit1++;
  if (rank >= 0) stats.hit3++;
  if (rank !== 0)
    console.log(
      `miss ${query.id} [${query.kind}] ${query.query} → ${result.hits[0]?.quote.text.slice(0, 40) ?? '(no result)'}`,
    );
}
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
let total = { n: 0, hit1: 0, hit3: 0 };
for (const [kind, stats] of byKind) {
  console.log(
    `${kind.padEnd(12)} n=${String(stats.n).padStart(3)}  hit@1 ${percent(stats.hit1, stats.n)}  hit@3 ${percent(stats.hit3, stats.n)}`,
  );
  total = { n: total.n + stats.n, hit1: total.hit1 + stats.hit1, hit3: total.hit3 + stats.hit3 };
}
console.log(`all: n=${total.n} hit@1 ${percent(total.hit1, total.n)} hit@3 ${percent(total.hit3, total.n)}`);
