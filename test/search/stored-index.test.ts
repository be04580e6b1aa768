import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import { DEFAULT_SEARCH, indexedWith, SpeechSearch } from '../../src/search/engine.ts';
import { analysisKey, type TextAnalysis } from '../../src/search/passage-index.ts';
import {
  readStoredAnalyses,
  readStoredIndex,
  storeAnalyses,
  storeIndex,
} from '../../src/search/stored-index.ts';
import { loadSynonyms } from '../../src/search/synonyms.ts';
import { openSpeech } from '../../src/speech.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'speech-analyses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const documents = loadDocuments(path.join(import.meta.dirname, '../../content'));

describe('analyses made beforehand', () => {
  const recorded = new Map<string, TextAnalysis>();
  const fresh = new SpeechSearch(documents, { analyses: recorded });

  it('are every text the index analyzes, and give the same answers', () => {
    expect(recorded.size).toBeGreaterThan(documents[0]?.passages.length ?? 0);
    const reused = new SpeechSearch(documents, { analyses: new Map(recorded) });
    for (const query of [
      '档案安全',
      '领导小组办公室设在哪里',
      'Who wrote this?',
      '學習教育怎麼搞',
      '隔靴挠痒',
    ]) {
      expect(reused.search(query)).toEqual(fresh.search(query));
    }
  });

  it('are used instead of analyzing the text again', () => {
    const [passage] = documents[0]?.passages ?? [];
    if (!passage) throw new Error('no passage');
    const analyses = new Map(recorded);
    const key = analysisKey('zh', 'text', passage.text);
    const own = analyses.get(key);
    expect(own).toBeDefined();
    analyses.set(key, { words: [...(own?.words ?? []), '量子'], grams: own?.grams ?? [] });
    const marked = new SpeechSearch(documents, { analyses });
    expect(marked.search('量子').hits[0]?.passage.id).toBe(passage.id);
    expect(fresh.search('量子').status).toBe('not_found');
  });

  it('are stored and read back under the analyzers\u2019 digest, and ignored otherwise', () => {
    const file = path.join(dir, 'analyses.bin');
    storeAnalyses(recorded, file);
    expect(readStoredAnalyses(file)).toEqual(recorded);
    writeFileSync(file, serialize({ key: 'made by other analyzers', value: recorded }));
    expect(readStoredAnalyses(file).size).toBe(0);
    writeFileSync(file, 'not a serialized value');
    expect(readStoredAnalyses(file).size).toBe(0);
    expect(readStoredAnalyses(path.join(dir, 'missing.bin')).size).toBe(0);
  });

  it('open the speech as before when none are stored for these analyzers', () => {
    // Under the test runner the analyzers are the sources, not the build's: nothing stored applies.
    const contentDir = path.join(import.meta.dirname, '../../content');
    const plain = new SpeechSearch(documents, {
      synonyms: loadSynonyms(path.join(contentDir, 'synonyms.txt')),
    });
    expect(openSpeech(contentDir).search('档案安全')).toEqual(plain.search('档案安全'));
  });
});

describe('the index built beforehand', () => {
  const synonyms = loadSynonyms(path.join(import.meta.dirname, '../../content/synonyms.txt'));
  const built = new SpeechSearch(documents, { synonyms });
  const options = indexedWith(DEFAULT_SEARCH);
  const file = path.join(dir, 'index.bin');
  storeIndex(built.indexData(), documents, options, file);

  it('is read back for the same documents, options and analyzers, and answers as the built one', () => {
    const storedIndex = readStoredIndex(documents, options, file);
    expect(storedIndex).toBeDefined();
    const restored = new SpeechSearch(documents, { synonyms, ...(storedIndex ? { storedIndex } : {}) });
    for (const query of [
      '档案安全',
      '领导小组的组长是谁',
      'Who wrote this?',
      'What does the speech ask branch secretaries to do?',
      '學習教育怎麼搞',
      '“隔靴挠痒”',
      '第二部分讲什么',
    ]) {
      expect(restored.search(query, { limit: 5 })).toEqual(built.search(query, { limit: 5 }));
    }
    // Every part, not only what these queries touch.
    expect(restored.indexData()).toEqual(built.indexData());
    expect(restored.passage(documents[0]?.passages[3]?.id ?? '')).toEqual(
      built.passage(documents[0]?.passages[3]?.id ?? ''),
    );
  });

  it('is used as it is: nothing is indexed again', () => {
    const storedIndex = readStoredIndex(documents, options, file);
    if (!storedIndex) throw new Error('not stored');
    const emptied = new SpeechSearch(documents, { synonyms, storedIndex: { ...storedIndex, fields: [] } });
    expect(built.search('档案安全').status).toBe('found');
    expect(emptied.search('档案安全').status).toBe('not_found');
  });

  it('is not used for other documents or other options, or when unreadable', () => {
    const [document] = documents;
    if (!document) throw new Error('no document');
    const edited = [
      {
        ...document,
        passages: document.passages.map((p, i) => (i === 0 ? { ...p, text: `${p.text}。` } : p)),
      },
    ];
    expect(readStoredIndex(edited, options, file)).toBeUndefined();
    expect(readStoredIndex(documents, { ...options, notes: false }, file)).toBeUndefined();
    expect(readStoredIndex(documents, { ...options, langs: ['zh'] }, file)).toBeUndefined();
    writeFileSync(path.join(dir, 'bad.bin'), 'not a serialized value');
    expect(readStoredIndex(documents, options, path.join(dir, 'bad.bin'))).toBeUndefined();
    expect(readStoredIndex(documents, options, path.join(dir, 'missing.bin'))).toBeUndefined();
  });
});
