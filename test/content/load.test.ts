import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError, loadDocuments, parseDocument } from '../../src/content/index.ts';

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

describe('loadDocuments refuses two copies of one document', () => {
  const speechText = readFileSync(speechFile, 'utf8');
  /** A fresh content folder holding `files` (name → text). */
  function folder(files: Record<string, string>): string {
    const where = mkdtempSync(path.join(dir, 'copies-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(where, name), text);
    return where;
  }
  function contentError(run: () => unknown): ContentError {
    try {
      run();
    } catch (error) {
      if (error instanceof ContentError) return error;
      throw error;
    }
    throw new Error('expected a ContentError, but nothing was thrown');
  }
  const firstParagraphLine = (text: string) =>
    parseDocument(text, 'x.md').sections.flatMap((section) => section.paragraphs)[0]?.line;

  it('speech.md copied to speech-copy.md: names both files and the line in each', () => {
    const copies = folder({ 'speech.md': speechText, 'speech-copy.md': speechText });
    const line = firstParagraphLine(speechText);
    const error = contentError(() => loadDocuments(copies));
    // speech-copy.md sorts first, so speech.md is the later file, where the error points.
    expect(error.file).toBe(path.join(copies, 'speech.md'));
    expect(error.line).toBe(line);
    expect(error.problem).toContain(`the same text as ${path.join(copies, 'speech-copy.md')}:${line}`);
    expect(error.problem).toContain('remove one of the two files');
  });

  it('an edited copy (new title, one paragraph changed) is still a copy', () => {
    const edited = speechText.replace(/^# .*$/m, '# 修订稿').replace('主题教育', '主题学习');
    expect(edited).not.toBe(speechText);
    const copies = folder({ 'a.md': speechText, 'b.md': edited });
    const error = contentError(() => loadDocuments(copies));
    expect(error.file).toBe(path.join(copies, 'b.md'));
    expect(error.problem).toContain(path.join(copies, 'a.md'));
  });

  it('two speeches sharing a stock paragraph are both loaded', () => {
    const shared = '同志们:';
    const both = folder({
      'one.md': `# 第一篇\n\n${shared}\n\n第一篇的正文。\n\n第一篇的结语。\n`,
      'two.md': `# 第二篇\n\n${shared}\n\n第二篇的正文。\n\n第二篇的结语。\n`,
    });
    expect(loadDocuments(both).map((document) => document.id)).toEqual(['one', 'two']);
  });

  it('two file names that differ only in case give one id: refused, naming both', () => {
    const twice = folder({ 'speech.MD': '# 旧稿\n\n旧的正文。\n', 'speech.md': '# 新稿\n\n新的正文。\n' });
    // A case-insensitive file system keeps a single file: nothing to refuse there.
    if (readdirSync(twice).length < 2) return;
    const error = contentError(() => loadDocuments(twice));
    expect(error.file).toBe(path.join(twice, 'speech.md'));
    expect(error.line).toBeUndefined();
    expect(error.problem).toContain(`the same document id "speech" as ${path.join(twice, 'speech.MD')}`);
    expect(error.message).not.toContain(':0');
  });
});
