import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Jieba } from '@node-rs/jieba';
import { type DataFileSource, jiebaDataFile, openDerivedTable } from '../generated.ts';
import { lazyPackage } from '../lazy.ts';
import { GENERATED_DIR } from '../paths.ts';

/** jieba's native addon, loaded when the first text is segmented. */
const jiebaPackage = lazyPackage<typeof import('@node-rs/jieba')>('@node-rs/jieba');

/**
 * Chinese word segmentation for indexing and queries.
 *
 * jieba's search mode (`cutForSearch`) emits whole words and their shorter dictionary words
 * (`老百姓` → `百姓`, `老百姓`), which lets a query word match a longer or shorter form in the
 * text. Character bigrams are emitted as a second, fuzzier signal: they still match when jieba
 * cuts the query and the text differently (`两学一做` → `两学/一/做`) and catch near-paraphrases
 * that share characters.
 *
 * jieba's default dictionary has 349k words. Building it into jieba's trie takes 110–250 ms and
 * ~40 MB, yet a text only ever makes jieba look at the dictionary words it contains. So the
 * segmenter keeps the dictionary as a compact sorted table ({@link JIEBA_DICTIONARY_TABLE_FILE},
 * written by `npm run build`), finds in it the words each new text contains, and adds those to
 * one jieba instance as they come: a few thousand words in all for the speech and its
 * questions. The cuts are exactly those of the full dictionary (see {@link OnDemandJieba};
 * `npm run check:tables` compares them).
 */
let segmenter: Segmenter | undefined;

/** jieba for a text, and its search mode. */
interface Segmenter {
  /** A jieba that cuts `text` exactly as one with the whole default dictionary would. */
  jiebaFor(text: string): Jieba;
  /** jieba's search mode for `text`, whose precise cut is `precise`. */
  cutForSearch(text: string, precise: readonly string[]): string[];
}

function openedSegmenter(): Segmenter {
  segmenter ??= openSegmenter();
  return segmenter;
}

function jiebaFor(text: string): Jieba {
  return openedSegmenter().jiebaFor(text);
}

/** The binary dictionary table `npm run build` writes (git-ignored, like the rest of `dist/`). */
export const JIEBA_DICTIONARY_TABLE_FILE = path.join(GENERATED_DIR, 'jieba-dictionary.bin');

/**
 * The table when it is there and made from the installed `dict.txt`; otherwise jieba with the
 * whole dictionary, as before (slower to start, the same cuts), with a warning naming the fix.
 */
function openSegmenter(): Segmenter {
  const { file, source } = jiebaDictionarySource();
  return openDerivedTable({
    what: 'The jieba dictionary table',
    file: JIEBA_DICTIONARY_TABLE_FILE,
    source,
    decode: decodeJiebaDictionaryTable,
    use: (table): Segmenter => new OnDemandJieba(table),
    instead: 'Loading jieba’s whole dictionary instead (≈0.2 s and ≈40 MB more).',
    fallback: () => {
      const jieba = jiebaPackage().Jieba.withDict(readFileSync(file));
      return { jiebaFor: () => jieba, cutForSearch: (text) => jieba.cutForSearch(text, true) };
    },
    warningCode: 'SPEECH_BOT_JIEBA_TABLE',
  });
}

/** jieba with its whole default dictionary: what {@link OnDemandJieba} must agree with. */
export function fullDictionaryJieba(): Jieba {
  return jiebaPackage().Jieba.withDict(readFileSync(jiebaDictionarySource().file));
}

/**
 * jieba's default dictionary file (the bytes `@node-rs/jieba/dict.js` exports, read here
 * because that module also reads, and keeps, the 6 MB IDF text) and what identifies it.
 */
export const jiebaDictionarySource = () => jiebaDataFile('dict.txt');

/**
 * A word no text can make jieba look up, carrying the frequency of every dictionary entry not
 * loaded yet. jieba looks words up only in runs of Han characters, ASCII letters, digits and
 * `+#&._%-` (where `@` never is), and outside them one character at a time.
 */
