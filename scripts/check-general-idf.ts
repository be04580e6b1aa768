/**
 * `npm run check:tables` (with `check-segmentation.ts`): the binary general IDF table gives every
 * word exactly the value parsing jieba's `idf.txt` gives it (the way `generalIdf` worked before
 * the table), and words the text lacks stay unknown. Exits 1 on the first differences.
 */
import { readFileSync } from 'node:fs';
import {
  decodeIdfTable,
  GENERAL_IDF_TABLE_FILE,
  generalIdf,
  idfTextSource,
  parseIdfText,
  UNKNOWN_WORD_IDF,
} from '../src/search/general-idf.ts';

const reference = parseIdfText(readFileSync(idfTextSource().file));
const table = decodeIdfTable(readFileSync(GENERAL_IDF_TABLE_FILE));
const problems: string[] = [];
const expectValue = (word: string, expected: number | undefined, actual: number | undefined) => {
  if (!Object.is(expected, actual) && problems.length < 20) {
    problems.push(`${JSON.stringify(word)}: expected ${expected}, got ${actual}`);
  }
};

if (table.count !== reference.size)
  problems.push(`${table.count} words in the table, ${reference.size} in the text`);
for (const [word, value] of reference) {
  expectValue(word, value, table.lookup(word));
  expectValue(word, value, generalIdf(word));
}

// Words the text lacks: neighbours in sort order, prefixes and extensions of real words, and
// strings that are not words at all.
const absent = new Set<string>([
  '',
  ' ',
  'constructor',
  '__proto__',
  'bot',
  '\ud800',
  '档\udc00',
  '\u{20000}',
  '\uffff',
]);
for (const word of [...reference.keys()].filter((_, index) => index % 97 === 0)) {
  absent.add(word.slice(0, -1));
  absent.add(`${word}的`);
  absent.add(`${word} `);
  absent.add(`的${word}`);
}
let absentChecked = 0;
for (const word of absent) {
  if (reference.has(word)) continue;
  absentChecked++;
  expectValue(word, undefined, table.lookup(word));
  expectValue(word, UNKNOWN_WORD_IDF, generalIdf(word));
}

if (problems.length > 0) {
  process.stderr.write(`The general IDF table differs from idf.txt:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(
  `general IDF table: all ${reference.size} words give the value idf.txt gives them; ${absentChecked} absent words stay unknown\n`,
);
