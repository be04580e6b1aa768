import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Passage, Section, SpeechDocument } from '../../src/content/index.ts';
import { decodeUtf8, formatPlace, loadDocuments, parseDocument } from '../../src/content/index.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
const speechFile = fileURLToPath(new URL('../../content/speech.md', import.meta.url));
// A copy of the speech as published (one line per title, heading or paragraph), kept in the repo
// so the test runs in any clone.
const publishedFile = fileURLToPath(new URL('../fixtures/speech.txt', import.meta.url));

const speech: SpeechDocument = parseDocument(decodeUtf8(readFileSync(speechFile), speechFile), speechFile);

const HEADINGS = [
  '深刻认识开展主题教育的重大意义,切实把思想行动统一到习近平总书记重要讲话精神上来',
  '准确把握目标任务,把学习教育、调查研究、检视问题、整改落实贯穿主题教育全过程',
  '切实加强组织领导,为主题教育提供坚强组织保证',
];
const SOURCE = '来源:中国档案报(2019年7月18日 总第3400期 第三版)';

function section(index: number): Section {
  const found = speech.sections[index];
  if (!found) throw new Error(`no section ${index}`);
  return found;
}

function passage(id: string): Passage {
  const found = speech.passages.find((p) => p.id === id);
  if (!found) throw new Error(`no passage ${id}`);
  return found;
}

