import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from './errors.ts';
import { parseNotes } from './notes.ts';
import { decodeUtf8, parseDocument } from './parse.ts';
import { isTranslation, parseTranslation, translatedDocumentId } from './translation.ts';
import type { SpeechDocument } from './types.ts';

/** Notes for `speech.md` live beside it in `speech.notes.yml`. */
export const NOTES_SUFFIX = '.notes.yml';

/**
 * Reads every `*.md` file in a folder, in file-name order: the documents, each with its
 * translations (files whose front matter says `translation-of:`) and its notes
 * (`<id>.notes.yml`), checked against it. Other files (such as the synonym list) are left alone.
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
  const files = names.sort().map((name) => {
    const file = path.join(dir, name);
    return { file, text: decodeUtf8(readFileSync(file), file) };
  });
  const originals = files.filter(({ text }) => !isTranslation(text));
  if (originals.length === 0) {
    throw new ContentError(dir, 0, 'no *.md content files in this folder');
  }
  const documents = originals.map(({ file, text }) => parseDocument(text, file));
  const byId = new Map(documents.map((document) => [document.id, document]));
  // Each translation file's front matter is read once, and must name a document that is here.
  const translationFiles = files
    .filter(({ text }) => isTranslation(text))
    .map(({ file, text }) => ({ file, text, of: translatedDocumentId(text, file) }));
  for (const { file, of } of translationFiles) {
    if (!byId.has(of)) {
      throw new ContentError(
        file,
        2,
        `translation-of: "${of}" is not a document here; documents: ${[...byId.keys()].join(', ')}`,
      );
    }
  }
  return documents.map((document) => {
    const translations = translationFiles
      .filter(({ of }) => of === document.id)
      .map(({ text, file }) => parseTranslation(text, file, document));
    const languages = new Set<string>();
    for (const translation of translations) {
      if (languages.has(translation.lang)) {
        throw new ContentError(
          translation.file,
          2,
          `a second ${translation.lang} translation of ${document.file}; keep one`,
        );
      }
      languages.add(translation.lang);
    }
    const notesFile = path.join(dir, `${document.id}${NOTES_SUFFIX}`);
    const notes = existsSync(notesFile)
      ? parseNotes(decodeUtf8(readFileSync(notesFile), notesFile), notesFile, document)
      : new Map();
    return { ...document, translations, notes };
  });
}
