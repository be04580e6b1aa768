import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { hashModuleFolder, newDigest, writeFileAtomically } from '../generated.ts';
import { GENERATED_DIR, PROJECT_ROOT } from '../paths.ts';
import type { TextAnalysis } from './passage-index.ts';

/** The analyses of `content/`'s texts that `npm run build` stores (`scripts/build-tables.ts`). */
export const STORED_ANALYSES_FILE = path.join(GENERATED_DIR, 'analyses.bin');

/** This folder: the analyzers' code (segmentation, stopwords, normalization). */
const SEARCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The packages whose data the analyses come from. */
const ANALYZER_PACKAGES = ['@node-rs/jieba', 'opencc-js', 'stemmer', 'stopword'];

/**
 * What an analysis depends on besides its text: the analyzers' code (`src/search/*.ts`, or
 * built, `dist/search/*.js`) and the versions of the packages they use. Stored analyses made
 * under another digest are not used.
 */
function analyzerDigest(): string {
  const hash = hashModuleFolder(newDigest(), SEARCH_DIR);
  for (const name of ANALYZER_PACKAGES) {
    const manifest = path.join(PROJECT_ROOT, 'node_modules', name, 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
    hash.update(`${name}@${version ?? ''}\0`);
  }
  return hash.digest('hex');
}

/**
 * The stored analyses, for `PassageIndex`'s `analyses` option: a text found here is not
 * segmented again at start-up. Empty when none are stored, they were made by other analyzers,
 * or the file cannot be read; the index then analyzes every text, as without them.
 */
export function readStoredAnalyses(file = STORED_ANALYSES_FILE): Map<string, TextAnalysis> {
  try {
    const stored = deserialize(readFileSync(file)) as { digest?: unknown; analyses?: unknown };
    if (stored.digest === analyzerDigest() && stored.analyses instanceof Map) {
      return stored.analyses as Map<string, TextAnalysis>;
    }
  } catch {
    // Missing or unreadable: analyze at start-up.
  }
  return new Map();
}

/** Stores analyses under the analyzers' digest, atomically. Returns the file written. */
export function storeAnalyses(
  analyses: ReadonlyMap<string, TextAnalysis>,
  file = STORED_ANALYSES_FILE,
): string {
  writeFileAtomically(file, serialize({ digest: analyzerDigest(), analyses }));
  return file;
}