describe('content/speech.md', () => {
  it('has the title, the publication facts and the source line', () => {
    expect(speech.id).toBe('speech');
    expect(speech.file).toBe(speechFile);
    expect(speech.title).toBe('凝心聚力 履职尽责');
    expect(speech.meta).toEqual({
      headline: '黄国雄:推动全省档案事业高质量发展',
      subtitle: '推动全省档案事业高质量发展',
      author: '黄国雄',
      role: '湖北省档案馆馆长',
      publication: '中国档案报',
      date: '2019-07-18',
      issue: '总第3400期',
      page: '第三版',
    });
    expect(speech.source).toBe(SOURCE);
  });

  it('has the introduction and three sections with their headings and paragraph counts', () => {
    expect(speech.sections.map((s) => s.heading)).toEqual([null, ...HEADINGS]);
    expect(speech.sections.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(speech.sections.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(speech.sections.map((s) => s.paragraphs.length)).toEqual([1, 5, 4, 3]);
    expect(section(0).paragraphs[0]?.text).toMatch(/^在全党开展“不忘初心、牢记使命”主题教育,.*以下工作。$/);
  });

  it('labels the paragraphs that open with 第一…第四', () => {
    expect(speech.sections.map((s) => s.paragraphs.map((p) => p.label ?? null))).toEqual([
      [null],
      [null, '第一', '第二', '第三', '第四'],
      ['第一', '第二', '第三', '第四'],
      ['第一', '第二', '第三'],
    ]);
  });

  it('gives every paragraph a stable id, its section, index and source line number', () => {
    const lines = readFileSync(speechFile, 'utf8').split('\n');
    for (const s of speech.sections) {
      s.paragraphs.forEach((p, i) => {
        expect(p.id).toBe(s.index === 0 ? `speech/intro-p${i + 1}` : `speech/s${s.index}-p${i + 1}`);
        expect(p.sectionIndex).toBe(s.index);
        expect(p.index).toBe(i + 1);
        // Each paragraph is one line in the file, so the recorded line holds exactly its text.
        expect(lines[p.line - 1]).toBe(p.text);
      });
    }
    expect(section(2).paragraphs[2]?.line).toBe(41);
  });

  it('has stable passage ids in reading order', () => {
    expect(speech.passages.map((p) => p.id)).toEqual([
      'speech/intro-p1',
      'speech/s1-p1',
      'speech/s1-p2',
      'speech/s1-p3',
      'speech/s1-p4',
      'speech/s1-p5',
      'speech/s2-p1',
      'speech/s2-p2',
      'speech/s2-p3-lead',
      'speech/s2-p3-1',
      'speech/s2-p3-2',
      'speech/s2-p3-3',
      'speech/s2-p3-4',
      'speech/s2-p3-5',
      'speech/s2-p4-lead',
      'speech/s2-p4-1',
      'speech/s2-p4-2',
      'speech/s2-p4-3',
      'speech/s2-p4-4',
      'speech/s3-p1',
      'speech/s3-p2',
      'speech/s3-p3',
      'speech/source',
    ]);
    expect(new Set(speech.passages.map((p) => p.id)).size).toBe(speech.passages.length);
  });

  it('places paragraphs: 导语, 第二部分 · 第三段 …', () => {
    expect(passage('speech/intro-p1')).toMatchObject({
      kind: 'paragraph',
      place: { section: 0, paragraph: 1 },
      heading: '凝心聚力 履职尽责',
    });
    expect(formatPlace(passage('speech/s1-p1'))).toBe('第一部分 · 第一段');
    expect(passage('speech/s1-p5')).toMatchObject({ place: { section: 1, paragraph: 5 }, label: '第四' });
    expect(formatPlace(passage('speech/s1-p5'))).toBe('第一部分 · 第五段');
    expect(passage('speech/s2-p3-lead')).toMatchObject({
      kind: 'lead',
      place: { section: 2, paragraph: 3 },
      label: '第三',
      text: '第三,不折不扣完成教育目标。',
      heading: HEADINGS[1],
    });
    expect(passage('speech/s3-p3')).toMatchObject({ place: { section: 3, paragraph: 3 }, label: '第三' });
  });

  it('splits 一是…五是 into points: speech/s2-p3-4 is 第二部分 · 第三段 · 四是', () => {
    const paragraph = section(2).paragraphs[2];
    expect(passage('speech/s2-p3-4')).toEqual({
      id: 'speech/s2-p3-4',
      docId: 'speech',
      docTitle: '凝心聚力 履职尽责',
      paragraphId: 'speech/s2-p3',
      heading: HEADINGS[1],
      place: { section: 2, paragraph: 3, point: 4 },
      label: '四是',
      kind: 'point',
      text: '四是为民服务解难题。要坚持以人民为中心的发展思想,加大档案开放力度,不断改进查档方式、简化查档流程、提升服务质量,使档案事业发展成果更好惠及人民群众。',
      paragraphText: paragraph?.text,
      line: paragraph?.line,
      source: SOURCE,
    });
    const points = speech.passages.filter((p) => p.paragraphId === 'speech/s2-p3' && p.kind === 'point');
    expect(points.map((p) => p.label)).toEqual(['一是', '二是', '三是', '四是', '五是']);
  });

  it('splits 一要…四要 into points', () => {
    const points = speech.passages.filter((p) => p.paragraphId === 'speech/s2-p4' && p.kind === 'point');
    expect(points.map((p) => p.label)).toEqual(['一要', '二要', '三要', '四要']);
    expect(points.map((p) => formatPlace(p))).toEqual([
      '第二部分 · 第四段 · 一要',
      '第二部分 · 第四段 · 二要',
      '第二部分 · 第四段 · 三要',
      '第二部分 · 第四段 · 四要',
    ]);
    expect(points[0]?.text).toMatch(/^一要扎实推进学习教育。/);
    expect(passage('speech/s2-p4-lead').text).toBe(
      '第四,不折不扣推进工作安排。要坚持把学习教育、调查研究、检视问题、整改落实贯穿始终。',
    );
  });

  it('loses no character when splitting: lead + points is the paragraph', () => {
    for (const s of speech.sections) {
      for (const p of s.paragraphs) {
        const parts = speech.passages.filter((x) => x.paragraphId === p.id);
        expect(parts.map((x) => x.text).join('')).toBe(p.text);
        for (const part of parts) expect(part.paragraphText).toBe(p.text);
      }
    }
  });

  it('ends with the source line as its own passage, and cites it on every passage', () => {
    expect(passage('speech/source')).toMatchObject({
      kind: 'source',
      place: { section: 4, paragraph: 1 },
      text: SOURCE,
      paragraphText: SOURCE,
    });
    for (const p of speech.passages) expect(p.source).toBe(SOURCE);
  });

  it('is what loadDocuments reads from the content folder', () => {
    const loaded = loadDocuments(contentDir).find((d) => d.id === 'speech');
    expect({ ...loaded, notes: null, translations: null }).toEqual({
      ...speech,
      notes: null,
      translations: null,
    });
    expect(loaded?.translations.map((t) => t.lang)).toEqual(['en']);
    expect(loaded?.notes.size).toBe(speech.passages.length);
  });
});

describe('content/speech.md against the published text (test/fixtures/speech.txt)', () => {
  // The published page, one line per block: headline, title, subtitle, the introduction, then each
  // section heading followed by its paragraphs, and the source line.
  const published = readFileSync(publishedFile, 'utf8').split('\n');

  it('ends with the empty attachment label, which is not part of the speech', () => {
    // `相关附件:` ("related attachments:") is the web page's label for an attachment list, left
    // empty on the page; it is page furniture, not text of the speech, so speech.md drops it.
    expect(published.at(-1)).toBe('相关附件:');
    expect(readFileSync(speechFile, 'utf8')).not.toContain('相关附件');
  });

  it('has every other published line verbatim, in order, as a title, heading, paragraph or source', () => {
    const parsed = [
      speech.meta.headline,
      speech.title,
      speech.meta.subtitle,
      ...speech.sections.flatMap((s) => [
        ...(s.heading === null ? [] : [s.heading]),
        ...s.paragraphs.map((p) => p.text),
      ]),
      speech.source,
    ];
    // Character for character: the same punctuation (full-width ,:“”()), spaces and digits.
    expect(parsed).toEqual(published.slice(0, -1));
    expect(parsed).toHaveLength(20);
  });

  it('quotes only published text: every passage is a verbatim piece of one published line', () => {
    for (const p of speech.passages) {
      expect(published.some((line) => line.includes(p.text))).toBe(true);
    }
  });
});
