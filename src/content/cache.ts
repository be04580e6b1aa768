import path from 'node:path';
import { hashModuleFolder, newDigest, readKeyed, writeKeyed } from '../generated.ts';
import { CODE_DIR, GENERATED_DIR } from '../paths.ts';
import type { SpeechDocument } from './types.ts';

/** A content file as read: its path and bytes. */
export interface ContentSource {
  file: string;
  bytes: Buffer;
}

/**
 * The loader's own code, whose every change must invalidate what it parsed: `src/content/` or
 * `dist/content/` (named from the code's root: in the bundle this module is part of `dist/main.js`).
 */
const LOADER_DIR = path.join(CODE_DIR, 'content');
/** Bumped when the stored shape changes in a way the loader's code would not show. */
const CACHE_FORMAT = 'speech-content-1';

let loaderDigest: string | undefined;

/**
 * What a folder's parsed content depends on: each content file's path and bytes, and the code
 * of the loader (`src/content/*.ts` or, built, `dist/content/*.js`). Equal keys, equal documents.
 */
export function contentKey(sources: readonly ContentSource[]): string {
  loaderDigest ??= hashModuleFolder(newDigest(), LOADER_DIR).digest('hex');
  const hash = newDigest().update(`${CACHE_FORMAT}\0${loaderDigest}\0`);
  for (const { file, bytes } of sources) {
    // The path resolved: `content` and `/app/content` are one folder, stored once.
    hash.update(`${path.resolve(file)}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** Where `npm run build` stores the parsed content of a folder (one file per folder). */
export function contentCacheFile(dir: string): string {
  const folder = newDigest().update(path.resolve(dir)).digest('hex').slice(0, 16);
  return path.join(GENERATED_DIR, `content-${folder}.bin`);
}

/**
 * The documents stored for a folder under this key, or `undefined`: none stored, another key
 * (a file or the loader changed), or a file this Node cannot read. Then the caller parses.
 */
export function readCachedContent(dir: string, key: string): SpeechDocument[] | undefined {
  const documents = readKeyed(contentCacheFile(dir), key);
  return Array.isArray(documents) ? (documents as SpeechDocument[]) : undefined;
}

/** Stores a folder's parsed documents under their key, atomically (a reader sees all or nothing). */
export function writeCachedContent(dir: string, key: string, documents: readonly SpeechDocument[]): string {
  return writeKeyed(contentCacheFile(dir), key, documents);
}
