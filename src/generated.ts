import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

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

/**
 * Stores a value (any structured-clone value: Maps, typed arrays…) under a key that says what it
 * was made from, atomically. Returns the file written.
 */
export function writeKeyed(file: string, key: string, value: unknown): string {
  writeFileAtomically(file, serialize({ key, value }));
  return file;
}

/**
 * The value stored under `key`, or `undefined`: nothing stored, stored under another key (made
 * from other inputs), or a file this Node cannot read. The caller then makes the value anew.
 */
export function readKeyed(file: string, key: string): unknown {
  try {
    const stored = deserialize(readFileSync(file)) as { key?: unknown; value?: unknown } | null;
    return stored?.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which of a package's data files a derived table was made from: the package's version and the
 * file's size. A table made from another one (left over from an older install) is not used.
 */
export interface DataFileSource {
  version: string;
  bytes: number;
}

/** A data file shipped in `@node-rs/jieba` (`idf.txt`, `dict.txt`) and what identifies it. */
export function jiebaDataFile(name: string): { file: string; source: DataFileSource } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('@node-rs/jieba'));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const file = path.join(packageDir, name);
  return { file, source: { version, bytes: statSync(file).size } };
}

/**
 * A table `npm run build` derived from a data file, put to use when it is there and made from the
 * installed file; otherwise `fallback()` (slower, the same results), with a warning that names the
 * table, what is wrong and the command that fixes it.
 */
export function openDerivedTable<Table extends { source: DataFileSource }, Opened>(spec: {
  /** What the table is, for the warning: "The general IDF table". */
  what: string;
  file: string;
  /** The installed data file it must have been made from. */
  source: DataFileSource;
  decode(bytes: Buffer): Table;
  use(table: Table): Opened;
  /** What is done instead, and its cost, for the warning. */
  instead: string;
  fallback(): Opened;
  warningCode: string;
}): Opened {
  let problem: string;
  try {
    const table = spec.decode(readFileSync(spec.file));
    const { version, bytes } = table.source;
    if (version === spec.source.version && bytes === spec.source.bytes) return spec.use(table);
    problem = `was made from @node-rs/jieba ${version}, not the installed ${spec.source.version}`;
  } catch (error) {
    problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : String(error);
  }
  process.emitWarning(`${spec.what} ${spec.file} ${problem}: run \`npm run build\`. ${spec.instead}`, {
    code: spec.warningCode,
  });
  return spec.fallback();
}
