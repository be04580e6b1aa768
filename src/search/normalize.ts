import { lazyPackage } from '../lazy.ts';

/** OpenCC's Traditional → Simplified dictionaries, loaded when the first text is converted. */
const openCC = lazyPackage<typeof import('opencc-js/t2cn')>('opencc-js/t2cn');

/** Longest query, in characters, that is searched; longer input gets a clear message instead. */
export const MAX_QUERY_LENGTH = 500;

let toSimplified: ((text: string) => string) | undefined;

/** The last text converted: a query is simplified when it is cleaned and again when it is analyzed. */
let lastSimplified = { text: '', simplified: '' };

/**
 * Converts Traditional Chinese (Taiwan and Hong Kong variants included) to Simplified, the
 * script the speech is published in.
 *
 * OpenCC walks its dictionaries over every character (≈15 % of building an index), so a text
 * it would leave unchanged is not given to it: one with no character OpenCC converts on its own
 * (檔 → 档) nor any of the few it converts only within a phrase ({@link PHRASE_CONVERTED}). The
 * result is OpenCC's either way; most of the content's texts (1,401 of 1,619) skip it.
 *
 * @example simplify('檔案安全') // '档案安全'
 */
export function simplify(text: string): string {
  if (lastSimplified.text !== text) {
    lastSimplified = { text, simplified: openCCWouldChange(text) ? converter()(text) : text };
  }
  return lastSimplified.simplified;
}

function converter(): (text: string) => string {
  if (!toSimplified) {
    const fromTaiwan = openCC().Converter({ from: 'tw', to: 'cn' });
    const fromHongKong = openCC().Converter({ from: 'hk', to: 'cn' });
    toSimplified = (input) => fromHongKong(fromTaiwan(input));
  }
  return toSimplified;
}

/**
 * The characters OpenCC leaves as they are alone but converts within some phrase of its
 * dictionaries (反覆 → 反复, 一坏 → 一坯, 沈默 → 沉默). `test/search/normalize.test.ts` derives
 * them from OpenCC's own dictionaries and fails when this list differs.
 */
export const PHRASE_CONVERTED = '坏瞭藉覆沈哩甦';

/** Per UTF-16 code unit, as first met: 0 not known yet, 1 OpenCC leaves it, 2 it may convert it. */
const converts = new Uint8Array(0x10000);
const LEAVES = 1;
const CONVERTS = 2;
for (const char of PHRASE_CONVERTED) converts[char.charCodeAt(0)] = CONVERTS;

/**
 * True when OpenCC may change the text: it has a character OpenCC converts on its own, or one it
 * converts within a phrase. Otherwise no entry of OpenCC's dictionaries changes anything in it.
 */
function openCCWouldChange(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Below U+2E80 (CJK radicals) no character is converted.
    if (code < 0x2e80) continue;
    if (code >= 0xd800 && code <= 0xdfff) {
      // Outside the BMP (rare Han characters): the whole character, not remembered.
      const char = String.fromCodePoint(text.codePointAt(i) ?? code);
      if (converter()(char) !== char) return true;
      i += char.length - 1;
      continue;
    }
    let known = converts[code];
    if (!known) {
      const char = String.fromCharCode(code);
      known = converter()(char) === char ? LEAVES : CONVERTS;
      converts[code] = known;
    }
    if (known === CONVERTS) return true;
  }
  return false;
}

/**
 * Cleans what a user typed into the text to search: full-width forms folded (NFKC), terminal
 * escape sequences, control and zero-width characters and emoji dropped, Traditional characters
 * made Simplified, white space collapsed. A chat's own markup (mentions, links, emoji codes) is
 * the chat layer's to remove before it asks.
 *
 * @example normalizeQuery('檔案安全？ 😅') // '档案安全?'
 */
export function normalizeQuery(raw: string): string {
  const text = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is removed
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ' ')
    .normalize('NFKC')
    // Format characters (zero-width space and joiner, soft hyphen) are invisible: between Han
    // characters 档\u200b案 reads 档案; elsewhere they may be all that parts two words.
    .replace(/(?<=\p{Script=Han})\p{Cf}+(?=\p{Script=Han})/gu, '')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, ' ') // control, other format characters, private use
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return simplify(text);
}

/** True when the text has a letter, digit or Han character worth searching for. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
