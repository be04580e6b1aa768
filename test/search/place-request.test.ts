import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import { formatPlace } from '../../src/content/place.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { SpeechSearch } from '../../src/search/engine.ts';
import { parsePlaceRequest } from '../../src/search/place-request.ts';
import { findQuoted } from '../../src/search/quoted.ts';
import { openSpeech } from '../../src/speech.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const root = mkdtempSync(path.join(tmpdir(), 'speech-place-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Where the first hit stands, as the reply labels it, or the status when there is none. */
function placeOf(query: string): string {
  const result = search.search(query);
  const [hit] = result.hits;
  if (!hit) return result.status;
  return hit.fact ? `${hit.fact}` : formatPlace(hit.passage);
}

describe('reading a place out of a question', () => {
  it('reads parts, paragraphs, items and point labels in every numeral people type', () => {
    expect(parsePlaceRequest('第二部分第三段讲了什么', false)).toEqual({
      section: 2,
      paragraph: 3,
      rest: '',
      remainder: '讲了什么',
    });
    expect(parsePlaceRequest('第2部分第3段', false)).toMatchObject({ section: 2, paragraph: 3 });
    expect(parsePlaceRequest('第III部分', false)).toMatchObject({ section: 3 });
    expect(parsePlaceRequest('第三部份的第二条', false)).toMatchObject({ section: 3, item: 2 });
    expect(parsePlaceRequest('第零部分', false)).toMatchObject({ section: null });
    expect(parsePlaceRequest('第〇部分', false)).toMatchObject({ section: null });
    expect(parsePlaceRequest('导语讲了什么', false)).toMatchObject({ section: 0, rest: '' });
    expect(parsePlaceRequest('四是什么意思', false)).toMatchObject({ pointLabel: '四是' });
    expect(parsePlaceRequest('the second paragraph of part three', true)).toMatchObject({
      section: 3,
      paragraph: 2,
      rest: '',
    });
    expect(parsePlaceRequest('What’s in Part IV?', true)).toMatchObject({ section: 4, rest: '' });
  });

  it('keeps what else is asked, and leaves alone what names no part', () => {
    expect(parsePlaceRequest('第一部分提到哪些学习问题', false)?.rest).toBe('学习问题');
    expect(parsePlaceRequest('What does part 1 say about study?', true)?.rest).toBe('study');
    // 一要 inside a word is no point's label; 第三段 alone could be in any part.
    expect(parsePlaceRequest('统一要求是什么', false)).toBeUndefined();
    expect(parsePlaceRequest('第三段讲什么', false)).toBeUndefined();
    expect(parsePlaceRequest('Which part is about archives?', true)).toBeUndefined();
  });
});

