import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type DataFileSource, jiebaDataFile, openDerivedTable } from '../generated.ts';
import { GENERATED_DIR } from '../paths.ts';

/**
 * How informative a word is in general Chinese, from jieba's IDF table (≈270k words, values
 * from ~0.9 for 的 to ~13.9 for rare words). Used to weight query words: in "工资怎么调整" the
 * word 工资 matters far more than 怎么, whether or not the speech contains it.
 *
 * The table ships as text (`@node-rs/jieba/idf.txt`, 6 MB). Parsing it into a Map takes ~0.5 s,
 * keeps 33 MB of heap and grows the process by ~100 MB, so `npm run build` converts it once into
 * a compact sorted binary table of 3.8 MB ({@link GENERAL_IDF_TABLE_FILE}, see
 * {@link encodeIdfTable}) that is read with one `readFileSync` and binary-searched. Every word
 * gets exactly the value the text gives it (`scripts/check-general-idf.ts` compares all of them).
 */
let table: IdfLookup | undefined;

/** IDF of an unknown word: the table's median-to-rare range, as unseen words are rare. */
export const UNKNOWN_WORD_IDF = 11;

/** The binary table `npm run build` writes (git-ignored, like the rest of `dist/`). */
export const GENERAL_IDF_TABLE_FILE = path.join(GENERATED_DIR, 'general-idf.bin');

/**
 * @example generalIdf('工资') // ≈ 6.4
 * @example generalIdf('的') // ≈ 0.9
 */
export function generalIdf(word: string): number {
  let idf = recentWords.get(word);
  if (idf === undefined) {
    table ??= loadGeneralIdf();
    idf = table.lookup(word) ?? UNKNOWN_WORD_IDF;
    // The words of recent queries, so a query's words are each searched in the table once.
    if (recentWords.size >= RECENT_WORDS_KEPT) recentWords.clear();
    recentWords.set(word, idf);
  }
  return idf;
}

const recentWords = new Map<string, number>();
const RECENT_WORDS_KEPT = 4096;

/** Word → IDF; `undefined` for a word the table does not hold. */
export interface IdfLookup {
  lookup(word: string): number | undefined;
}

/** jieba's IDF text file and what identifies it. */
export const idfTextSource = () => jiebaDataFile('idf.txt');

/**
 * The binary table when it is there and made from the installed `idf.txt`; otherwise the text,
 * parsed as before (slow, but the same values), with a warning naming the command that fixes it.
 */
function loadGeneralIdf(): IdfLookup {
  const { file, source } = idfTextSource();
  return openDerivedTable({
    what: 'The general IDF table',
    file: GENERAL_IDF_TABLE_FILE,
    source,
    decode: decodeIdfTable,
    use: (binary): IdfLookup => binary,
    instead: 'Parsing jieba’s idf.txt instead (≈0.5 s and ≈100 MB more).',
    fallback: () => {
      const map = parseIdfText(readFileSync(file));
      return { lookup: (word) => map.get(word) };
    },
    warningCode: 'SPEECH_BOT_IDF_TABLE',
  });
}

/**
 * jieba's `idf.txt` (`word value` per line) as a Map: the reference every faster form of the
 * table must agree with, value for value.
 */
export function parseIdfText(bytes: Uint8Array): Map<string, number> {
  const map = new Map<string, number>();
  const text = Buffer.from(bytes).toString('utf8');
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

/*
 * Binary table layout (little-endian; each section starts at a multiple of 8 bytes):
 *   magic "IDF1" · uint32 length of the JSON header · JSON header (TableHeader)
 *   Float64  values[distinctValues]   every distinct IDF value, exactly as parsed
 *   Uint32   offsets[count + 1]       where each word's UTF-8 bytes start in `words`
 *   Uint16   valueIndexes[count]      index into `values` of each word's IDF
 *   bytes    words                    the words' UTF-8, sorted by bytes (= by code point)
 * The table has ≈3.3k distinct values for ≈270k words, so a 2-byte index per word is enough.
 */
const MAGIC = 'IDF1';

interface TableHeader {
  source: DataFileSource;
  count: number;
  distinctValues: number;
  wordBytes: number;
}

const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

function sectionOffsets(headerBytes: number, header: TableHeader) {
  const values = align8(8 + headerBytes);
  const offsets = align8(values + header.distinctValues * 8);
  const valueIndexes = align8(offsets + (header.count + 1) * 4);
  const words = align8(valueIndexes + header.count * 2);
  return { values, offsets, valueIndexes, words, end: words + header.wordBytes };
}

/** The binary table of `map` (see the layout above). */
export function encodeIdfTable(map: ReadonlyMap<string, number>, source: DataFileSource): Buffer {
  const entries = [...map].map(([word, value]) => ({ bytes: Buffer.from(word, 'utf8'), value }));
  entries.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const distinct = [...new Set(entries.map((entry) => entry.value))];
  if (distinct.length > 0xffff) throw new Error(`${distinct.length} distinct IDF values: more than 16 bits`);
  const valueIndex = new Map(distinct.map((value, index) => [value, index]));
  const header: TableHeader = {
    source,
    count: entries.length,
    distinctValues: distinct.length,
    wordBytes: entries.reduce((sum, entry) => sum + entry.bytes.length, 0),
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const at = sectionOffsets(headerJson.length, header);
  const out = Buffer.alloc(at.end);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerJson.length, 4);
  headerJson.copy(out, 8);
  distinct.forEach((value, index) => {
    out.writeDoubleLE(value, at.values + index * 8);
  });
  let wordOffset = 0;
  entries.forEach(({ bytes, value }, index) => {
    out.writeUInt32LE(wordOffset, at.offsets + index * 4);
    out.writeUInt16LE(valueIndex.get(value) ?? 0, at.valueIndexes + index * 2);
    bytes.copy(out, at.words + wordOffset);
    wordOffset += bytes.length;
  });
  out.writeUInt32LE(wordOffset, at.offsets + entries.length * 4);
  return out;
}

/** Reads a table written by {@link encodeIdfTable}; throws when `buffer` is not one. */
export function decodeIdfTable(buffer: Buffer): IdfLookup & { source: DataFileSource; count: number } {
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error('not a general IDF table');
  }
  const headerBytes = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerBytes)) as TableHeader;
  const at = sectionOffsets(headerBytes, header);
  if (buffer.length !== at.end) throw new Error('the general IDF table is truncated');
  // Typed-array views need aligned offsets; a Buffer from readFileSync may start anywhere in its pool.
  const aligned = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(buffer);
  const { buffer: memory, byteOffset: base } = aligned;
  const values = new Float64Array(memory, base + at.values, header.distinctValues);
  const offsets = new Uint32Array(memory, base + at.offsets, header.count + 1);
  const valueIndexes = new Uint16Array(memory, base + at.valueIndexes, header.count);
  const words = aligned.subarray(at.words, at.end);
  return {
    source: header.source,
    count: header.count,
    lookup(word) {
      const key = Buffer.from(word, 'utf8');
      // A lone surrogate has no UTF-8 form (it would encode as U+FFFD): no table word equals it.
      if (key.toString('utf8') !== word) return undefined;
      let low = 0;
      let high = header.count - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = words.compare(key, 0, key.length, offsets[middle], offsets[middle + 1]);
        if (order === 0) return values[valueIndexes[middle] ?? 0];
        if (order < 0) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
  };
}
