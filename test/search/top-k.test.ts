import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../bench/lib/prng.ts';
import { parseDocument } from '../../src/content/parse.ts';
import { splitSentences } from '../../src/content/sentences.ts';
import type { SpeechDocument } from '../../src/content/types.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { chineseAnalyzer } from '../../src/search/chinese.ts';
import { DEFAULT_SEARCH, SpeechSearch } from '../../src/search/engine.ts';
import { englishAnalyzer } from '../../src/search/english.ts';
import { normalizeQuery } from '../../src/search/normalize.ts';
import { PassageIndex } from '../../src/search/passage-index.ts';
import { PostingsBuilder } from '../../src/search/postings.ts';
import { analyzeQuery } from '../../src/search/query.ts';
import { closestNoteQuestions, DEFAULT_RANKING, weighQuery } from '../../src/search/rank.ts';
import { loadSynonyms } from '../../src/search/synonyms.ts';
import { rankPassages } from '../../src/search/top-k.ts';
import { openSpeech, SYNONYMS_FILE } from '../../src/speech.ts';

const speech = openSpeech(DEFAULT_CONTENT_DIR);
const synonyms = loadSynonyms(path.join(DEFAULT_CONTENT_DIR, SYNONYMS_FILE));

/** A seeded generator, so the corpus and the queries are the same on every run. */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/**
 * Documents recombined from the speech's sentences: many passages share its words, in other
 * mixes, so most of them touch any query and pruning has something to skip.
 */
function recombinedCorpus(count: number, seed: number): SpeechDocument[] {
  const random = seeded(seed);
  const sentences = speech.passages.flatMap((passage) => splitSentences(passage.text));
  const pick = () => sentences[Math.floor(random() * sentences.length)] ?? '';
  return Array.from({ length: count }, (_, i) => {
    const paragraphs = (n: number) =>
      Array.from({ length: n }, () => Array.from({ length: 2 + Math.floor(random() * 4) }, pick).join(''));
    const markdown = [
      '---',
      `author: 作者${i}`,
      'publication: 合成档案报',
      '---',
      '',
      `# 合成讲话${i}`,
      '',
      ...paragraphs(2).flatMap((text) => [text, '']),
      '## 第一部分',
      '',
      ...paragraphs(3).flatMap((text) => [text, '']),
    ].join('\n');
    return parseDocument(markdown, `synthetic/doc-${i}.md`);
  });
}

describe('postings', () => {
  it('keep each passage once per term, with its count, in ascending order', () => {
    const builder = new PostingsBuilder();
    builder.add(0, ['档案', '安全', '档案']);
    builder.add(2, ['安全']);
    builder.add(3, ['档案', '工作', '档案', '档案']);
    const { postings, lengths } = builder.build(5);
    expect([...lengths]).toEqual([3, 0, 1, 4, 0]);
    expect(postings.df('档案')).toBe(2);
    expect(postings.count('档案', 0)).toBe(2);
    expect(postings.count('档案', 3)).toBe(3);
    expect(postings.count('档案', 2)).toBe(0);
    expect(postings.count('不在', 0)).toBe(0);
    const slot = postings.slot('档案');
    expect([...postings.passages.subarray(postings.start(slot), postings.end(slot))]).toEqual([0, 3]);
    // What bounds the term's score: its highest count, and the shortest field holding it.
    expect(postings.maxCount(slot)).toBe(3);
    expect(postings.minLength(slot)).toBe(3);
    expect(postings.slot('不在')).toBe(-1);
  });

  it('refuse passages out of order, a corpus too small for them, and terms after the freeze', () => {
    const builder = new PostingsBuilder();
    builder.add(3, ['档案']);
    expect(() => builder.add(1, ['安全'])).toThrow(/passage 1 added after 3/);
    expect(() => builder.build(3)).toThrow(/cannot hold passage 3/);
    builder.build(4);
    expect(() => builder.add(4, ['安全'])).toThrow(/after build/);
  });

  it("match lists counted the plain way, past the builder's first capacities", () => {
    const rng = new Rng(7);
    const builder = new PostingsBuilder();
    const expected = new Map<string, Map<number, number>>();
    // ≈ 2,500 terms and ≈ 5,000 entries: more than the 1,024 slots and 4,096 entries it starts with.
    for (let passage = 0; passage < 400; passage += rng.int(1, 2)) {
      // Each term twice, apart: the second must count up the entry the first made, also when
      // the arrays grew in between.
      const picked = Array.from({ length: 20 }, () => `t${rng.int(0, 2999)}`);
      const terms = [...picked, ...picked];
      builder.add(passage, terms);
      for (const term of terms) {
        const counts = expected.get(term) ?? new Map<number, number>();
        counts.set(passage, (counts.get(passage) ?? 0) + 1);
        expected.set(term, counts);
      }
    }
    const { postings } = builder.build(400);
    expect(expected.size).toBeGreaterThan(2000);
    expect([...postings.terms()].sort()).toEqual([...expected.keys()].sort());
    for (const [term, counts] of expected) {
      const slot = postings.slot(term);
      const listed = [...postings.passages.subarray(postings.start(slot), postings.end(slot))];
      expect(listed).toEqual([...counts.keys()]);
      for (const [passage, count] of counts) expect(postings.count(term, passage)).toBe(count);
      expect(postings.maxCount(slot)).toBe(Math.max(...counts.values()));
    }
  });
});

