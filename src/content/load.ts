import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from './errors.ts';
import { decodeUtf8, parseDocument } from './parse.ts';
import type { SpeechDocument } from './types.ts';

/**
 * Reads and parses every `*.md` file in a folder, in file-name order. Other files (such as the
 * synonym list) are left alone.
 *
 * @throws ContentError for the first file that cannot be used, or when there is none
 */
export function loadDocuments(dir: string): SpeechDocument[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.md'));
  } catch {
    throw new ContentError(
      dir,
      0,
      'content folder not found; set CONTENT_DIR to the folder holding the *.md files',
    );
  }
  if (names.length === 0) {
    throw new ContentError(dir, 0, 'no *.md content files in this folder');
  }
  return names.sort().map((name) => {
    const file = path.join(dir, name);
    return parseDocument(decodeUtf8(readFileSync(file), file), file);
  });
}
