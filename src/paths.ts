import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the code that runs: `src/` (this file is `src/paths.ts`) or, built, `dist/` (this
 * file is `dist/paths.js`, or part of the bundle `dist/main.js`; see `scripts/bundle.ts`).
 */
export const CODE_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The project's root folder, so defaults work whatever the current directory is: one up from the code. */
export const PROJECT_ROOT = path.resolve(CODE_DIR, '..');

/** Default folder of the content files (`*.md`) and the synonym list. */
export const DEFAULT_CONTENT_DIR = path.join(PROJECT_ROOT, 'content');

/** Tables `npm run build` derives from jieba's text files (`scripts/build-tables.ts`), git-ignored with `dist/`. */
export const GENERATED_DIR = path.join(PROJECT_ROOT, 'dist', 'generated');
