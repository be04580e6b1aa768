import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the files `npm run build` derives for start-up (`dist/generated/`) share: how they are
 * written, and the digest of the code that made them, so code that changed ignores them.
 */

/**
 * Adds to `hash` every source file of a module folder (`src/search/*.ts`, or built,
 * `dist/search/*.js`), by name and bytes, in name order.
 */
export function hashModuleFolder(hash: Hash, folder: string): Hash {
  for (const name of readdirSync(folder)
    .filter((file) => /\.(ts|js)$/.test(file))
    .sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(path.join(folder, name)));
  }
  return hash;
}

/** A new SHA-256 hash, for {@link hashModuleFolder} and what else a digest covers. */
export function newDigest(): Hash {
  return createHash('sha256');
}

/** Writes a file whole or not at all (a reader never sees half of it), making its folder. */
export function writeFileAtomically(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
}
