/**
 * `npm run check:tables` (with `check-general-idf.ts`): the segmenter, which gives jieba only the
 * dictionary entries each text contains (`OnDemandJieba` in `src/search/segment.ts`), cuts, cuts
 * for search and tags exactly as jieba with its whole dictionary does, on:
 * - every line of the content folder and every query of the eval sets;
 * - windows of the content cut at random places, with random characters around them;
 * - strings of random dictionary words joined with and without punctuation, spaces, Latin
 *   letters and digits, and strings of random characters;
 * - every dictionary word alone (`--all-words`; ≈349k, a minute more).
 * Each text is checked with a fresh on-demand dictionary (only its own entries) and with one
 * shared by all texts (entries of every earlier text), as the bot uses it; and through the
 * module's own `cut`/`tag`. Exits 1 on the first differences.
 */
import { readFileSync } from 'node:fs';
import type { Jieba } from '@node-rs/jieba';
import { Rng } from '../bench/lib/prng.ts';
import {
  cut,
  cutForSearch,
  decodeJiebaDictionaryTable,
  fullDictionaryJieba,
  JIEBA_DICTIONARY_TABLE_FILE,
  jiebaDictionarySource,
  OnDemandJieba,
  tag,
} from '../src/search/segment.ts';
import { evalQueries, contentLines as sampleContentLines } from './lib/sample-texts.ts';

const RANDOM_TEXTS = 20_000;
const allWords = process.argv.includes('--all-words');

const rng = new Rng(20190718);
const next = () => rng.next();
const pick = <T>(items: readonly T[]): T => rng.pick(items);

const contentLines = sampleContentLines();
const queries = evalQueries();
const dictionaryWords = readFileSync(jiebaDictionarySource().file, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => line.slice(0, line.indexOf(' ')));
const content = contentLines.join('');
const SEPARATORS = [
  '',
  '',
  '',
  ' ',
  ',',
  '。',
  '、',
  '“',
  '”',
  '的',
  'a',
  'AB',
  '3',
  '2019年',
  '\r\n',
  '\t',
  '@',
  '#',
];
const CHARACTERS = [...new Set([...content])].concat([...'abcXYZ0189+#&._%- @!?,。\u3000\u{20000}']);

function* texts(): Generator<string> {
  yield* contentLines;
  yield* queries;
  for (let i = 0; i < RANDOM_TEXTS; i++) {
    const kind = i % 3;
    if (kind === 0) {
      const start = Math.floor(next() * content.length);
      yield `${pick(SEPARATORS)}${content.slice(start, start + 1 + Math.floor(next() * 60))}${pick(SEPARATORS)}`;
    } else if (kind === 1) {
      const count = 1 + Math.floor(next() * 6);
      yield Array.from({ length: count }, () => `${pick(dictionaryWords)}${pick(SEPARATORS)}`).join('');
    } else {
      yield Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(CHARACTERS)).join('');
    }
  }
}

const full = fullDictionaryJieba();
const table = decodeJiebaDictionaryTable(readFileSync(JIEBA_DICTIONARY_TABLE_FILE));
const shared = new OnDemandJieba(table);
const problems: string[] = [];
let checked = 0;

const same = (label: string, text: string, expected: unknown, actual: unknown) => {
  if (JSON.stringify(expected) !== JSON.stringify(actual) && problems.length < 20) {
    problems.push(
      `${label} ${JSON.stringify(text)}:\n    whole dictionary ${JSON.stringify(expected)}\n    on demand        ${JSON.stringify(actual)}`,
    );
  }
};
const compare = (label: string, text: string, jieba: Jieba) => {
  same(`${label} cut`, text, full.cut(text, true), jieba.cut(text, true));
  same(`${label} cutForSearch`, text, full.cutForSearch(text, true), jieba.cutForSearch(text, true));
  same(`${label} tag`, text, full.tag(text, true), jieba.tag(text, true));
};

for (const text of texts()) {
  compare('fresh', text, new OnDemandJieba(table).jiebaFor(text));
  compare('shared', text, shared.jiebaFor(text));
  same('segment.ts cut', text, full.cut(text, true), cut(text));
  same('segment.ts cutForSearch', text, full.cutForSearch(text, true), cutForSearch(text));
  same('segment.ts tag', text, full.tag(text, true), tag(text));
  checked++;
}
// Every word alone, through the shared instance only (a fresh one per word would take hours).
for (const word of allWords ? dictionaryWords : []) {
  compare('shared', word, shared.jiebaFor(word));
  checked++;
}

if (problems.length > 0) {
  process.stderr.write(`On-demand jieba differs from the whole dictionary:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(
  `segmentation: ${checked} texts cut, cut for search and tagged exactly as with jieba's whole dictionary\n`,
);
