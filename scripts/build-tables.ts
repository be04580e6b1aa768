/**
 * Part of `npm run build`: converts two of jieba's text files into the binary tables the bot
 * reads at start-up, so no process parses them:
 * - the general IDF table (`@node-rs/jieba/idf.txt`, ≈270k words), for `src/search/general-idf.ts`;
 * - the default dictionary (`@node-rs/jieba/dict.txt`, ≈349k words), for `src/search/segment.ts`;
 * and stores `content/` parsed (`src/content/cache.ts`), its texts analyzed and the index over
 * them (`src/search/stored-index.ts`), so the bot neither parses the notes' YAML nor segments
 * 2,000 texts nor builds the index at start-up. Both are made by the compiled code in `dist/`, whose files are part of
 * the digests the bot checks. Run again whenever @node-rs/jieba or the content changes (`npm ci` and `npm test` do);
 * content edited since is parsed at start-up as before, just slower.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';
import {
  encodeIdfTable,
  GENERAL_IDF_TABLE_FILE,
  idfTextSource,
  parseIdfText,
} from '../src/search/general-idf.ts';
import {
  encodeJiebaDictionaryTable,
  JIEBA_DICTIONARY_TABLE_FILE,
  jiebaDictionarySource,
} from '../src/search/segment.ts';

function write(file: string, table: Buffer, from: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, table);
  process.stdout.write(
    `${path.relative(process.cwd(), file)}: ${(table.length / 1e6).toFixed(1)} MB from ${path.basename(from)}\n`,
  );
}

const idf = idfTextSource();
write(GENERAL_IDF_TABLE_FILE, encodeIdfTable(parseIdfText(readFileSync(idf.file)), idf.source), idf.file);
const dictionary = jiebaDictionarySource();
write(
  JIEBA_DICTIONARY_TABLE_FILE,
  encodeJiebaDictionaryTable(readFileSync(dictionary.file, 'utf8'), dictionary.source),
  dictionary.file,
);

// The compiled code, so the digests match those `npm start` computes from `dist/`.
const compiled = (file: string) => pathToFileURL(path.join(PROJECT_ROOT, 'dist', file)).href;
const { ContentError, storeParsedContent, loadDocuments } = (await import(
  compiled('content/index.js')
)) as typeof import('../src/content/index.ts');
const { DEFAULT_SEARCH, indexedWith, SpeechSearch } = (await import(
  compiled('search/engine.js')
)) as typeof import('../src/search/engine.ts');
const { storeAnalyses, storeIndex } = (await import(
  compiled('search/stored-index.js')
)) as typeof import('../src/search/stored-index.ts');
try {
  const stored = storeParsedContent(DEFAULT_CONTENT_DIR);
  process.stdout.write(`${path.relative(process.cwd(), stored)}: content/ parsed\n`);
  // Every text the index analyzes, kept as it builds.
  const analyses = new Map();
  const documents = loadDocuments(DEFAULT_CONTENT_DIR);
  const search = new SpeechSearch(documents, { analyses });
  const file = storeAnalyses(analyses);
  process.stdout.write(
    `${path.relative(process.cwd(), file)}: ${analyses.size} texts of content/ analyzed\n`,
  );
  const indexFile = storeIndex(search.indexData(), documents, indexedWith(DEFAULT_SEARCH));
  process.stdout.write(`${path.relative(process.cwd(), indexFile)}: the index over content/\n`);
} catch (error) {
  // Broken content is reported where it is used (start-up, `npm run ask`), with its file and line.
  if (!(error instanceof ContentError)) throw error;
  process.stdout.write(`content/ not stored parsed: ${error.message}\n`);
}
