import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError, listContentFiles, loadDocuments, parseDocument } from '../../src/content/index.ts';
import { loadSynonyms } from '../../src/search/synonyms.ts';

const root = mkdtempSync(path.join(tmpdir(), 'speech-content-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** Writes one `bad.md` into a fresh content folder, as a user would, and returns both paths. */
function contentFolder(content: string | Uint8Array): { dir: string; file: string } {
  const dir = path.join(root, `case-${++folders}`);
  mkdirSync(dir);
  const file = path.join(dir, 'bad.md');
  writeFileSync(file, content);
  return { dir, file };
}

function thrown(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError, but nothing was thrown');
}

/** `line` is `undefined` for a problem with a whole folder or file, which then has no `:line`. */
function expectContentError(
  run: () => unknown,
  file: string,
  line: number | undefined,
  problem: RegExp,
): ContentError {
  const error = thrown(run);
  expect({ file: error.file, line: error.line }).toEqual({ file, line });
  expect(error.message.startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `)).toBe(true);
  expect(error.problem).toMatch(problem);
  expect(error.name).toBe('ContentError');
  return error;
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

// [case, file content, line to fix, what the message says]
const cases: [string, string, number, RegExp][] = [
  ['an empty file', '', 1, /the file is empty/],
  ['a whitespace-only file', ' \n\t\n   \r\n\n', 1, /the file is empty/],
  [
    'no "# " title (front matter, then only a comment)',
    lines('---', 'author: 黄国雄', '---', '', '<!-- 正文待补 -->'),
    4,
    /no "# " title/,
  ],
  ['no "# " title (paragraphs only)', lines('第一段。', '', '第二段。'), 1, /text before the "# " title/],
  [
    'text before the title',
    lines('---', 'author: 黄国雄', '---', '', '前言。', '', '# 标题', '', '正文。'),
    5,
    /text before the "# " title/,
  ],
  [
    'a second title',
    lines('# 标题', '', '正文。', '', '# 又一个标题', '', '更多。'),
    5,
    /a second "# " title/,
  ],
  ['an empty title', lines('#', '', '正文。'), 1, /title is empty/],
  [
    'a "###" heading',
    lines('# 标题', '', '正文。', '', '## 一节', '', '段落。', '', '### 小节', '', '更多。'),
    9,
    /only "# " \(title\) and "## " \(section\) headings/,
  ],
  ['an empty "## " heading', lines('# 标题', '', '正文。', '', '## ', '', '更多。'), 5, /heading is empty/],
  [
    'a heading longer than the 300 characters shown with every answer',
    lines('# 标题', '', '正文。', '', `## ${'长'.repeat(301)}`, '', '更多。'),
    5,
    /"## " section heading is 301 characters; keep it to 300/,
  ],
  [
    'a source line longer than 300 characters',
    lines('# 标题', '', '正文。', '', `> ${'源'.repeat(400)}`),
    5,
    /"> " source line is 400 characters/,
  ],
  [
    'a title longer than 300 characters',
    lines(`# ${'题'.repeat(301)}`, '', '正文。'),
    1,
    /"# " title is 301/,
  ],
  [
    'a front matter value longer than 300 characters',
    lines('---', `author: ${'名'.repeat(301)}`, '---', '', '# 标题', '', '正文。'),
    2,
    /front matter "author" is 301 characters/,
  ],
  [
    'a section without paragraphs',
    lines('# 标题', '', '导语。', '', '## 第一节', '', '## 第二节', '', '正文。'),
    5,
    /section "第一节" has no paragraphs/,
  ],
  [
    'a last section without paragraphs',
    lines('# 标题', '', '导语。', '', '## 第一节', '', '正文。', '', '## 第二节', ''),
    9,
    /section "第二节" has no paragraphs/,
  ],
  ['a title and no paragraphs', lines('# 标题', '', '<!-- 待补 -->'), 1, /no paragraphs/],
  [
    'front matter not closed',
    lines('---', 'author: 黄国雄', 'date: 2019-07-18', '', '# 标题', '', '正文。'),
    1,
    /no closing "---"/,
  ],
  [
    // The colon in the value makes YAML read a nested mapping on the file's line 4.
    'invalid YAML in front matter',
    lines(
      '---',
      'author: 黄国雄',
      'role: 湖北省档案馆馆长',
      'headline: 黄国雄: 推动',
      '---',
      '# 标题',
      '',
      '正文。',
    ),
    4,
    /^front matter is not valid YAML: \S.*; a value holding ": " needs quotes/,
  ],
  [
    'a duplicate front matter key',
    lines('---', 'author: 黄国雄', 'page: 第三版', 'author: 别人', '---', '# 标题', '', '正文。'),
    4,
    /front matter is not valid YAML: Map keys must be unique/,
  ],
  [
    'an unknown front matter key',
    lines('---', 'author: 黄国雄', 'speaker: 黄国雄', '---', '# 标题', '', '正文。'),
    3,
    /unknown front matter key "speaker"; known keys: lang, headline, subtitle, author, role, publication, date/,
  ],
  [
    'a front matter value that is a list',
    lines('---', 'publication: 中国档案报', 'author: [甲, 乙]', '---', '# 标题', '', '正文。'),
    3,
    /front matter "author" must be a single line of text/,
  ],
  [
    'front matter that is not key: value lines',
    lines('---', '- 黄国雄', '---', '# 标题', '', '正文。'),
    2,
    /must be "key: value" lines/,
  ],
  [
    'a bad date',
    lines('---', 'author: 黄国雄', 'date: 2019年7月18日', 'page: 第三版', '---', '# 标题', '', '正文。'),
    3,
    /front matter "date" must be a date that exists, written like 2019-07-18, not "2019年7月18日"/,
  ],
  [
    'a date that does not exist',
    lines('---', 'author: 黄国雄', 'date: 2019-13-45', '---', '# 标题', '', '正文。'),
    3,
    /front matter "date" must be a date that exists, written like 2019-07-18, not "2019-13-45"/,
  ],
  [
    'text after the source line',
    lines('# 标题', '', '正文。', '', '> 来源:某报', '', '补记。'),
    7,
    /text after the "> " source line/,
  ],
  [
    'a section heading after the source line',
    lines('# 标题', '', '正文。', '', '> 来源:某报', '', '## 后记', '', '补记。'),
    7,
    /text after the "> " source line/,
  ],
  [
    'a second source line',
    lines('# 标题', '', '正文。', '', '> 来源:某报', '> 来源:另一报'),
    6,
    /a second "> " source line/,
  ],
  ['an empty source line', lines('# 标题', '', '正文。', '', '>'), 5, /source line is empty/],
];

describe('a malformed content file fails with a ContentError naming the file and line', () => {
  it.each(cases)('%s', (_name, content, line, problem) => {
    const { dir, file } = contentFolder(content);
    expectContentError(() => loadDocuments(dir), file, line, problem);
    // parseDocument reports the same place for text already in memory.
    expectContentError(() => parseDocument(content, 'memory.md'), 'memory.md', line, problem);
  });

  it('counts lines the same with Windows line endings', () => {
    const content = lines(
      '---',
      'author: 黄国雄',
      'date: 18/07/2019',
      '---',
      '# 标题',
      '',
      '正文。',
    ).replaceAll('\n', '\r\n');
    const { dir, file } = contentFolder(content);
    expectContentError(
      () => loadDocuments(dir),
      file,
      3,
      /"date" must be a date that exists, written like 2019-07-18/,
    );
  });

  it('reports YAML errors with the file line only, not the line inside the front matter', () => {
    const error = thrown(() =>
      parseDocument(
        lines('---', 'author: 黄国雄', 'headline: 黄国雄: 推动', '---', '# 标题', '', '正文。'),
        'x.md',
      ),
    );
    expect(error.line).toBe(3);
    expect(error.message).not.toMatch(/at line \d+/);
  });

  it('non-UTF-8 bytes: GBK-encoded Chinese on line 3 → line 3', () => {
    const utf8 = new TextEncoder();
    // 中文 in GBK (code page 936), as a file saved by an old Chinese-locale editor would hold it.
    const gbk = Uint8Array.of(0xd6, 0xd0, 0xce, 0xc4);
    const bytes = Buffer.concat([utf8.encode('# 标题\n\n正文:'), gbk, utf8.encode('。\n\n更多。\n')]);
    const { dir, file } = contentFolder(bytes);
    expectContentError(() => loadDocuments(dir), file, 3, /not valid UTF-8; save it as UTF-8/);
  });

  it('a UTF-8 byte order mark is fine', () => {
    const { dir } = contentFolder(`\uFEFF${lines('---', 'author: 黄国雄', '---', '# 标题', '', '正文。')}`);
    const [document] = loadDocuments(dir);
    expect(document?.title).toBe('标题');
    expect(document?.meta).toEqual({ author: '黄国雄' });
  });
});

describe('a content folder that cannot be used', () => {
  it('has no .md files', () => {
    const dir = path.join(root, 'no-markdown');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'synonyms.txt'), '档案 文档\n');
    writeFileSync(path.join(dir, 'speech.md.bak'), '# 旧稿\n\n正文。\n');
    const error = expectContentError(() => loadDocuments(dir), dir, undefined, /no \*\.md content files/);
    expect(error.problem).toContain('CONTENT_DIR must name the folder');
  });

  it('does not exist', () => {
    const dir = path.join(root, 'missing');
    const error = expectContentError(() => loadDocuments(dir), dir, undefined, /content folder not found/);
    expect(error.message).toBe(
      `${dir}: content folder not found; CONTENT_DIR must name the folder holding the *.md files`,
    );
  });

  it('names the setting that chose the folder, e.g. --content', () => {
    const dir = path.join(root, 'missing');
    const error = expectContentError(() => loadDocuments(dir, '--content'), dir, undefined, /not found/);
    expect(error.problem).toContain('--content must name the folder');
    expect(error.problem).not.toContain('CONTENT_DIR');
    expect(() => listContentFiles(dir, '--content')).toThrow(`${dir}: content folder not found; --content`);
    // A relative path is looked for from where the process runs (npm: the project folder): said so.
    const relative = path.join('no-such-folder', 'content');
    expect(() => listContentFiles(relative, '--content')).toThrow(
      `content folder not found (looked for at ${path.resolve(relative)}); --content`,
    );
  });

  it('is a file', () => {
    const { file } = contentFolder('# 标题\n\n正文。\n');
    expectContentError(() => loadDocuments(file), file, undefined, /this is a file, not the content folder/);
  });

  it('holds an editor lock file, a folder named x.md or a link to nothing', () => {
    const dir = path.join(root, 'strays');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'talk.md'), '# 标题\n\n正文。\n');
    // An editor's hidden files are not content, whatever they are.
    symlinkSync('user@host.1234', path.join(dir, '.#talk.md'));
    writeFileSync(path.join(dir, '.talk.md.swp.md'), 'not markdown');
    expect(loadDocuments(dir).map((document) => document.id)).toEqual(['talk']);

    const folder = path.join(dir, 'drafts.md');
    mkdirSync(folder);
    expectContentError(() => loadDocuments(dir), folder, undefined, /not a file \(a folder\?\)/);
    rmSync(folder, { recursive: true });

    const link = path.join(dir, 'old.md');
    symlinkSync(path.join(dir, 'gone.md'), link);
    expectContentError(() => loadDocuments(dir), link, undefined, /a link to a file that does not exist/);
  });

  it('holds a notes file or a synonym list that is a folder, or a synonym list not in UTF-8', () => {
    const dir = path.join(root, 'side-files');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'talk.md'), '# 标题\n\n正文。\n');
    const notes = path.join(dir, 'talk.notes.yml');
    mkdirSync(notes);
    expectContentError(
      () => loadDocuments(dir),
      notes,
      undefined,
      /not a file \(a folder\?\); notes files are/,
    );
    rmSync(notes, { recursive: true });

    const synonyms = path.join(dir, 'synonyms.txt');
    // A missing list is no list; one that is there must be read, or the slip would go unseen.
    expect(loadSynonyms(synonyms).size).toBe(0);
    mkdirSync(synonyms);
    expectContentError(() => loadSynonyms(synonyms), synonyms, undefined, /a folder, not a file/);
    rmSync(synonyms, { recursive: true });
    writeFileSync(synonyms, Buffer.concat([Buffer.from('老百姓 = 群众\n'), Buffer.from([0xb5, 0xb5, 0x0a])]));
    expectContentError(() => loadSynonyms(synonyms), synonyms, 2, /not valid UTF-8/);
  });

  it.each([
    ['speech.notes.yml', /no document here is speech\.md; documents: talk/],
    ['talk.note.yml', /notes files are named <document>\.notes\.yml/],
  ])('holds notes that no document takes: %s', (name, problem) => {
    const dir = mkdtempSync(path.join(root, 'stray-notes-'));
    writeFileSync(path.join(dir, 'talk.md'), '# 标题\n\n正文。\n');
    const notes = path.join(dir, name);
    writeFileSync(notes, 'intro-p1:\n  summary: { zh: 正文 }\n');
    expectContentError(() => loadDocuments(dir), notes, undefined, problem);
  });

  it('holds only a translation', () => {
    const dir = path.join(root, 'translation-only');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'speech.en.md'), '---\ntranslation-of: speech\nlang: en\n---\n# Title\n');
    expectContentError(() => loadDocuments(dir), dir, undefined, /only translations/);
  });
});

describe('a content error with no line', () => {
  it('has no ":0" or ":undefined" in its message', () => {
    const error = new ContentError('/some/folder', undefined, 'content folder not found');
    expect(error.message).toBe('/some/folder: content folder not found');
    expect(new ContentError('a.md', 3, 'bad').message).toBe('a.md:3: bad');
  });
});
