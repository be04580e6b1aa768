import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import type { SpeechDocument } from '../content/types.ts';
import { hashModuleFolder, newDigest, readKeyed, writeKeyed } from '../generated.ts';
import { CODE_DIR, GENERATED_DIR, PROJECT_ROOT } from '../paths.ts';
import type { IndexData, TextAnalysis } from './passage-index.ts';

/**
 * What `npm run build` stores of the search over `content/` (`scripts/build-tables.ts`), so that
 * start-up neither segments the texts nor builds the inverted lists:
 * - the index itself, used while the documents, the options and the analyzers are those it was
 *   built with;
 * - every text's analysis, used when the index is not (content edited since the build): only the
 *   texts that changed are segmented.
 */

/** The index built over `content/` with the default options. */
export const STORED_INDEX_FILE = path.join(GENERATED_DIR, 'index.bin');

/** The analyses of `content/`'s texts. */
export const STORED_ANALYSES_FILE = path.join(GENERATED_DIR, 'analyses.bin');

/**
 * The analyzers' code (segmentation, stopwords, normalization): `src/search/` or `dist/search/`.
 * Named from the code's root, not from this module's URL, which in the bundle is `dist/main.js`.
 */
const SEARCH_DIR = path.join(CODE_DIR, 'search');
/** The packages whose data the analyses come from. */
const ANALYZER_PACKAGES = ['@node-rs/jieba', 'opencc-js', 'stemmer', 'stopword'];

/**
 * What an analysis depends on besides its text: the analyzers' code (`src/search/*.ts`, or
 * built, `dist/search/*.js`) and the versions of the packages they use. Stored analyses made
 * under another digest are not used.
 */
function analyzerDigest(): string {
  digest ??= computeAnalyzerDigest();
  return digest;
}

let digest: string | undefined;

function computeAnalyzerDigest(): string {
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
  const analyses = readKeyed(file, analyzerDigest());
  return analyses instanceof Map ? (analyses as Map<string, TextAnalysis>) : new Map();
}

/** Stores analyses under the analyzers' digest, atomically. Returns the file written. */
export function storeAnalyses(
  analyses: ReadonlyMap<string, TextAnalysis>,
  file = STORED_ANALYSES_FILE,
): string {
  return writeKeyed(file, analyzerDigest(), analyses);
}

/** What an index is built with besides its documents: what it indexes, and in which languages. */
export interface IndexedWith {
  notes: boolean;
  translations: boolean;
  langs: readonly string[];
}

/** What a stored index was built from: the analyzers' digest, these options, and the documents. */
function indexKey(documents: readonly SpeechDocument[], indexedWith: IndexedWith): string {
  return newDigest()
    .update(
      `${analyzerDigest()}\0${indexedWith.notes}\0${indexedWith.translations}\0${indexedWith.langs.join(',')}\0`,
    )
    .update(serialize(documents))
    .digest('hex');
}

/**
 * The stored index, for `PassageIndex`'s `data` option, when it was built over these very
 * documents with these options by these analyzers; otherwise `undefined` (none stored, content
 * or code changed since, or the file cannot be read), and the index is built at start-up.
 */
export function readStoredIndex(
  documents: readonly SpeechDocument[],
  indexedWith: IndexedWith,
  file = STORED_INDEX_FILE,
): IndexData | undefined {
  const data = readKeyed(file, indexKey(documents, indexedWith));
  return typeof data === 'object' && data !== null ? (data as IndexData) : undefined;
}

/** Stores an index's data (`SpeechSearch.indexData()`), built over `documents` with `indexedWith`, atomically. */
export function storeIndex(
  data: IndexData,
  documents: readonly SpeechDocument[],
  indexedWith: IndexedWith,
  file = STORED_INDEX_FILE,
): string {
  return writeKeyed(file, indexKey(documents, indexedWith), data);
}