const NOT_LOADED_ENTRIES_WORD = '@@';

/** How many recent texts {@link OnDemandJieba} remembers having loaded the entries of. */
const RECENT_TEXTS_KEPT = 256;

/**
 * jieba whose dictionary holds the default dictionary's entries that occur in the texts it has
 * been given, and no others. For one text, jieba only ever looks up pieces of that text (the
 * dictionary words each position starts, the words it cut, their 2- and 3-character pieces),
 * and weighs a route by each word's frequency over the dictionary's total frequency. So a
 * dictionary that holds every entry occurring in the text, with the same frequencies and tags,
 * and the same total (the entries not loaded are summed into {@link NOT_LOADED_ENTRIES_WORD}),
 * cuts it exactly as the whole one does. Entries of earlier texts do no harm: jieba never looks
 * them up for a text that does not contain them.
 */
export class OnDemandJieba implements Segmenter {
  private readonly jieba = new (jiebaPackage().Jieba)();
  private readonly loaded: Uint8Array;
  private notLoadedFrequency: number;
  /** Texts whose entries are loaded: a query is cut, then tagged (its search cut comes from the cut). */
  private readonly recentTexts = new Set<string>();

  constructor(private readonly table: JiebaDictionaryTable) {
    this.loaded = new Uint8Array(table.count);
    this.notLoadedFrequency = table.totalFrequency;
  }

  /** jieba's search mode, from the precise cut and the table (see {@link searchCut}). */
  cutForSearch(_text: string, precise: readonly string[]): string[] {
    return searchCut(precise, (word) => this.table.has(word));
  }

  /** The jieba instance, with every dictionary entry that occurs in `text` loaded. */
  jiebaFor(text: string): Jieba {
    const { table, loaded, recentTexts } = this;
    // Entries stay loaded: a text seen lately needs no new search of the table.
    if (recentTexts.has(text)) return this.jieba;
    const entries = new Set<number>();
    let lines = '';
    let notLoadedFrequency = this.notLoadedFrequency;
    table.forEachEntryIn(text, (entry, start, end) => {
      if (loaded[entry] || entries.has(entry)) return;
      entries.add(entry);
      const frequency = table.frequencies[entry] ?? 0;
      notLoadedFrequency -= frequency;
      lines += `${text.slice(start, end)} ${frequency} ${table.tagOf(entry)}\n`;
    });
    if (entries.size > 0) {
      // An entry already loaded (the placeholder) gets its new frequency; jieba sums them all again.
      lines += `${NOT_LOADED_ENTRIES_WORD} ${notLoadedFrequency} x\n`;
      this.jieba.loadDict(Buffer.from(lines, 'utf8'));
      for (const entry of entries) loaded[entry] = 1;
      this.notLoadedFrequency = notLoadedFrequency;
    }
    if (recentTexts.size >= RECENT_TEXTS_KEPT) recentTexts.clear();
    recentTexts.add(text);
    return this.jieba;
  }
}

/*
 * Binary dictionary table layout (little-endian; each section starts at a multiple of 8 bytes):
 *   magic "JDT1" · uint32 length of the JSON header · JSON header (DictionaryHeader)
 *   Uint32  firstEntry[65537]   entries whose word starts with UTF-16 unit u: firstEntry[u] ≤ i < firstEntry[u + 1]
 *   Uint32  offsets[count + 1]  where each word's UTF-16 units start in `units`
 *   Uint32  frequencies[count]
 *   Uint16  units[…]            the words, sorted by UTF-16 units (JavaScript's string order)
 *   Uint8   tags[count]         index into the header's `tags` (jieba has 55 part-of-speech tags)
 */
const DICTIONARY_MAGIC = 'JDT1';
const UTF16_UNITS = 0x10000;

interface DictionaryHeader {
  source: DataFileSource;
  count: number;
  units: number;
  totalFrequency: number;
  tags: string[];
}

