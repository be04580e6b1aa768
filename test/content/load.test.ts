import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';

const speechFile = fileURLToPath(new URL('../../content/speech.md', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'speech-content-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

copyFileSync(speechFile, path.join(dir, 'speech.md'));
writeFileSync(
  path.join(dir, 'another.md'),
  [
    '---',
    'publication: 某报',
    'date: 2020-01-02',
    'page: 第一版',
    '---',
    '',
    '# 另一篇讲话',
    '',
    '开场白。',
    '',
    '## 学习',
    '',
    '第一,要学习。一是读原著。',
    '二是悟原理。',
    '',
    '第二,要实践。',
    '',
  ].join('\n'),
);
writeFileSync(path.join(dir, 'synonyms.txt'), '档案 文档\n');

const documents = loadDocuments(dir);

describe('loadDocuments over a folder with two content files', () => {
  it('loads every .md file, in file-name order, and nothing else', () => {
    expect(documents.map((d) => d.id)).toEqual(['another', 'speech']);
    expect(documents.map((d) => d.file)).toEqual([path.join(dir, 'another.md'), path.join(dir, 'speech.md')]);
  });

  it('parses the second file with ids of its own', () => {
    const another = documents[0];
    expect(another?.title).toBe('另一篇讲话');
    expect(another?.passages.map((p) => p.id)).toEqual([
      'another/intro-p1',
      'another/s1-p1-lead',
      'another/s1-p1-1',
      'another/s1-p1-2',
      'another/s1-p2',
    ]);
    for (const p of another?.passages ?? []) {
      expect(p.docId).toBe('another');
      expect(p.docTitle).toBe('另一篇讲话');
    }
    // Lines of one paragraph are joined without a space, as Chinese text is.
    expect(another?.sections[1]?.paragraphs[0]).toMatchObject({
      text: '第一,要学习。一是读原著。二是悟原理。',
      label: '第一',
      line: 13,
    });
  });

  it('cites the front matter when a file has no source line', () => {
    const another = documents[0];
    expect(another?.source).toBeUndefined();
    for (const p of another?.passages ?? []) expect(p.source).toBe('某报 2020-01-02 第一版');
  });

  it('keeps passage ids unique across documents', () => {
    const ids = documents.flatMap((d) => d.passages.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('speech/s2-p3-4');
    expect(ids).toContain('another/s1-p1-2');
  });

  it('reads speech.md the same from any folder, apart from its path', () => {
    const [fromContent] = loadDocuments(path.dirname(speechFile)).filter((d) => d.id === 'speech');
    const copy = documents[1];
    // The content folder adds the notes and the translation; the parsed speech is the same.
    expect({ ...copy, file: '', notes: null, translations: null }).toEqual({
      ...fromContent,
      file: '',
      notes: null,
      translations: null,
    });
  });

  it('cites the title when a file has neither a source line nor publication facts', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'speech-content-bare-'));
    try {
      writeFileSync(path.join(bare, 'bare.md'), '# 无出处\n\n正文。\n');
      const [document] = loadDocuments(bare);
      expect(document?.passages).toEqual([
        {
          id: 'bare/intro-p1',
          docId: 'bare',
          docTitle: '无出处',
          paragraphId: 'bare/intro-p1',
          sectionIndex: 0,
          heading: '无出处',
          place: { section: 0, paragraph: 1 },
          line: 3,
          kind: 'paragraph',
          text: '正文。',
          paragraphText: '正文。',
          source: '无出处',
        },
      ]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
