/**
 * The binary tables `npm run build` derives from @node-rs/jieba give exactly what jieba's text
 * files give: every IDF value, and every cut and tag of the content and the eval queries
 * (`npm run check:tables` also checks 20,000 random texts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentLines, evalQueries } from '../scripts/lib/sample-texts.ts';
import {
  decodeIdfTable,
  encodeIdfTable,
  GENERAL_IDF_TABLE_FILE,
  generalIdf,
  idfTextSource,
  parseIdfText,
  UNKNOWN_WORD_IDF,
} from '../src/search/general-idf.ts';
import {
  cut,
  cutForSearch,
  decodeJiebaDictionaryTable,
  encodeJiebaDictionaryTable,
  fullDictionaryJieba,
  JIEBA_DICTIONARY_TABLE_FILE,
  jiebaDictionarySource,
  OnDemandJieba,
  searchCut,
  tag,
  words,
} from '../src/search/segment.ts';

describe('the general IDF table', () => {
  it('is built from the installed idf.txt and gives every word the value the text gives it', () => {
    const { file, source } = idfTextSource();
    const reference = parseIdfText(readFileSync(file));
    const table = decodeIdfTable(readFileSync(GENERAL_IDF_TABLE_FILE));
    expect(table.source).toEqual(source);
    expect(table.count).toBe(reference.size);
    const differing = [...reference].filter(([word, value]) => !Object.is(table.lookup(word), value));
    expect(differing).toEqual([]);
    expect(generalIdf('工资')).toBe(reference.get('工资'));
  });

  it('knows no word the text lacks', () => {
    const table = encodeIdfTable(
      new Map([
        ['档案', 5.5],
        ['档案馆', 7.25],
        ['的', 0.9],
        ['\u{20000}字', 13.9],
      ]),
      { version: 'test', bytes: 0 },
    );
    const { lookup } = decodeIdfTable(table);
    expect([lookup('档案'), lookup('档案馆'), lookup('的'), lookup('\u{20000}字')]).toEqual([
      5.5, 7.25, 0.9, 13.9,
    ]);
    for (const absent of ['', '档', '档案馆长', '案', '\ud800', '\uffff', 'constructor']) {
      expect(lookup(absent), absent).toBeUndefined();
    }
    expect(generalIdf('\ud800')).toBe(UNKNOWN_WORD_IDF);
  });

  it('refuses a file that is not a table, or is cut short', () => {
    expect(() => decodeIdfTable(Buffer.from('档案 5.5\n'))).toThrow('not a general IDF table');
    const table = encodeIdfTable(new Map([['档案', 5.5]]), { version: 'test', bytes: 0 });
    expect(() => decodeIdfTable(table.subarray(0, table.length - 1))).toThrow('truncated');
  });
});

describe('segmentation with the dictionary table', () => {
  const full = fullDictionaryJieba();
  const lines = contentLines();
  const queries = evalQueries();
  const texts = [...lines, ...queries, '', ' ', '@@', 'AA制和4S店', '檔案安全\r\n第二,', 'x'.repeat(3)];

  it('is built from the installed dict.txt', () => {
    const table = decodeJiebaDictionaryTable(readFileSync(JIEBA_DICTIONARY_TABLE_FILE));
    expect(table.source).toEqual(jiebaDictionarySource().source);
  });

  it('cuts, cuts for search and tags the content and the eval queries as the whole dictionary does', () => {
    const differing = texts.filter(
      (text) =>
        JSON.stringify([cut(text), tag(text)]) !==
        JSON.stringify([full.cut(text, true), full.tag(text, true)]),
    );
    expect(differing).toEqual([]);
    // words() is jieba's search mode, cleaned: compare the raw search cut through a fresh instance.
    const table = decodeJiebaDictionaryTable(readFileSync(JIEBA_DICTIONARY_TABLE_FILE));
    const onDemand = new OnDemandJieba(table);
    const searchDiffering = texts.filter(
      (text) =>
        JSON.stringify(onDemand.jiebaFor(text).cutForSearch(text, true)) !==
        JSON.stringify(full.cutForSearch(text, true)),
    );
    expect(searchDiffering).toEqual([]);
    // segment.ts makes the search cut from the precise one and the table, without a second cut.
    const derived = (text: string) => searchCut(full.cut(text, true), (word) => table.has(word));
    expect(
      texts.filter((text) => JSON.stringify(derived(text)) !== JSON.stringify(full.cutForSearch(text, true))),
    ).toEqual([]);
    expect(
      texts.filter(
        (text) => JSON.stringify(cutForSearch(text)) !== JSON.stringify(full.cutForSearch(text, true)),
      ),
    ).toEqual([]);
    expect(words('主题教育的总要求')).toEqual(['主题', '教育', '的', '总', '要求']);
  });

  it('gives jieba only the entries a text contains', () => {
    const dictionary = ['档案 100 n', '档案馆 50 n', '安全 80 an', '全 30 a', '馆 10 n', '其他 999 r'].join(
      '\n',
    );
    const table = decodeJiebaDictionaryTable(
      encodeJiebaDictionaryTable(dictionary, { version: 't', bytes: 0 }),
    );
    const found: string[] = [];
    const text = '档案馆安全';
    table.forEachEntryIn(text, (_entry, start, end) => found.push(text.slice(start, end)));
    expect(found.sort()).toEqual(['全', '安全', '档案', '档案馆', '馆'].sort());
    expect(['档案', '档案馆', '全', '其他'].every((word) => table.has(word))).toBe(true);
    expect(['档', '档案馆安', '安', '全安', '', '其'].some((word) => table.has(word))).toBe(false);
    // The search cut: a word's 2-character pieces in the dictionary before it, then its 3-character ones.
    expect(searchCut(['档案馆安全', '的', '档案'], (word) => table.has(word))).toEqual([
      '档案',
      '安全',
      '档案馆',
      '档案馆安全',
      '的',
      '档案',
    ]);
    expect(table.totalFrequency).toBe(100 + 50 + 80 + 30 + 10 + 999);
  });

  it('refuses a dictionary line it could not reproduce exactly', () => {
    const source = { version: 't', bytes: 0 };
    expect(() => encodeJiebaDictionaryTable('档案 100', source)).toThrow('line 1');
    expect(() => encodeJiebaDictionaryTable('档案 0100 n', source)).toThrow('frequency');
    expect(() => encodeJiebaDictionaryTable('档案 1 n\n档案 2 n', source)).toThrow('twice');
    expect(() => encodeJiebaDictionaryTable('a@b 1 n', source)).toThrow('@');
  });
});
