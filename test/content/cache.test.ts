import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { contentCacheFile } from '../../src/content/cache.ts';
import { loadDocuments, type SpeechDocument, storeParsedContent } from '../../src/content/index.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'speech-content-cache-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(contentCacheFile(dir), { force: true });
});
for (const name of ['speech.md', 'speech.en.md', 'speech.notes.yml']) {
  copyFileSync(path.join(DEFAULT_CONTENT_DIR, name), path.join(dir, name));
}

describe('content stored parsed', () => {
  it('loads the same documents as parsing, without parsing', () => {
    const parsed = loadDocuments(dir);
    const file = storeParsedContent(dir);
    expect(file).toBe(contentCacheFile(dir));
    const stored = loadDocuments(dir);
    expect(stored).toEqual(parsed);
    expect(stored[0]?.notes.size).toBeGreaterThan(0);
    expect(stored[0]?.translations).toHaveLength(1);
    // What is loaded is what the file holds: a title changed in the file (same key) shows.
    const held = deserialize(readFileSync(file)) as { key: string; value: SpeechDocument[] };
    const [first, ...rest] = held.value;
    if (!first) throw new Error('nothing stored');
    writeFileSync(file, serialize({ key: held.key, value: [{ ...first, title: '存储的标题' }, ...rest] }));
    expect(loadDocuments(dir)[0]?.title).toBe('存储的标题');
    // The folder spelled relative to the working directory is the same folder.
    expect(loadDocuments(path.relative(process.cwd(), dir))[0]?.title).toBe('存储的标题');
  });

  it('is not used once a content file changes: the change is seen', () => {
    storeParsedContent(dir);
    const notesFile = path.join(dir, 'speech.notes.yml');
    writeFileSync(notesFile, 'intro-p1:\n  summary: { zh: 改过的概括。, en: An edited summary. }\n');
    expect(loadDocuments(dir)[0]?.notes.get('speech/intro-p1')?.summary.zh).toBe('改过的概括。');
    expect(loadDocuments(dir)[0]?.notes.size).toBe(1);
  });

  it('reports broken content with its file and line, stored or not', () => {
    storeParsedContent(dir);
    writeFileSync(path.join(dir, 'speech.notes.yml'), 'no-such-passage:\n  summary: { zh: 无 }\n');
    expect(() => loadDocuments(dir)).toThrow(/speech\.notes\.yml:1: "no-such-passage" is not a passage/);
    expect(() => storeParsedContent(dir)).toThrow(/no-such-passage/);
  });

  it('falls back to parsing when the stored file is unreadable', () => {
    copyFileSync(path.join(DEFAULT_CONTENT_DIR, 'speech.notes.yml'), path.join(dir, 'speech.notes.yml'));
    const parsed = loadDocuments(dir);
    storeParsedContent(dir);
    writeFileSync(contentCacheFile(dir), 'not a serialized value');
    expect(loadDocuments(dir)).toEqual(parsed);
    rmSync(contentCacheFile(dir));
    expect(existsSync(contentCacheFile(dir))).toBe(false);
    expect(loadDocuments(dir)).toEqual(parsed);
  });
});
