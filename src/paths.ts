import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder, so defaults work whatever the current directory is. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default folder of the content files (`*.md`) and the synonym list. */
export const DEFAULT_CONTENT_DIR = path.join(PROJECT_ROOT, 'content');
