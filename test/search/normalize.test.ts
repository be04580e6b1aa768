import path from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import { normalizeQuery, simplify } from '../../src/search/normalize.ts';

/** OpenCC run on the whole text, as `simplify` did before it skipped Simplified texts. */
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const openCC = (text: string) => fromHongKong(fromTaiwan(text));

describe('simplify', () => {
  it('converts Taiwan and Hong Kong Traditional to Simplified, phrases included', () => {
    expect(simplify('檔案安全')).toBe('档案安全');
    expect(simplify('資訊軟體的檔案')).toBe(openCC('資訊軟體的檔案'));
    // A phrase conversion (反覆 → 反复) in a text that has a Traditional character.
    expect(simplify('檔案要反覆查看')).toBe('档案要反复查看');
    expect(simplify('這樣做')).toBe('这样做');
  });

  it('leaves Simplified text, Latin text and characters outside the BMP as they are', () => {
    expect(simplify('档案安全')).toBe('档案安全');
    expect(simplify('Who wrote this?')).toBe('Who wrote this?');
    expect(simplify('𠮷野家的档案')).toBe('𠮷野家的档案');
    expect(simplify('𠮷野家的檔案')).toBe('𠮷野家的档案');
  });

  it('gives OpenCC’s own result on every text of the content and its notes', () => {
    const texts = loadDocuments(path.join(import.meta.dirname, '../../content')).flatMap((document) => [
      ...document.passages.map((passage) => passage.text),
      ...[...document.notes.values()].flatMap((notes) => [
        ...Object.values(notes.summary),
        ...Object.values(notes.questions).flat(),
        ...notes.parts.flatMap((part) => Object.values(part.questions).flat()),
      ]),
    ]);
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((text) => simplify(text) !== openCC(text));
    expect(differing).toEqual([]);
  });

  it('is what normalizeQuery ends with', () => {
    expect(normalizeQuery('<@U123> 檔案安全 :smile:')).toBe('档案安全');
  });
});
