/**
 * Texts the segmentation checks cut: every non-empty line of the content folder and every query
 * of the eval sets (`test/eval/*.jsonl`). Shared by `scripts/check-segmentation.ts` and
 * `test/tables.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../../src/paths.ts';

export function contentLines(): string[] {
  return readdirSync(DEFAULT_CONTENT_DIR)
    .flatMap((file) => readFileSync(path.join(DEFAULT_CONTENT_DIR, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '');
}

export function evalQueries(): string[] {
  const evalDir = path.join(PROJECT_ROOT, 'test', 'eval');
  return readdirSync(evalDir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(path.join(evalDir, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { query: string }).query);
}
