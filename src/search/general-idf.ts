import { idf as idfDictionary } from '@node-rs/jieba/dict.js';

/**
 * How informative a word is in general Chinese, from jieba's IDF table (≈270k words, values
 * from ~0.9 for 的 to ~13.9 for rare words). Used to weight query words: in "工资怎么调整" the
 * word 工资 matters far more than 怎么, whether or not the speech contains it.
 */
let table: Map<string, number> | undefined;

/** IDF of an unknown word: the table's median-to-rare range, as unseen words are rare. */
const UNKNOWN_WORD_IDF = 11;

function load(): Map<string, number> {
  const map = new Map<string, number>();
  const text = Buffer.from(idfDictionary).toString('utf8');
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

/**
 * @example generalIdf('工资') // ≈ 6.4
 * @example generalIdf('的') // ≈ 0.9
 */
export function generalIdf(word: string): number {
  table ??= load();
  return table.get(word) ?? UNKNOWN_WORD_IDF;
}
