import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/errors.ts';
import { formatPlace, loadDocuments } from '../../src/content/index.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { SpeechSearch } from '../../src/search/engine.ts';
import { bigrams, cut, wordBigrams } from '../../src/search/segment.ts';
import { STOPWORDS } from '../../src/search/stopwords.ts';
import { expandQuery, parseSynonyms } from '../../src/search/synonyms.ts';
import { openSpeech } from '../../src/speech.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);

function top(query: string) {
  const result = search.search(query);
  return { result, hit: result.hits[0] };
}

describe('SpeechSearch on the speech', () => {
  it('finds a keyword inside a long paragraph and quotes the sub-point that holds it', () => {
    const { hit } = top('档案安全');
    expect(hit?.passage.id).toBe('speech/s2-p4-4');
    expect(hit && formatPlace(hit.passage)).toBe('第二部分 · 第四段 · 四要');
    expect(hit?.quote.text).toContain('严守档案安全底线不到位');
  });

  it('answers a natural question despite question words that appear nowhere', () => {
    const { hit } = top('主题教育的总要求是什么?');
    expect(hit?.passage.id).toBe('speech/s2-p2');
    expect(hit?.quote.text).toContain('守初心、担使命,找差距、抓落实');
  });

  it('reads Traditional characters as Simplified', () => {
    expect(top('檔案開放').hit?.quote.text).toContain('加大档案开放力度');
  });

  it('matches a paraphrase through the synonym list', () => {
    const { hit } = top('怎么让老百姓查档案更方便');
    expect(hit?.quote.text).toContain('简化查档流程');
  });

  it('ignores emoji and full-width punctuation', () => {
    const plain = top('形式主义').hit?.passage.id;
    expect(top('形式主义？？ 😅').hit?.passage.id).toBe(plain);
  });

  it('says "not found" for a question the speech does not answer, with sections to try', () => {
    // Its focus words (食堂, 饭菜, 价格) are nowhere in the speech or its notes.
    const { result } = top('馆里食堂的饭菜价格怎么调整？');
    expect(result.status).toBe('not_found');
    expect(result.hits).toEqual([]);
    expect(top('今天天气怎么样').result.status).toBe('not_found');
  });

  it('suggests up to three different sections near a query it cannot answer', () => {
    const { result } = top('档案馆什么时候搬迁到新址');
    expect(result.status).toBe('not_found');
    const sections = result.nearby.map((passage) => passage.place.section);
    expect(new Set(sections).size).toBe(sections.length);
    expect(sections.length).toBeLessThanOrEqual(3);
  });

  it('cuts a long passage to its best sentences and marks where it was cut', () => {
    const { hit } = top('囫囵吞枣');
    expect(hit?.passage.text.length).toBeGreaterThan(160);
    expect(hit?.quote.truncated).toBe(true);
    expect(hit?.quote.text.length).toBeLessThanOrEqual(162);
    expect(hit?.quote.text).toContain('有的学习囫囵吞枣');
    expect(hit?.quote.text.startsWith('…') || hit?.quote.text.endsWith('…')).toBe(true);
  });

  it('highlights the matched words inside the quote', () => {
    const hit = top('刮骨疗毒').hit;
    const quote = hit?.quote;
    expect(quote).toBeDefined();
    const marked = (quote?.highlights ?? []).map(([start, end]) => quote?.text.slice(start, end));
    expect(marked.join('')).toContain('刮骨疗毒');
  });

  it('ranks results best first with falling scores', () => {
    const hits = search.search('调查研究', { limit: 5 }).hits;
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
  });

  it('does not answer a when/how-many question with a passage that states no figure', () => {
    expect(top('新馆什么时候建成?').result.status).toBe('not_found');
    expect(top('档案馆一共有多少工作人员').result.status).toBe('not_found');
    // Each names what the speech talks of (整改, 检视问题), but asks for a deadline or a length of time.
    expect(top('整改清单的截止日期是什么').result.status).toBe('not_found');
    expect(top('检视问题要搞几个月').result.status).toBe('not_found');
    expect(top('How long does the rectification stage last?').result.status).toBe('not_found');
    expect(top('整改落实有什么要求').result.status).toBe('found');
    // Set in time, not asking for one: answered.
    expect(top('过去几年省档案馆党建方面存在哪些问题').result.status).toBe('found');
    expect(top('党员干部几年来在作风上有什么问题').result.status).toBe('found');
    expect(top('这篇讲话是哪天发表的?').hit?.quote.text).toContain('2019年7月18日');
  });

  it('answers where the speech was published from the source line', () => {
    expect(top('这篇讲话的出处是哪里?').hit?.passage.kind).toBe('source');
  });
});

