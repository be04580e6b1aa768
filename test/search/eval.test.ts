import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { openSpeech } from '../../src/speech.ts';

interface EvalQuery {
  id: string;
  kind: string;
  query: string;
  expect: string;
}

const queries: EvalQuery[] = readFileSync(path.join(import.meta.dirname, '../eval/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalQuery);

// A quality floor on our own query set (written independently of the shared dev set), so a
// change that breaks search quality fails the build. `npm run eval` prints the full figures.
describe('search quality on test/eval/queries.jsonl', () => {
  const search = openSpeech(DEFAULT_CONTENT_DIR);
  const hits = queries.map((query) => {
    const result = search.search(query.query);
    const first = result.hits[0];
    return query.expect ? Boolean(first?.quote.text.includes(query.expect)) : result.hits.length === 0;
  });

  it('answers at least 85% of the queries with the expected quote first', () => {
    const rate = hits.filter(Boolean).length / hits.length;
    expect(rate).toBeGreaterThanOrEqual(0.85);
  });

  it.each(['keyword', 'traditional', 'colloquial'])('gets every %s query right', (kind) => {
    const missed = queries.filter((query, i) => query.kind === kind && !hits[i]).map((query) => query.query);
    expect(missed).toEqual([]);
  });
});