describe('answering a place', () => {
  it('quotes the paragraph, the numbered paragraph or the point asked for', () => {
    expect(placeOf('第一部分第二段')).toBe('第一部分 · 第二段');
    expect(placeOf('第三部分第一段讲的是什么')).toBe('第三部分 · 第一段');
    // The parts number their paragraphs 第一, 第二 … after an opening one: 第一条 is the one so numbered.
    expect(placeOf('第一部分第一条')).toBe('第一部分 · 第二段');
    expect(placeOf('第二部分第三段第四点')).toBe('第二部分 · 第三段 · 四是');
    expect(placeOf('一要是什么')).toBe('第二部分 · 第四段 · 一要');
    expect(placeOf('导语讲了什么')).toBe('导语');
    expect(placeOf('part 3, paragraph 2')).toBe('第三部分 · 第二段');
  });

  it('counts from the end: 最后, 倒数第二, last; 结尾 and 最后一段 are the speech’s last paragraph', () => {
    expect(placeOf('第二部分最后一段')).toBe('第二部分 · 第四段');
    expect(placeOf('第二部分倒数第二段')).toBe('第二部分 · 第三段');
    expect(placeOf('第三部分最后一条')).toBe('第三部分 · 第三段');
    expect(placeOf('第二部分第三段最后一点')).toBe('第二部分 · 第三段 · 五是');
    expect(placeOf('最后一部分讲什么')).toBe('part');
    expect(placeOf('last paragraph of part 1')).toBe('第一部分 · 第五段');
    for (const query of ['最后一段', '结尾讲了什么', 'the closing remarks']) {
      expect(placeOf(query), query).toBe('第三部分 · 第三段');
    }
    expect(placeOf('第一段讲什么')).toBe('导语');
    // Counted back past the first part: no such part.
    expect(placeOf('倒数第四部分')).toBe('not_found');
  });

  it('reads no place into ordinary words: a stretch of time, the pronoun I, 以…开头, 前言不搭后语', () => {
    expect(parsePlaceRequest('最后一段时间要做什么', false)).toBeUndefined();
    expect(parsePlaceRequest('以第一开头的段落有哪些', false)).toBeUndefined();
    expect(parsePlaceRequest('前言不搭后语', false)).toBeUndefined();
    expect(parsePlaceRequest('结尾工作怎么做', false)).toBeUndefined();
    expect(parsePlaceRequest('Which part I should read about formalism?', true)).toBeUndefined();
    expect(parsePlaceRequest('part iii', true)).toMatchObject({ section: 3 });
  });

  it('answers a paragraph’s question from the paragraph alone, or says it is not there', () => {
    // The place's own words (第三 of 第三段) are not searched: nothing there speaks of football.
    for (const query of ['导语提到足球吗', '第二部分第三段提到足球吗']) {
      expect(search.search(query).status, query).toBe('not_found');
    }
    expect(placeOf('第二部分第四段的一要')).toBe('第二部分 · 第四段 · 一要');
    expect(search.search('第二部分第四段的一是').status).toBe('not_found');
    expect(placeOf('second to last paragraph of part 1')).toBe('第一部分 · 第四段');
    expect(placeOf('第二部分开头讲了什么')).toBe('第二部分 · 第一段');
  });

  it('describes a part asked about in other words: its title, how many paragraphs, a summary', () => {
    for (const query of [
      '第二部分的标题',
      '第二部分一共有几段',
      '第二部分概括一下',
      'What is the third part of the speech mainly about?',
      'how many paragraphs in part 2',
    ]) {
      expect(placeOf(query), query).toBe('part');
    }
  });

  it('is never taken for a quote by Find in speech', () => {
    const [hit] = search.search('第二部分第三段').hits;
    expect(hit?.placed).toBe(true);
    expect(findQuoted(search, '最后一段时间大家辛苦了,周末愉快').kind).toBe('none');
  });

  it('says what there is when the place does not exist', () => {
    const paragraph = search.search('第二部分第五段');
    expect(paragraph.status).toBe('not_found');
    expect(paragraph.known).toBe('第二部分共四段。');
    const point = search.search('第三部分第九条');
    expect(point.known).toBe('第三部分共三条。');
    expect(search.search('part 2, paragraph 9').known).toBe('Part 2 has 4 paragraphs.');
    // A label the paragraph named does not have: that paragraph, and the labels it has instead.
    expect(search.search('第二部分第四段的一是').known).toBe(
      '第二部分第四段没有“一是”这一点,分点是一要、二要、三要、四要。',
    );
    expect(search.search('第二部分第一段的一是').known).toBe('第二部分第一段没有“一是”这一点。');
    expect(search.search('第二部分的六是').known).toBe('第二部分没有“六是”这一点。');
    // A part the speech does not have: not found, with its list of parts.
    for (const query of ['第零部分讲什么', 'part 0', '第五部分第二段']) {
      expect(placeOf(query)).toBe('not_found');
      expect(search.search(query).known).toMatch(/三个部分|3 parts/);
    }
  });

  it('a whole part named alone is described; with a question, the question is answered inside it', () => {
    expect(placeOf('第Ⅲ部分讲什么')).toBe('part');
    expect(placeOf("What's in part 3?")).toBe('part');
    const inside = search.search('第二部分里关于整改的要求');
    expect(inside.hits.every((hit) => hit.passage.place.section === 2)).toBe(true);
    expect(inside.hits.length).toBeGreaterThan(0);
    // A paragraph named with a question: the question only chooses among its points.
    expect(placeOf('第二部分第三段里为民服务那一点')).toBe('第二部分 · 第三段 · 四是');
  });

  it('a whole part that does not say the rest of the question: not found, the part is where to look', () => {
    // 第一 of 第一部分 also opens its paragraph 第一,…: that is no evidence the part speaks of football.
    for (const query of ['第一部分提到足球吗', 'Does part 1 mention football?', '第二部分有没有提到网球']) {
      const result = search.search(query);
      expect(result.status, query).toBe('not_found');
      expect(result.nearby[0]?.place.section, query).toBeGreaterThan(0);
    }
    // What the part does say, in a paragraph or in its heading (为主题教育提供坚强组织保证).
    expect(placeOf('第三部分讲了形式主义吗')).toBe('第三部分 · 第三段');
    expect(search.search('第三部分要为主题教育提供什么保证').hits[0]?.passage.place.section).toBe(3);
  });

  it('in a document whose paragraphs are not numbered, 第二条 is the second paragraph', () => {
    const dir = mkdtempSync(path.join(root, 'plain-'));
    writeFileSync(
      path.join(dir, 'talk.md'),
      '# 读书讲话\n\n开场的话。\n\n## 读书\n\n多读经典。\n\n少看手机。\n\n## 写字\n\n每天练字。\n',
    );
    const plain = new SpeechSearch(loadDocuments(dir));
    const [hit] = plain.search('第一部分第二条').hits;
    expect(hit?.passage.text).toBe('少看手机。');
    expect(plain.search('第一部分第三条').known).toBe('第一部分共两条。');
  });

  it('is part of the document questions: off with them', () => {
    const without = new SpeechSearch(search.documents, {
      features: { notes: true, translations: true, phrases: true, documentQuestions: false },
    });
    expect(without.search('第二部分第五段').known).toBeUndefined();
  });
});