const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

function dictionarySections(headerBytes: number, header: DictionaryHeader) {
  const firstEntry = align8(8 + headerBytes);
  const offsets = align8(firstEntry + (UTF16_UNITS + 1) * 4);
  const frequencies = align8(offsets + (header.count + 1) * 4);
  const units = align8(frequencies + header.count * 4);
  const tags = align8(units + header.units * 2);
  return { firstEntry, offsets, frequencies, units, tags, end: tags + header.count };
}

/** The default dictionary as a sorted table, searched for the words a text contains. */
export interface JiebaDictionaryTable {
  source: DataFileSource;
  count: number;
  totalFrequency: number;
  frequencies: Uint32Array;
  tagOf(entry: number): string;
  /** Calls `found` with every entry whose word occurs in `text`, and where (UTF-16 indexes). */
  forEachEntryIn(text: string, found: (entry: number, start: number, end: number) => void): void;
  /** Whether the word is an entry. */
  has(word: string): boolean;
}

/**
 * The table of jieba's `dict.txt` (`word frequency tag` per line). Throws on anything this
 * table cannot hold exactly as jieba reads it, so a new dictionary fails the build, not the cuts.
 */
export function encodeJiebaDictionaryTable(dictionary: string, source: DataFileSource): Buffer {
  const entries: Array<{ word: string; frequency: number; tag: string }> = [];
  const seen = new Set<string>();
  for (const [index, line] of dictionary.split('\n').entries()) {
    if (line === '') continue;
    const fields = line.split(' ');
    const [word = '', frequencyText = '', tag = ''] = fields;
    const frequency = Number(frequencyText);
    const where = `dict.txt line ${index + 1}`;
    if (fields.length !== 3 || fields.some((field) => field === '' || /[\s\uFFFD]/u.test(field))) {
      throw new Error(`${where}: not "word frequency tag" without other spaces: ${JSON.stringify(line)}`);
    }
    if (String(frequency) !== frequencyText || frequency > 0xffffffff) {
      throw new Error(`${where}: frequency ${frequencyText} does not fit the table as written`);
    }
    if (seen.has(word)) throw new Error(`${where}: ${word} appears twice`);
    if (word.includes('@')) throw new Error(`${where}: ${word} contains @, which the placeholder word uses`);
    seen.add(word);
    entries.push({ word, frequency, tag });
  }
  entries.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const tags = [...new Set(entries.map((entry) => entry.tag))];
  if (tags.length > 0xff) throw new Error(`${tags.length} part-of-speech tags: more than 8 bits`);
  const tagIndex = new Map(tags.map((tag, index) => [tag, index]));
  const header: DictionaryHeader = {
    source,
    count: entries.length,
    units: entries.reduce((sum, entry) => sum + entry.word.length, 0),
    totalFrequency: entries.reduce((sum, entry) => sum + entry.frequency, 0),
    tags,
  };
  if (!Number.isSafeInteger(header.totalFrequency)) throw new Error('total frequency over 2^53');
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const at = dictionarySections(headerJson.length, header);
  const out = Buffer.alloc(at.end);
  out.write(DICTIONARY_MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerJson.length, 4);
  headerJson.copy(out, 8);
  let unit = 0;
  entries.forEach(({ word, frequency, tag }, index) => {
    out.writeUInt32LE(unit, at.offsets + index * 4);
    out.writeUInt32LE(frequency, at.frequencies + index * 4);
    out.writeUInt8(tagIndex.get(tag) ?? 0, at.tags + index);
    for (let i = 0; i < word.length; i++) out.writeUInt16LE(word.charCodeAt(i), at.units + (unit + i) * 2);
    unit += word.length;
  });
  out.writeUInt32LE(unit, at.offsets + entries.length * 4);
  // firstEntry[u]: the first entry whose first unit is u or more.
  let entry = 0;
  for (let first = 0; first <= UTF16_UNITS; first++) {
    while (entry < entries.length && (entries[entry]?.word.charCodeAt(0) ?? 0) < first) entry++;
    out.writeUInt32LE(entry, at.firstEntry + first * 4);
  }
  return out;
}

