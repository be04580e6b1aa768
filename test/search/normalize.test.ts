import path from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import { normalizeQuery, PHRASE_CONVERTED, simplify } from '../../src/search/normalize.ts';

/** OpenCC run on the whole text, as `simplify` did before it skipped Simplified texts. */
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const openCC = (text: string) => fromHongKong(fromTaiwan(text));

describe('simplify', () => {
  it('converts Taiwan and Hong Kong Traditional to Simplified, phrases included', () => {
    expect(simplify('檔案安全')).toBe('档案安全');
    expect(simplify('資訊軟體的檔案')).toBe(openCC('資訊軟體的檔案'));
    // Phrase conversions (反覆 → 反复), with or without a character converted on its own.
    expect(simplify('檔案要反覆查看')).toBe('档案要反复查看');
    expect(simplify('要反覆查看')).toBe('要反复查看');
    expect(simplify('答覆群众')).toBe(openCC('答覆群众'));
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

  it('knows every character OpenCC converts only within a phrase, from OpenCC’s own dictionaries', () => {
    // Every dictionary entry of the two conversions: 'from to|from to' strings or [from, to] pairs.
    const entries: Array<[string, string]> = [];
    const visit = (dictionaries: unknown): void => {
      if (typeof dictionaries === 'string') {
        for (const entry of dictionaries.split('|')) {
          const space = entry.indexOf(' ');
          if (space > 0) entries.push([entry.slice(0, space), entry.slice(space + 1)]);
        }
      } else if (Array.isArray(dictionaries)) {
        const [from, to] = dictionaries;
        if (
          dictionaries.length === 2 &&
          typeof from === 'string' &&
          typeof to === 'string' &&
          !from.includes('|')
        ) {
          entries.push([from, to]);
        } else for (const part of dictionaries) visit(part);
      }
    };
    const configs = (OpenCC.Locale as unknown as { configs: Record<string, Record<string, unknown>> })
      .configs;
    for (const name of ['tw2s', 'hk2s']) for (const chain of Object.values(configs[name] ?? {})) visit(chain);
    expect(entries.length).toBeGreaterThan(10_000);
    const convertsAlone = (char: string) => openCC(char) !== char;
    const phraseOnly = new Set<string>();
    for (const [from] of entries) {
      const chars = [...from];
      if (chars.length < 2 || chars.some(convertsAlone)) continue;
      const to = [...openCC(from)];
      chars.forEach((char, i) => {
        if (to.length !== chars.length || to[i] !== char) phraseOnly.add(char);
      });
    }
    expect([...phraseOnly].sort().join('')).toBe([...PHRASE_CONVERTED].sort().join(''));
  });

  it('gives OpenCC’s own result on texts made of its dictionaries’ phrases and common characters', () => {
    const pieces = [
      '反覆',
      '一坏',
      '沈默',
      '瞭解',
      '藉口',
      '甦醒',
      '哩',
      '档案',
      '檔案',
      '的',
      '工作',
      '乾隆',
      '著作',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      expect(simplify(text)).toBe(openCC(text));
    }
  });

  it('is what normalizeQuery ends with', () => {
    expect(normalizeQuery('檔案安全 😅')).toBe('档案安全');
  });
});

describe('normalizeQuery', () => {
  it('drops zero-width and other invisible format characters instead of splitting words', () => {
    expect(normalizeQuery('档\u200b案\u200c安\u200d全\u00ad\ufeff')).toBe('档案安全');
    // Between Latin words one may be all that parts them.
    expect(normalizeQuery('archives\u200bsecurity')).toBe('archives security');
    // Control characters still separate words.
    expect(normalizeQuery('档案\t安全\n问题')).toBe('档案 安全 问题');
  });
});
