import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for indexing and queries.
 *
 * jieba's search mode (`cutForSearch`) emits whole words and their shorter dictionary words
 * (`老百姓` → `百姓`, `老百姓`), which lets a query word match a longer or shorter form in the
 * text. Character bigrams are emitted as a second, fuzzier signal: they still match when jieba
 * cuts the query and the text differently (`两学一做` → `两学/一/做`) and catch near-paraphrases
 * that share characters.
 */
let jieba: Jieba | undefined;

function getJieba(): Jieba {
  // Loading the dictionary takes ~100 ms; do it once, on first use.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const WORDLIKE = /^[\p{L}\p{N}]+$/u;

/**
 * Splits text into search words: jieba search-mode words plus Latin/digit runs, without
 * punctuation, lower-cased. Repeats are kept (term frequency matters for ranking).
 *
 * @example words('主题教育的总要求') // ['主题', '教育', '的', '总', '要求']
 */
export function words(text: string): string[] {
  return getJieba()
    .cutForSearch(text, true)
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '' && WORDLIKE.test(word));
}

/**
 * Overlapping pairs of Han characters within each run of Han text (no pair spans punctuation).
 *
 * @example bigrams('档案安全') // ['档案', '案安', '安全']
 */
export function bigrams(text: string): string[] {
  const result: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) result.push(`${chars[i]}${chars[i + 1]}`);
  }
  return result;
}

/** True when the term contains at least one Han character. */
export function isHan(term: string): boolean {
  return HAN.test(term);
}

/**
 * jieba's precise cut: each character in exactly one word, punctuation kept.
 *
 * @example cut('主题教育的总要求') // ['主题', '教育', '的', '总', '要求']
 */
export function cut(text: string): string[] {
  return getJieba().cut(text, true);
}

/** A word of jieba's precise cut with its part of speech (`t` time, `ns` place, `n` noun, …). */
export interface TaggedWord {
  word: string;
  tag: string;
}

/**
 * jieba's precise cut with parts of speech.
 *
 * @example tag('湖南省今年') // [{ word: '湖南省', tag: 'ns' }, { word: '今年', tag: 't' }]
 */
export function tag(text: string): TaggedWord[] {
  return getJieba().tag(text, true);
}
