import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPlace, loadDocuments, parseDocument } from '../../src/content/index.ts';
import { dailyUnits } from '../../src/daily/units.ts';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));

describe('dailyUnits on the real content', () => {
  const documents = loadDocuments(CONTENT);
  const units = dailyUnits(documents);
  const passages = documents.flatMap((document) => document.passages);

  it('covers every paragraph exactly once, in reading order', () => {
    const paragraphs = documents.flatMap((document) =>
      document.sections.flatMap((section) => section.paragraphs),
    );
    expect(paragraphs.length).toBeGreaterThan(10);
    // Concatenating the units of a paragraph gives the paragraph back, and paragraphs come in order.
    const rebuilt = new Map<string, string>();
    for (const unit of units)
      rebuilt.set(unit.paragraphId, (rebuilt.get(unit.paragraphId) ?? '') + unit.text);
    expect([...rebuilt.keys()]).toEqual(paragraphs.map((paragraph) => paragraph.id));
    for (const paragraph of paragraphs) expect(rebuilt.get(paragraph.id)).toBe(paragraph.text);
  });

  it('has unique ids taken from the content', () => {
    const ids = units.map((unit) => unit.id);
    expect(new Set(ids).size).toBe(ids.length);
    const contentIds = new Set([...passages.map((p) => p.id), ...passages.map((p) => p.paragraphId)]);
    for (const id of ids) expect(contentIds.has(id)).toBe(true);
    expect(ids[0]).toBe('speech/intro-p1');
  });

  it('splits long paragraphs with points, opening the first part with the lead', () => {
    const parts = units.filter((unit) => unit.paragraphId === 'speech/s2-p3');
    expect(parts.map((unit) => unit.id)).toEqual([
      'speech/s2-p3-1',
      'speech/s2-p3-2',
      'speech/s2-p3-3',
      'speech/s2-p3-4',
      'speech/s2-p3-5',
    ]);
    expect(parts[0]?.text.startsWith('第三,不折不扣完成教育目标。一是理论学习有收获。')).toBe(true);
    expect(parts[0]?.part).toEqual({ index: 1, count: 5 });
    expect(parts[1]?.text.startsWith('二是')).toBe(true);
    expect(parts[1] && formatPlace(parts[1])).toBe('第二部分 · 第三段 · 二是');
    expect(units.filter((unit) => unit.paragraphId === 'speech/s2-p4').map((unit) => unit.id)).toEqual([
      'speech/s2-p4-1',
      'speech/s2-p4-2',
      'speech/s2-p4-3',
      'speech/s2-p4-4',
    ]);
  });

  it('never yields a bare lead', () => {
    const leads = passages.filter((passage) => passage.kind === 'lead');
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(units.some((unit) => unit.text === lead.text)).toBe(false);
      expect(units.some((unit) => unit.id === lead.id)).toBe(false);
    }
  });

  it('leaves out the source line but cites it', () => {
    const source = passages.find((passage) => passage.kind === 'source');
    expect(source).toBeDefined();
    expect(units.some((unit) => unit.id === source?.id || unit.text.includes(source?.text ?? '\0'))).toBe(
      false,
    );
    for (const unit of units) expect(unit.source).toBe(source?.text);
  });

  it('keeps whole paragraphs whole, with the paragraph position', () => {
    const unit = units.find((candidate) => candidate.id === 'speech/s1-p2');
    expect(unit && formatPlace(unit)).toBe('第一部分 · 第二段');
    expect(unit?.part).toBeUndefined();
    expect(unit?.heading).toContain('深刻认识开展主题教育的重大意义');
  });
});

describe('dailyUnits options and new content', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads a short paragraph with points whole unless told otherwise', () => {
    const document = parseDocument('# 标题\n\n目标如下。一是学习。二是实践。\n', 'short.md');
    expect(dailyUnits([document]).map((unit) => [unit.id, unit.text])).toEqual([
      ['short/intro-p1', '目标如下。一是学习。二是实践。'],
    ]);
    expect(dailyUnits([document], { splitLongerThan: 0 }).map((unit) => [unit.id, unit.text])).toEqual([
      ['short/intro-p1-1', '目标如下。一是学习。'],
      ['short/intro-p1-2', '二是实践。'],
    ]);
  });

  it('extends the list when a content file is added, keeping the existing ids', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'units-'));
    copyFileSync(path.join(CONTENT, 'speech.md'), path.join(dir, 'speech.md'));
    const before = dailyUnits(loadDocuments(dir));
    writeFileSync(path.join(dir, 'talk.md'), '# 另一篇\n\n第一段。\n\n## 一节\n\n第二段。\n');
    const after = dailyUnits(loadDocuments(dir));
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((unit) => unit.id)).toEqual(['talk/intro-p1', 'talk/s1-p1']);
  });
});
