/**
 * Part of `npm run build`: converts two of jieba's text files into the binary tables the bot
 * reads at start-up, so no process parses them:
 * - the general IDF table (`@node-rs/jieba/idf.txt`, ≈270k words), for `src/search/general-idf.ts`;
 * - the default dictionary (`@node-rs/jieba/dict.txt`, ≈349k words), for `src/search/segment.ts`.
 * Run again whenever @node-rs/jieba changes (`npm ci` and `npm test` do).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