describe('exact ranking with pruning (MaxScore)', () => {
  const documents = recombinedCorpus(60, 20190718);
  const pruned = new SpeechSearch(documents, { synonyms: synonyms });
  const everything = new SpeechSearch(documents, { synonyms: synonyms, pruning: false });
  const random = seeded(7);
  const words = [
    ...new Set(speech.passages.flatMap((passage) => passage.text.match(/\p{Script=Han}{2,4}/gu) ?? [])),
  ];
  const word = () => words[Math.floor(random() * words.length)] ?? '档案';
  const queries = [
    ...Array.from({ length: 60 }, () => `${word()} ${word()}`),
    ...Array.from({ length: 40 }, () => `${word()}有什么要求?`),
    ...Array.from({ length: 20 }, () => `讲话怎么说${word()}${word()}`),
    // Mostly words the corpus never uses: few passages or none clear the confidence bar.
    ...Array.from({ length: 20 }, () => `${word()}和足球联赛门票价格优惠`),
    '档案馆的年假天数是多少',
    '主题教育的总要求是什么',
    '“守初心、担使命”',
  ];

  it('gives the same answers, scores and confidences as scoring every passage', () => {
    for (const query of queries) {
      for (const limit of [1, 3, 5]) {
        const fast = pruned.search(query, { limit });
        const full = everything.search(query, { limit });
        const view = (result: typeof fast) => ({
          status: result.status,
          hits: result.hits.map((hit) => [hit.passage.id, hit.score, hit.confidence]),
          nearby: result.nearby.map((passage) => passage.id),
        });
        expect(view(fast), `${query} (limit ${limit})`).toEqual(view(full));
      }
    }
  });

  it('skips passages: common words only update passages already in the running', () => {
    const index = new PassageIndex(documents, [chineseAnalyzer, englishAnalyzer]);
    let skipped = 0;
    let fewer = 0;
    let fewerSkipped = 0;
    for (const query of queries) {
      const analyzed = analyzeQuery(normalizeQuery(query), chineseAnalyzer, synonyms);
      const weighed = weighQuery(analyzed, index);
      const request = {
        weighed,
        index,
        options: DEFAULT_RANKING,
        notes: closestNoteQuestions(weighed, index),
        boosts: [],
        eligible: (_: number, confidence: number) => confidence >= 0.15,
        minConfidence: 0.15,
        limit: 3,
        closest: 10,
      };
      const fast = rankPassages({ ...request, prune: true });
      const full = rankPassages({ ...request, prune: false });
      expect(fast.answers).toEqual(full.answers);
      expect(fast.closest).toEqual(full.closest);
      if (fast.scored < full.scored) skipped++;
      if (fast.answers.length < request.limit) {
        fewer++;
        if (fast.scored < full.scored) fewerSkipped++;
      }
    }
    // Most queries share a common word (档案, 工作) with most passages: pruning must pay off.
    expect(skipped).toBeGreaterThan(queries.length / 2);
    // Fewer answers than asked for: pruning still pays off when what it skipped is proved unable
    // to be an answer (its confidence bound), or the closest passages are found by MaxScore too.
    expect(fewer).toBeGreaterThan(5);
    expect(fewerSkipped).toBeGreaterThan(fewer / 4);
  });

  it('counts a word held only where it earns no credit (notesCredit 0) the same way in every pass', () => {
    // A word found only in notes that earn nothing still counts as met for the confidence's
    // denominator, and keeps its heading credit off, whether confidence is looked up passage by
    // passage or gathered for all: the answer must not depend on how many lookups came first.
    const corpus = Array.from({ length: 60 }, (_, i) => {
      const text = `档案工作要认真负责,${i === 59 ? 'zebra' : `第${i}`}项任务要落实到位。`;
      const document = parseDocument(`# 讲话${i}\n\n${text}\n`, `synthetic/credit-${i}.md`);
      const [passage] = document.passages;
      if (i !== 59 || !passage) return document;
      const note = { summary: { zh: '有人混日子' }, questions: { zh: ['有人混日子怎么办?'] }, parts: [] };
      return { ...document, notes: new Map([[passage.id, note]]) };
    });
    const options = {
      synonyms: new Map([['摸鱼', ['混日子']]]),
      ranking: { ...DEFAULT_RANKING, notesCredit: 0 },
    };
    const fast = new SpeechSearch(corpus, options);
    const full = new SpeechSearch(corpus, { ...options, pruning: false });
    for (const query of ['摸鱼 zebra', '摸鱼 zebra 档案工作']) {
      const view = (search: SpeechSearch) =>
        search.search(query).hits.map((hit) => [hit.passage.docId, hit.confidence]);
      expect(view(fast), query).toEqual([['credit-59', expect.closeTo(0.25, 2)]]);
      expect(view(fast), query).toEqual(view(full));
    }
  });

  it('finds a half-remembered phrase of one passage among many that share its words', () => {
    // Every word here is common in the corpus; only this passage has them in this order.
    const phrase = '坚持问题导向扎实推进整改落实';
    const unique = parseDocument(
      ['# 特藏', '', `${speech.passages[5]?.text ?? ''}${phrase},${speech.passages[9]?.text ?? ''}`, ''].join(
        '\n',
      ),
      'synthetic/unique.md',
    );
    const corpus = [...documents, unique];
    const withRecall = new SpeechSearch(corpus, { synonyms });
    const without = new SpeechSearch(corpus, {
      synonyms,
      features: { ...DEFAULT_SEARCH.features, phrases: false },
    });
    // One character wrong (近 for 进) in a 14-character run.
    const remembered = '坚持问题导向扎实推近整改落实';
    expect(withRecall.search(remembered).hits[0]?.passage.docId).toBe(unique.id);
    expect(without.search(remembered).hits[0]?.passage.docId).not.toBe(unique.id);
  });
});