/** Reads a table written by {@link encodeJiebaDictionaryTable}; throws when `buffer` is not one. */
export function decodeJiebaDictionaryTable(buffer: Buffer): JiebaDictionaryTable {
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== DICTIONARY_MAGIC) {
    throw new Error('not a jieba dictionary table');
  }
  const headerBytes = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerBytes)) as DictionaryHeader;
  const at = dictionarySections(headerBytes, header);
  if (buffer.length !== at.end) throw new Error('the jieba dictionary table is truncated');
  // Typed-array views need aligned offsets; a Buffer from readFileSync may start anywhere in its pool.
  const { buffer: memory, byteOffset: base } = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(buffer);
  const firstEntry = new Uint32Array(memory, base + at.firstEntry, UTF16_UNITS + 1);
  const offsets = new Uint32Array(memory, base + at.offsets, header.count + 1);
  const frequencies = new Uint32Array(memory, base + at.frequencies, header.count);
  const units = new Uint16Array(memory, base + at.units, header.units);
  const tags = new Uint8Array(memory, base + at.tags, header.count);

  /** The first entry in [low, high) whose unit at `depth` is `unit` or more (all are longer than `depth`). */
  const lowerBound = (low: number, high: number, depth: number, unit: number) => {
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((units[(offsets[middle] ?? 0) + depth] ?? 0) < unit) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const lengthOf = (entry: number) => (offsets[entry + 1] ?? 0) - (offsets[entry] ?? 0);

  return {
    source: header.source,
    count: header.count,
    totalFrequency: header.totalFrequency,
    frequencies,
    tagOf: (entry) => header.tags[tags[entry] ?? 0] ?? '',
    forEachEntryIn(text, found) {
      for (let start = 0; start < text.length; start++) {
        const first = text.charCodeAt(start);
        // Entries whose word starts with text[start … start + depth), narrowed one unit at a time.
        let low = firstEntry[first] ?? 0;
        let high = firstEntry[first + 1] ?? 0;
        for (let depth = 1; low < high; depth++) {
          // The word that is exactly the prefix, if any, sorts first.
          if (lengthOf(low) === depth) found(low++, start, start + depth);
          if (start + depth >= text.length) break;
          const next = text.charCodeAt(start + depth);
          low = lowerBound(low, high, depth, next);
          high = lowerBound(low, high, depth, next + 1);
        }
      }
    },
    has(word) {
      const first = word.charCodeAt(0);
      let low = firstEntry[first] ?? 0;
      let high = firstEntry[first + 1] ?? 0;
      for (let depth = 1; low < high; depth++) {
        const exact = lengthOf(low) === depth;
        if (depth === word.length) return exact;
        if (exact) low++;
        const next = word.charCodeAt(depth);
        low = lowerBound(low, high, depth, next);
        high = lowerBound(low, high, depth, next + 1);
      }
      return false;
    },
  };
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
  return cutForSearch(text)
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '' && WORDLIKE.test(word));
}

/**
 * jieba's search mode (`cutForSearch`), as the whole default dictionary cuts it, punctuation kept.
 *
 * @example cutForSearch('老百姓的档案') // ['百姓', '老百姓', '的', '档案']
 */
