import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../errors.ts';
import { type ContentSource, contentKey, readCachedContent, writeCachedContent } from './cache.ts';
import { ContentError, fileErrorCode } from './errors.ts';
import { parseNotes } from './notes.ts';
import { decodeUtf8, parseDocument } from './parse.ts';
import { isTranslation, parseTranslation, translatedDocumentId } from './translation.ts';
import type { Paragraph, PassageNotes, SpeechDocument } from './types.ts';

/** Notes for `speech.md` live beside it in `speech.notes.yml`. */
export const NOTES_SUFFIX = '.notes.yml';
/** A file name that says notes in another spelling (`.note.yml`, `.notes.yaml`). */
const NOTES_LIKE = /\.notes?\.ya?ml$/i;

/**
 * Reads every `*.md` file in a folder, in file-name order: the documents, each with its
 * translations (files whose front matter says `translation-of:`) and its notes
 * (`<id>.notes.yml`), checked against it. Other files (such as the synonym list) are left alone.
 *
 * What `npm run build` stored for the folder ({@link storeParsedContent}) is used instead of
 * parsing when the files and the loader are byte for byte those it was parsed from.
 *
 * @param setting what chose the folder (`CONTENT_DIR`, or `--content` in `npm run ask`), named in
 *   the error when the folder cannot be used, so the user fixes the setting they actually used
 * @throws ContentError for the first file that cannot be used, or when there is none
 */
export function loadDocuments(dir: string, setting = 'CONTENT_DIR'): SpeechDocument[] {
  const sources = readContentSources(dir, setting);
  return readCachedContent(dir, contentKey(sources)) ?? parseContent(dir, sources);
}

/**
 * Parses a folder's content and stores it for {@link loadDocuments}, which then skips the parse
 * (`npm run build` does this for `content/`). Returns the file written.
 *
 * @throws ContentError as {@link loadDocuments} does: nothing is stored for content that fails
 */
export function storeParsedContent(dir: string, setting = 'CONTENT_DIR'): string {
  const sources = readContentSources(dir, setting);
  return writeCachedContent(dir, contentKey(sources), parseContent(dir, sources));
}

/** The files {@link loadDocuments} reads: the `*.md` files, then the notes files, with their bytes. */
function readContentSources(dir: string, setting: string): ContentSource[] {
  // Listed first: it names the setting when the folder cannot be read.
  const documentFiles = listContentFiles(dir, setting);
  const names = readdirSync(dir).filter((name) => !name.startsWith('.'));
  // speech.note.yml, speech.notes.yaml: meant as notes, and would be left out without a word.
  const misnamed = names.find((name) => NOTES_LIKE.test(name) && !name.endsWith(NOTES_SUFFIX));
  if (misnamed) {
    throw new ContentError(
      path.join(dir, misnamed),
      undefined,
      `notes files are named <document>${NOTES_SUFFIX}; rename it (e.g. speech${NOTES_SUFFIX}) or move it out of the folder`,
    );
  }
  const notesFiles = names
    .filter((name) => name.endsWith(NOTES_SUFFIX))
    .sort()
    .map((name) => path.join(dir, name));
  for (const file of notesFiles) checkRegularFile(file, `notes files are ${NOTES_SUFFIX} files`);
  return [...documentFiles, ...notesFiles].map((file) => ({ file, bytes: readContentFile(file) }));
}

function readContentFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ContentError(file, undefined, `cannot be read (${fileErrorCode(error) ?? String(error)})`);
  }
}

function parseContent(dir: string, sources: readonly ContentSource[]): SpeechDocument[] {
  const files = sources
    .filter(({ file }) => !file.endsWith(NOTES_SUFFIX))
    .map(({ file, bytes }) => ({ file, text: decodeUtf8(bytes, file) }));
  const originals = files.filter(({ text }) => !isTranslation(text));
  if (originals.length === 0) {
    throw new ContentError(
      dir,
      undefined,
      'no *.md content files in this folder, only translations (translation-of:); add the document they translate',
    );
  }
  const documents = originals.map(({ file, text }) => parseDocument(text, file));
  refuseCopies(documents);
  const byId = new Map(documents.map((document) => [document.id, document]));
  // Notes whose document is gone (renamed, say) would be left out without a word.
  for (const { file } of sources.filter((source) => source.file.endsWith(NOTES_SUFFIX))) {
    const id = path.basename(file).slice(0, -NOTES_SUFFIX.length);
    if (!byId.has(id)) {
      throw new ContentError(
        file,
        undefined,
        `notes for "${id}", but no document here is ${id}.md; documents: ${[...byId.keys()].join(', ')} (notes for speech.md are speech${NOTES_SUFFIX})`,
      );
    }
  }
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
    const notesSource = sources.find(({ file }) => file === notesFile);
    const notes = notesSource
      ? parseNotes(decodeUtf8(notesSource.bytes, notesFile), notesFile, document)
      : new Map<string, PassageNotes>();
    return { ...document, translations, notes };
  });
}

