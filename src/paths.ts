import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, so defaults work whatever the current directory is. This file is
 * `src/paths.ts` in a checkout and `dist/paths.js` once built: the root is one folder up from both.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default folder of the content files (`*.md`) and the synonym list. */
export const DEFAULT_CONTENT_DIR = path.join(PROJECT_ROOT, 'content');

/** Tables `npm run build` derives from jieba's text files (`scripts/build-tables.ts`), git-ignored with `dist/`. */
export const GENERATED_DIR = path.join(PROJECT_ROOT, 'dist', 'generated');