export function cutForSearch(text: string): string[] {
  return openedSegmenter().cutForSearch(text, cut(text));
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

/**
 * {@link bigrams} of the text the words make, with the words `breaks` picks taking no part (a
 * pair spans neither them nor anything but Han characters). Made in one pass over the words, as
 * an index build makes them for every passage.
 *
 * @example wordBigrams(['档案', '的', '安全'], (word) => word === '的') // ['档案']
 */
export function wordBigrams(words: readonly string[], breaks: (word: string) => boolean): string[] {
  const result: string[] = [];
  let previous = '';
  for (const word of words) {
    if (breaks(word)) {
      previous = '';
      continue;
    }
    for (const char of word) {
      if (!HAN.test(char)) {
        previous = '';
        continue;
      }
      if (previous) result.push(hanPair(previous, char));
      previous = char;
    }
  }
  return result;
}

/**
 * A pair of Han characters as a string, the same string each time for the common ones: an index
 * build makes millions of pairs of a few thousand characters, and a new string for each would
 * be garbage at once and hashed again by every map it is looked up in.
 */
function hanPair(first: string, second: string): string {
  const a = first.charCodeAt(0) - COMMON_HAN_START;
  const b = second.charCodeAt(0) - COMMON_HAN_START;
  if (
    first.length > 1 ||
    second.length > 1 ||
    a < 0 ||
    b < 0 ||
    a >= COMMON_HAN_SIZE ||
    b >= COMMON_HAN_SIZE
  ) {
    return first + second;
  }
  // A small integer key (below 2³⁰), which a Map hashes without allocating.
  const key = a * COMMON_HAN_SIZE + b;
  let pair = pairs.get(key);
  if (pair === undefined) {
    pair = first + second;
    if (pairs.size < MAX_PAIRS) pairs.set(key, pair);
  }
  return pair;
}

/** CJK Extension A and the Unified Ideographs block: U+3400–U+9FFF. */
const COMMON_HAN_START = 0x3400;
const COMMON_HAN_SIZE = 0xa000 - COMMON_HAN_START;
/**
 * Pairs kept, for good (queries add pairs too): the speech and the bench's synthetic corpus have
 * ≈ 15,000; past the bound a pair is made anew each time, as before. ≈ 3 MB at most.
 */
const MAX_PAIRS = 1 << 16;
const pairs = new Map<number, string>();

/** True when the term contains at least one Han character. */
export function isHan(term: string): boolean {
  return HAN.test(term);
}

/**
 * jieba's precise cut: each character in exactly one word, punctuation kept.
 *
 * @example cut('主题教育的总要求') // ['主题', '教育', '的', '总', '要求']
 */
export function cut(text: string): readonly string[] {
  if (lastCut.text !== text) lastCut = { text, words: jiebaFor(text).cut(text, true) };
  return lastCut.words;
}

/** The last text cut: a text is cut for its words, then again for its bigrams' stopword breaks. */
let lastCut: { text: string; words: readonly string[] } = { text: '', words: [] };

/** The sizes of the pieces jieba's search mode adds before a longer word: 2, then 3 characters. */
const PIECE_SIZES = [2, 3] as const;

/**
 * jieba's search mode from its precise cut, as jieba's `cut_for_search` makes it, without cutting
 * the text again: each word of more than two characters is preceded by its two-character pieces
 * that are dictionary words, and, past three characters, by its three-character ones.
 *
 * @example searchCut(['中华人民共和国'], isWord) // ['中华', '华人', '人民', '共和', '共和国', '中华人民共和国']
 */
export function searchCut(precise: readonly string[], isWord: (word: string) => boolean): string[] {
  const result: string[] = [];
  for (const word of precise) {
    // Characters, not UTF-16 units: a character outside the BMP is one piece of a word.
    const chars = word.length > 2 ? [...word] : [];
    for (const size of PIECE_SIZES) {
      if (chars.length <= size) continue;
      for (let i = 0; i + size <= chars.length; i++) {
        const piece = chars.slice(i, i + size).join('');
        if (isWord(piece)) result.push(piece);
      }
    }
    result.push(word);
  }
  return result;
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
export function tag(text: string): readonly TaggedWord[] {
  if (lastTag.text !== text) lastTag = { text, words: jiebaFor(text).tag(text, true) };
  return lastTag.words;
}

/** The last text tagged: a question is tagged for its setting, then for what it asks. */
let lastTag: { text: string; words: readonly TaggedWord[] } = { text: '', words: [] };