/**
 * The `*.md` files of a content folder, in file-name order. `npm run ask` calls it before loading
 * so that a bad `--content` is reported as `--content`, not as CONTENT_DIR.
 *
 * @param setting what chose the folder, named in the error (see {@link loadDocuments})
 * @throws ContentError naming the folder and `setting` when it is missing or holds no `*.md` file
 * @example listContentFiles('/nonexistent', '--content')
 * // throws "/nonexistent: content folder not found; --content must name the folder holding the *.md files"
 */
export function listContentFiles(dir: string, setting = 'CONTENT_DIR'): string[] {
  let names: string[];
  try {
    // A hidden file is an editor's or the system's (.#speech.md is Emacs's lock, a dangling link).
    names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'));
  } catch (error) {
    throw new ContentError(
      dir,
      undefined,
      `${folderProblem(error)}${relativeNote(dir)}; ${setting} must name the folder holding the *.md files`,
    );
  }
  if (names.length === 0) {
    throw new ContentError(
      dir,
      undefined,
      `no *.md content files in this folder; ${setting} must name the folder holding them`,
    );
  }
  const files = names.sort().map((name) => path.join(dir, name));
  for (const file of files) checkRegularFile(file, 'content files are *.md files');
  return files;
}

/**
 * A content entry that cannot be read as a file (a folder named `x.md`, a link to nothing) is
 * named, not read. `kind` says what such files are, for the message.
 */
function checkRegularFile(file: string, kind: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    const code = fileErrorCode(error);
    throw new ContentError(
      file,
      undefined,
      code === 'ENOENT'
        ? 'a link to a file that does not exist; remove it or point it at a content file'
        : `cannot be read (${errorMessage(error)})`,
    );
  }
  if (!isFile) {
    throw new ContentError(file, undefined, `not a file (a folder?); ${kind}, so rename or move it`);
  }
}

/**
 * Where a relative path was looked for: npm runs scripts in the project folder, whatever folder
 * the command was typed in, so `../x` may not be where the user thinks.
 */
function relativeNote(dir: string): string {
  return path.isAbsolute(dir) ? '' : ` (looked for at ${path.resolve(dir)})`;
}

/** Why a folder could not be listed, in words: a file given for the folder is a common slip. */
function folderProblem(error: unknown): string {
  const code = fileErrorCode(error);
  if (code === 'ENOTDIR') return 'this is a file, not the content folder';
  if (code === 'EACCES' || code === 'EPERM') return 'content folder cannot be read (permission denied)';
  return 'content folder not found';
}

/**
 * A later file sharing more than this part of its paragraphs (or of the earlier file's, when
 * that is shorter) with an earlier one is a copy, edited or not. Two different speeches share a
 * stock sentence or two, never most of their text.
 */
const COPY_SHARE = 0.5;

/**
 * Refuses the same document loaded twice: two files with one id (names that differ only in the
 * case of `.md`, `speech.md` and `speech.MD`), whose passage ids would collide, or the same paragraphs
 * under two names (`speech.md` copied to `speech-copy.md`), which would answer every question
 * twice, results 1 and 2 being the same text.
 *
 * @throws ContentError at the later file (and its first shared paragraph), naming the earlier one
 */
function refuseCopies(documents: readonly SpeechDocument[]): void {
  documents.forEach((later, i) => {
    for (const earlier of documents.slice(0, i)) {
      if (earlier.id === later.id) {
        throw new ContentError(
          later.file,
          undefined,
          `the same document id "${later.id}" as ${earlier.file} (the file names differ only in the case of .md); remove one of the two files`,
        );
      }
      const shared = sharedParagraphs(earlier, later);
      const [first] = shared;
      const smaller = Math.min(paragraphsOf(earlier).length, paragraphsOf(later).length);
      if (first && shared.length > smaller * COPY_SHARE) {
        throw new ContentError(
          later.file,
          first.later.line,
          `the same text as ${earlier.file}:${first.earlier.line} (${shared.length} of ${paragraphsOf(later).length} paragraphs are in both): two copies of one text would answer every question twice; remove one of the two files`,
        );
      }
    }
  });
}

function paragraphsOf(document: SpeechDocument): Paragraph[] {
  return document.sections.flatMap((section) => section.paragraphs);
}

/** Paragraphs of `later` whose text is also a paragraph of `earlier`, in `later`'s order. */
function sharedParagraphs(
  earlier: SpeechDocument,
  later: SpeechDocument,
): { earlier: Paragraph; later: Paragraph }[] {
  const earlierByText = new Map<string, Paragraph>();
  for (const paragraph of paragraphsOf(earlier)) {
    if (!earlierByText.has(paragraph.text)) earlierByText.set(paragraph.text, paragraph);
  }
  return paragraphsOf(later).flatMap((paragraph) => {
    const match = earlierByText.get(paragraph.text);
    return match ? [{ earlier: match, later: paragraph }] : [];
  });
}
