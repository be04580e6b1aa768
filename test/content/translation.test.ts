import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { idChoices } from '../../src/content/ids.ts';
import { ContentError, loadDocuments } from '../../src/content/index.ts';
import { SpeechSearch } from '../../src/search/engine.ts';

const root = mkdtempSync(path.join(tmpdir(), 'speech-translation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

const ORIGINAL = lines(
  '# 小讲话',
  '',
  '开场白。',
  '',
  '## 学习',
  '',
  '第一,要学习。一是读原著。二是悟原理。',
  '',
  '第二,要实践。',
  '',
  '> 来源:某报',
);

const translation = (...body: string[]): string =>
  lines(
    '---',
    'lang: en',
    'translation-of: talk',
    'status: working translation',
    '---',
    '',
    '# A Short Talk',
    '',
    ...body,
  );

const FULL = [
  '[intro-p1] Opening words.',
  '',
  '## Study',
  '',
  '[s1-p1-lead] First, we must study.',
  '',
  '[s1-p1-1] First, read the originals.',
  '',
  '[s1-p1-2] Second, grasp',
  'the principles.',
  '',
  '[s1-p2] Second, we must practise.',
  '',
  '> [source] Source: a newspaper',
];

let folders = 0;
function folder(files: Record<string, string>): string {
  const dir = path.join(root, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function contentError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('a translation in a language the search does not read', () => {
  it('stops the search from being built, naming the file and its language', () => {
    const dir = folder({
      'talk.md': ORIGINAL,
      'talk.fr.md': translation(...FULL).replace('lang: en', 'lang: fr'),
    });
    // The content layer reads any language; the search, which must read it, refuses.
    const documents = loadDocuments(dir);
    expect(documents[0]?.translations.map(({ lang }) => lang)).toEqual(['fr']);
    const error = contentError(() => new SpeechSearch(documents));
    expect(error.file).toBe(path.join(dir, 'talk.fr.md'));
    expect(error.line).toBe(2);
    expect(error.problem).toBe(
      'its "lang: fr" is not a language the search reads (zh, en); correct the code, or leave the file out',
    );
  });

  it('names the line of the "lang:" that says so in a document, wherever it stands in the front matter', () => {
    const dir = folder({
      'discours.md': lines('---', 'author: 某人', 'lang: fr', '---', '', '# Discours', '', 'Bonjour.'),
    });
    const error = contentError(() => new SpeechSearch(loadDocuments(dir)));
    expect(error.file).toBe(path.join(dir, 'discours.md'));
    expect(error.line).toBe(3);
    expect(error.problem).toContain('"lang: fr" is not a language the search reads');
  });
});

describe('the ids an error offers', () => {
  it('are listed whole when few, and the first 30 then how many more when many', () => {
    expect(idChoices(['intro-p1', 's1-p1'])).toBe('intro-p1, s1-p1');
    const many = Array.from({ length: 35 }, (_, i) => `s1-p${i + 1}`);
    expect(idChoices(many)).toBe(`${many.slice(0, 30).join(', ')} and 5 more`);
  });
});

describe('a translation that forgot "translation-of:"', () => {
  it('stops at the first tagged paragraph instead of loading as a second document', () => {
    const untagged = translation(...FULL).replace('translation-of: talk\nstatus: working translation\n', '');
    const dir = folder({ 'talk.md': ORIGINAL, 'talk.en.md': untagged });
    const error = contentError(() => loadDocuments(dir));
    expect(error.file).toBe(path.join(dir, 'talk.en.md'));
    expect(error.line).toBe(7);
    expect(error.problem).toContain('passage tag ([intro-p1]) as a translation does');
    expect(error.problem).toContain('translation-of:');
  });

  it('leaves alone a document whose paragraph opens with a bracket of its own', () => {
    const dir = folder({ 'notes.md': lines('# 笔记', '', '[1] 见第三页。') });
    expect(loadDocuments(dir)[0]?.passages[0]?.text).toBe('[1] 见第三页。');
  });
});

describe('a translation in the original language', () => {
  it('stops with the line of its "lang:"', () => {
    const dir = folder({
      'talk.md': ORIGINAL,
      'talk.zh.md': translation(...FULL).replace(
        'lang: en\ntranslation-of: talk',
        'translation-of: talk\nlang: zh',
      ),
    });
    const error = contentError(() => loadDocuments(dir));
    expect(error.file).toBe(path.join(dir, 'talk.zh.md'));
    expect(error.line).toBe(3);
    expect(error.problem).toContain('a translation must be in another language than');
  });
});

describe('a translation aligned with its original', () => {
  it('is attached to the original, passage by passage, and is not a document of its own', () => {
    const documents = loadDocuments(folder({ 'talk.md': ORIGINAL, 'talk.en.md': translation(...FULL) }));
    expect(documents.map((document) => document.id)).toEqual(['talk']);
    const [english] = documents[0]?.translations ?? [];
    expect(english).toMatchObject({
      lang: 'en',
      translationOf: 'talk',
      status: 'working translation',
      title: 'A Short Talk',
    });
    expect(english?.headings.get(1)).toBe('Study');
    expect(english?.passages.get('talk/s1-p1-2')).toBe('Second, grasp the principles.');
    expect(english?.passages.get('talk/source')).toBe('Source: a newspaper');
    expect(english?.passages.size).toBe(documents[0]?.passages.length);
  });

  it('stops with the original file and line when a passage has no translation', () => {
    const dir = folder({
      'talk.md': ORIGINAL,
      'talk.en.md': translation(...FULL.filter((line) => !line.startsWith('[s1-p2]'))),
    });
    const error = contentError(() => loadDocuments(dir));
    expect(error.file).toBe(path.join(dir, 'talk.md'));
    expect(error.line).toBe(9);
    expect(error.problem).toMatch(/passage \[s1-p2\] has no translation in .*talk\.en\.md/);
  });

  it('stops where a numbered passage is translated as another number: ids moved by an inserted paragraph', () => {
    const original = lines(
      '# 小讲话',
      '',
      '## 学习',
      '',
      '首先,要明白。',
      '',
      '第一,要学习。',
      '',
      '第二,要实践。',
    );
    const english = translation(
      '## Study',
      '',
      '[s1-p1] First, we must study.',
      '',
      '[s1-p2] Second, we must practise.',
      '',
      '[s1-p3] Added at the end, as the missing-translation error once suggested.',
    );
    const dir = folder({ 'talk.md': original, 'talk.en.md': english });
    const error = contentError(() => loadDocuments(dir));
    expect(error.file).toBe(path.join(dir, 'talk.en.md'));
    expect(error.line).toBe(13);
    expect(error.problem).toMatch(
      /\[s1-p2\] opens with "Second", but that passage of .*talk\.md \(line 7\) is 第一/,
    );
  });

  it('reads an opening word as a number only when it stands alone: "First-hand" is not "First"', () => {
    const original = lines('# 小讲话', '', '## 学习', '', '第三,要调研。');
    const english = translation('## Study', '', '[s1-p1] First-hand research comes third.');
    expect(
      loadDocuments(folder({ 'talk.md': original, 'talk.en.md': english }))[0]?.translations,
    ).toHaveLength(1);
  });

  it('stops at the line of a second translation of one passage', () => {
    const body = [...FULL.slice(0, -1), '[s1-p2] Again.', '', ...FULL.slice(-1)];
    const dir = folder({ 'talk.md': ORIGINAL, 'talk.en.md': translation(...body) });
    const error = contentError(() => loadDocuments(dir));
    expect(error.file).toBe(path.join(dir, 'talk.en.md'));
    expect(error.line).toBe(22);
    expect(error.problem).toMatch(/second translation of passage \[s1-p2\]/);
  });

  it('stops at a paragraph without an id, or with an id the original lacks', () => {
    const untagged = folder({ 'talk.md': ORIGINAL, 'talk.en.md': translation('Opening words.') });
    expect(contentError(() => loadDocuments(untagged)).problem).toMatch(/must start with the id/);
    const unknown = folder({ 'talk.md': ORIGINAL, 'talk.en.md': translation('[s9-p9] Nothing.') });
    const error = contentError(() => loadDocuments(unknown));
    expect(error.line).toBe(9);
    expect(error.problem).toMatch(/"\[s9-p9\]" is not a passage of/);
  });

  it('stops when it names a document that is not there, or repeats a language', () => {
    const orphan = folder({
      'talk.md': ORIGINAL,
      'other.en.md': translation(...FULL).replace('talk', 'speech'),
    });
    expect(contentError(() => loadDocuments(orphan)).problem).toMatch(
      /translation-of: "speech" is not a document here/,
    );
    const twice = folder({
      'talk.md': ORIGINAL,
      'talk.en.md': translation(...FULL),
      'talk.en2.md': translation(...FULL),
    });
    expect(contentError(() => loadDocuments(twice)).problem).toMatch(/a second en translation/);
  });
});

describe('passage notes', () => {
  const NOTES = lines(
    's1-p1-1:',
    '  summary:',
    '    zh: 要读原著。',
    '    en: Read the originals.',
    '  questions:',
    '    zh:',
    '      - 该读什么书?',
    '    en:',
    '      - What should we read?',
  );

  it('are read by passage id; a document without notes has none', () => {
    const [talk] = loadDocuments(folder({ 'talk.md': ORIGINAL, 'talk.notes.yml': NOTES }));
    expect(talk?.notes.get('talk/s1-p1-1')).toEqual({
      summary: { zh: '要读原著。', en: 'Read the originals.' },
      questions: { zh: ['该读什么书?'], en: ['What should we read?'] },
      parts: [],
    });
    const [bare] = loadDocuments(folder({ 'talk.md': ORIGINAL }));
    expect(bare?.notes.size).toBe(0);
  });

  it('may ask about one part of a passage, named by words copied from it', () => {
    const withParts = `${NOTES}s1-p2:\n  parts:\n    - about: 要实践\n      zh: [光学不做行不行?]\n`;
    const [talk] = loadDocuments(folder({ 'talk.md': ORIGINAL, 'talk.notes.yml': withParts }));
    expect(talk?.notes.get('talk/s1-p2')).toEqual({
      summary: {},
      questions: {},
      parts: [{ anchor: '要实践', questions: { zh: ['光学不做行不行?'] } }],
    });
    const misquotedDir = folder({
      'talk.md': ORIGINAL,
      'talk.notes.yml': withParts.replace('要实践', '要实干'),
    });
    const misquoted = contentError(() => loadDocuments(misquotedDir));
    expect(misquoted).toMatchObject({ file: path.join(misquotedDir, 'talk.notes.yml'), line: 12 });
    expect(misquoted.problem).toMatch(/"要实干" is not in the text of passage "s1-p2"/);
    const unanchored = folder({
      'talk.md': ORIGINAL,
      'talk.notes.yml': withParts.replace('about: 要实践', 'en: [Only study?]'),
    });
    expect(contentError(() => loadDocuments(unanchored)).problem).toMatch(/a part needs "about:"/);
  });

  it('stop at the line of an unknown passage or a malformed field', () => {
    const unknownDir = folder({
      'talk.md': ORIGINAL,
      'talk.notes.yml': `${NOTES}s7-p1:\n  summary:\n    zh: 无\n`,
    });
    const unknown = contentError(() => loadDocuments(unknownDir));
    expect(unknown).toMatchObject({ file: path.join(unknownDir, 'talk.notes.yml'), line: 10 });
    expect(unknown.problem).toMatch(/"s7-p1" is not a passage of/);
    // The ids to choose from, as the key is written: without the document's id.
    expect(unknown.problem).toContain('its passages are intro-p1, s1-p1-lead, s1-p1-1');
    const prefixed = folder({
      'talk.md': ORIGINAL,
      'talk.notes.yml': `talk/s1-p2:\n  summary:\n    zh: 实践\n`,
    });
    expect(contentError(() => loadDocuments(prefixed)).problem).toContain('write it without "talk/": s1-p2');
    const notAList = folder({
      'talk.md': ORIGINAL,
      'talk.notes.yml': NOTES.replace('      - 该读什么书?', '      该读什么书?'),
    });
    expect(contentError(() => loadDocuments(notAList)).problem).toMatch(/questions must be a list/);
    const badYaml = folder({ 'talk.md': ORIGINAL, 'talk.notes.yml': 's1-p1-1: [unclosed\n' });
    const yamlError = contentError(() => loadDocuments(badYaml));
    expect(yamlError.problem).toMatch(/^not valid YAML: \S/);
    // The line is the error's own; the YAML library's "at line 1, column 10:" is not repeated.
    expect(yamlError.problem).not.toMatch(/at line \d+|:$/);
  });
});