describe('the synonym list', () => {
  const synonyms = parseSynonyms('老百姓 = 群众\n百姓 = 人民\n查档 = 利用\n老人 = 老同志', 'synonyms.txt');

  it("expands every expression a query holds, in the list's order, also those sharing a first character", () => {
    expect(expandQuery('老百姓来查档', synonyms).map(({ expression }) => expression)).toEqual([
      '老百姓',
      '百姓',
      '查档',
    ]);
    expect(expandQuery('老人', synonyms).map(({ expression }) => expression)).toEqual(['老人']);
    expect(expandQuery('档案', synonyms)).toEqual([]);
  });

  it('refuses an empty expression, which every query would hold, naming the line', () => {
    expect(() => parseSynonyms('老百姓 = 群众\n查档, = 利用', 'synonyms.txt')).toThrow(ContentError);
    expect(() => parseSynonyms('老百姓 = 群众\n查档, = 利用', 'synonyms.txt')).toThrow(/synonyms\.txt:2/);
  });
});

describe('bigrams made from the words', () => {
  it('are those of the text with its stopwords masked, on every passage of the speech', () => {
    for (const passage of search.passages) {
      const words = cut(passage.text);
      const masked = words.map((word) => (STOPWORDS.has(word.toLowerCase()) ? '|' : word)).join('');
      expect(wordBigrams(words, (word) => STOPWORDS.has(word.toLowerCase()))).toEqual(bigrams(masked));
    }
  });
});

describe('SpeechSearch on bad input', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \t  '],
    ['punctuation only', '?!。,,、;'],
    ['emoji only', '😅🙏👍'],
    ['control characters', '\u0000\u0007\u001b[31m'],
  ])('%s → status "empty", no hits', (_name, query) => {
    const result = search.search(query);
    expect(result.status).toBe('empty');
    expect(result.hits).toEqual([]);
  });

  it('refuses a 100 KB query without searching it', () => {
    const result = search.search('档'.repeat(100_000));
    expect(result.status).toBe('too_long');
    expect(result.hits).toEqual([]);
  });

  it('keeps mrkdwn and special mentions out of the quote', () => {
    const result = search.search('<!channel> *档案安全* _bold_ `code`');
    expect(result.status).toBe('found');
    expect(result.hits[0]?.quote.text).not.toContain('<!channel>');
  });
});

describe('content added later', () => {
  it('searches a second document dropped into the content folder', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'speech-content-'));
    copyFileSync(path.join(DEFAULT_CONTENT_DIR, 'speech.md'), path.join(dir, 'speech.md'));
    writeFileSync(
      path.join(dir, 'notes.md'),
      '# 馆藏数字化工作要点\n\n## 数字化\n\n第一,加快馆藏档案数字化转换,年底前完成民国档案扫描。\n',
    );
    const withNotes = new SpeechSearch(loadDocuments(dir), { synonyms: parseSynonyms('', 'none') });
    const hit = withNotes.search('民国档案扫描').hits[0];
    expect(hit?.passage.docId).toBe('notes');
    expect(hit?.passage.heading).toBe('数字化');
  });

  it('reads the speech as before when an English document sorts before it', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const folder = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'speech-content-'));
      copyFileSync(path.join(DEFAULT_CONTENT_DIR, 'speech.md'), path.join(dir, 'speech.md'));
      return dir;
    };
    const dir = folder();
    writeFileSync(
      path.join(dir, 'annual.md'),
      '---\nlang: en\n---\n\n# Annual Report\n\n## Opening hours\n\nThe reading room opens at nine and study desks can be booked.\n',
    );
    const synonyms = parseSynonyms('老百姓 = 群众\nreserve = book', 'synonyms.txt');
    const mixed = new SpeechSearch(loadDocuments(dir), { synonyms });
    const alone = new SpeechSearch(loadDocuments(folder()), { synonyms });
    // The speech's answers, quotes and highlights are the same with the English file beside it.
    for (const query of ['档案安全', '老百姓查档难不难', '"隔靴搔痒"']) {
      const quote = (engine: SpeechSearch) => engine.search(query).hits[0]?.quote;
      expect(quote(mixed), query).toEqual(quote(alone));
    }
    const highlighted = (quote: { text: string; highlights: [number, number][] } | undefined) =>
      quote?.highlights.map(([start, end]) => quote.text.slice(start, end)) ?? [];
    expect(highlighted(mixed.search('档案安全').hits[0]?.quote)).toContain('档案安全');
    // And an English question about the English document is quoted around its words.
    const english = mixed.search('Can I book a desk in the reading room?').hits[0];
    expect(english?.passage.docId).toBe('annual');
    expect(highlighted(english?.quote)).toEqual(['reading', 'room', 'desks', 'booked']);
    // Each entry of the list serves questions in its own language: "reserve" stands for "book".
    expect(highlighted(mixed.search('Can I reserve a study desk?').hits[0]?.quote)).toContain('booked');
  });
});
