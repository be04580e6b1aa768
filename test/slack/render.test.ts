/**
 * Block Kit rendering against Slack's limits: for every passage of the real speech, and for a
 * synthetic document far larger than any real one (a 10,000-character paragraph, 80 sections,
 * a 200-character title, a section of 120 paragraphs, text full of `&<>`).
 *
 * Lengths are counted in code points, as `truncate` counts and as Slack documents "characters".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphNeighbors } from '../../src/content/neighbors.ts';
import { tableOfContents } from '../../src/content/toc.ts';
import type { Passage } from '../../src/content/types.ts';
import { buildExcerpt } from '../../src/daily/excerpt.ts';
import { dailyUnits } from '../../src/daily/units.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import type { SpeechSearch } from '../../src/search/engine.ts';
import { makeQuote } from '../../src/search/snippet.ts';
import type { SearchResult } from '../../src/search/types.ts';
import {
  ACTIONS,
  type AnswerOptions,
  decodeRef,
  encodeRef,
  quoteElements,
  renderResult,
} from '../../src/slack/render/answer.ts';
import type { Block, SlackMessage } from '../../src/slack/render/blocks.ts';
import { renderDailyExcerpt, renderNeighborhood } from '../../src/slack/render/daily.ts';
import { renderHelp } from '../../src/slack/render/help.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import { escapeMrkdwn, escapeTruncated, LIMITS, truncate } from '../../src/slack/render/text.ts';
import { openSpeech } from '../../src/speech.ts';

const chars = (text: string): number => [...text].length;

/** Slack's limits for one surface (a message, or the Home tab). */
interface Surface {
  maxBlocks: number;
}
const MESSAGE: Surface = { maxBlocks: LIMITS.blocks };
const HOME: Surface = { maxBlocks: 100 };

/** Every way the blocks break Slack's limits (empty when they do not). */
function blockProblems(blocks: readonly Block[], surface: Surface): string[] {
  const problems: string[] = [];
  if (blocks.length > surface.maxBlocks) problems.push(`${blocks.length} blocks > ${surface.maxBlocks}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, at) => {
    const where = `block ${at} (${block.type})`;
    if ('block_id' in block && block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
      if (chars(block.block_id) > 255) problems.push(`${where}: block_id too long`);
    }
    switch (block.type) {
      case 'header':
        if (block.text.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
        if (chars(block.text.text) > LIMITS.headerText)
          problems.push(`${where}: ${chars(block.text.text)} chars`);
        if (!block.text.text.trim()) problems.push(`${where}: empty`);
        break;
      case 'section':
        if (chars(block.text.text) > LIMITS.sectionText)
          problems.push(`${where}: ${chars(block.text.text)} chars`);
        if (!block.text.text.trim()) problems.push(`${where}: empty text`);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > 10) {
          problems.push(`${where}: ${block.elements.length} elements`);
        }
        for (const element of block.elements) {
          if (chars(element.text) > LIMITS.contextElementText)
            problems.push(`${where}: ${chars(element.text)} chars`);
          if (!element.text) problems.push(`${where}: empty element`);
        }
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > 25) {
          problems.push(`${where}: ${block.elements.length} elements`);
        }
        for (const button of block.elements) {
          if (chars(button.text.text) > 75) problems.push(`${where}: button text "${button.text.text}" > 75`);
          if (button.value.length > LIMITS.buttonValue)
            problems.push(`${where}: value ${button.value.length} chars`);
          if (actionIds.has(button.action_id))
            problems.push(`${where}: duplicate action_id ${button.action_id}`);
          actionIds.add(button.action_id);
        }
        break;
      case 'rich_text':
        for (const element of block.elements) {
          if (element.elements.length === 0) problems.push(`${where}: empty ${element.type}`);
          for (const run of element.elements) if (!run.text) problems.push(`${where}: empty text run`);
        }
        break;
      case 'divider':
        break;
    }
  });
  return problems;
}

function messageProblems(message: SlackMessage, surface: Surface = MESSAGE): string[] {
  const problems = blockProblems(message.blocks, surface);
  if (!message.text.trim()) problems.push('empty text fallback');
  if (chars(message.text) > LIMITS.fallbackText) problems.push(`text fallback ${chars(message.text)} chars`);
  return problems;
}

/** A "found" result whose hits are these passages, quoted as the search would quote them. */
function foundResult(query: string, passages: readonly Passage[], terms: readonly string[]): SearchResult {
  const weighted = terms.map((term) => ({ term, weight: 1 }));
  return {
    query,
    normalizedQuery: query,
    lang: 'zh',
    status: 'found',
    nearby: [],
    hits: passages.map((passage) => ({
      passage,
      score: 1,
      confidence: 1,
      quote: makeQuote(passage.text, weighted),
      translations: new Map(),
      matchedTerms: [...terms],
    })),
  };
}

/** Every rendering of a hit: asker and channel, restated query, full paragraph, shared, result 2. */
const VARIANTS: AnswerOptions[] = [
  { audience: 'asker', showQuery: true },
  { audience: 'asker', showQuery: true, full: true },
  { audience: 'asker', showQuery: true, index: 1 },
  { audience: 'channel' },
  { audience: 'channel', full: true },
  { audience: 'channel', sharedBy: 'U123ABC' },
  { audience: 'channel', index: 1, full: true, sharedBy: 'U123ABC' },
];

/** Renders every passage of `search` every way, plus real searches for each passage's opening. */
function renderEveryPassage(
  search: SpeechSearch,
  query: string,
): Array<{ what: string; message: SlackMessage }> {
  const toc = tableOfContents(search.documents);
  const out: Array<{ what: string; message: SlackMessage }> = [];
  const passages = search.passages;
  passages.forEach((passage, at) => {
    const terms = [passage.text.slice(0, 2), passage.text.slice(-3, -1), '档案'].filter((t) => t.length > 0);
    const next = passages[(at + 1) % passages.length] ?? passage;
    const result = foundResult(query, [passage, next], terms);
    for (const options of VARIANTS) {
      out.push({
        what: `${passage.id} ${JSON.stringify(options)}`,
        message: renderResult(result, toc, options),
      });
    }
    const real = search.search(passage.text.slice(0, 12), { limit: 2 });
    out.push({
      what: `search "${passage.text.slice(0, 12)}"`,
      message: renderResult(real, toc, { audience: 'asker', showQuery: true }),
    });
  });
  return out;
}

describe('the speech', () => {
  const search = openSpeech(DEFAULT_CONTENT_DIR);
  const toc = tableOfContents(search.documents);

  it('renders every passage, every way, within Slack limits', () => {
    const rendered = renderEveryPassage(search, '档案安全');
    expect(rendered.length).toBeGreaterThan(search.passages.length * VARIANTS.length);
    const problems = rendered.flatMap(({ what, message }) =>
      messageProblems(message).map((p) => `${what}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('renders help, Home, not found, too long and empty within limits', () => {
    expect(messageProblems(renderHelp('/speech', search.documents, toc))).toEqual([]);
    const home = renderHome('/speech', search.documents, toc);
    expect(home.type).toBe('home');
    expect(blockProblems(home.blocks, HOME)).toEqual([]);
    for (const query of ['今天天气怎么样', 'x'.repeat(600), '😀', '']) {
      const result = search.search(query);
      expect(messageProblems(renderResult(result, toc, { audience: 'asker', showQuery: true }))).toEqual([]);
    }
  });

  it('renders the table of contents whole in help (3 parts, every lead)', () => {
    const help = renderHelp('/speech', search.documents, toc);
    const text = help.blocks.map((block) => (block.type === 'section' ? block.text.text : '')).join('\n');
    for (const section of toc) {
      expect(text).toContain(section.heading);
      for (const lead of section.leads) expect(text).toContain(lead);
    }
  });
});

describe('a synthetic huge document', () => {
  let dir: string;
  let search: SpeechSearch;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'speech-render-'));
    const hostile = '请注意 <!channel> & <@U1> 以及 a<b>c 的写法';
    const sentence = (n: number) => `第${n}句讲档案安全与${hostile},务必落实到位。`;
    const longParagraph = Array.from({ length: 400 }, (_, n) => sentence(n))
      .join('')
      .slice(0, 10_000);
    const sections = Array.from({ length: 80 }, (_, s) => {
      const heading = `## 第${s + 1}节标题${'很长的标题'.repeat(20)}${hostile}`;
      const count = s === 1 ? 120 : 2;
      const paragraphs = Array.from(
        { length: count },
        (_, p) => `第一,这是第${s + 1}节第${p + 1}段的要点,讲${hostile}。一是学习;二是调研;三是整改。`,
      );
      if (s === 0) paragraphs.push(longParagraph);
      return [heading, '', paragraphs.join('\n\n')].join('\n');
    });
    const text = [
      '---',
      'author: 某某',
      'role: 馆长',
      'publication: 测试报',
      'date: 2024-01-02',
      '---',
      '',
      `# ${'标题'.repeat(100)}`,
      '',
      `导语段落,讲${hostile}。`,
      '',
      sections.join('\n\n'),
      '',
      `> 来源:测试报 ${'&'.repeat(50)}`,
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'huge.md'), text);
    search = openSpeech(dir);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is as big as intended', () => {
    expect(search.documents[0]?.sections.length).toBe(81);
    expect(
      Math.max(...search.passages.map((passage) => passage.paragraphText.length)),
    ).toBeGreaterThanOrEqual(9_000);
  });

  it('renders every passage, every way, within Slack limits', () => {
    const problems = renderEveryPassage(search, '档案安全 <!channel>').flatMap(({ what, message }) =>
      messageProblems(message).map((p) => `${what}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('keeps help within 50 blocks however many sections there are', () => {
    const toc = tableOfContents(search.documents);
    expect(toc).toHaveLength(80);
    const help = renderHelp('/speech', search.documents, toc);
    expect(messageProblems(help)).toEqual([]);
    expect(help.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    // Packed, not dropped: the last part still has its place (as far as the per-block cut allows).
    const shown = JSON.stringify(help.blocks);
    expect(shown).toContain(toc[0]?.label ?? '?');
    expect(shown).toMatch(/第[一二三四五六七八九十]+部分/);
  });

  it('keeps the Home tab within 100 blocks, with a header of at most 150 characters', () => {
    const toc = tableOfContents(search.documents);
    const extra: Block[] = Array.from({ length: 30 }, () => ({
      type: 'section' as const,
      text: { type: 'mrkdwn' as const, text: 'extra' },
    }));
    for (const home of [
      renderHome('/speech', search.documents, toc),
      renderHome('/speech', search.documents, toc, extra),
    ]) {
      expect(blockProblems(home.blocks, HOME)).toEqual([]);
      expect(home.blocks[0]?.type).toBe('header');
    }
  });

  it('renders not found with suggestions from long headings within limits', () => {
    const toc = tableOfContents(search.documents);
    const notFound: SearchResult = {
      query: `今天天气怎么样 ${'<!here>'.repeat(200)}`,
      normalizedQuery: '今天天气怎么样',
      lang: 'zh',
      status: 'not_found',
      hits: [],
      nearby: search.passages.slice(0, 3),
    };
    expect(messageProblems(renderResult(notFound, toc, { audience: 'asker', showQuery: true }))).toEqual([]);
  });

  it('renders the daily post and the surrounding paragraphs of every unit within limits', () => {
    const problems: string[] = [];
    for (const unit of dailyUnits(search.documents)) {
      problems.push(
        ...messageProblems(renderDailyExcerpt(buildExcerpt(unit, '2024-01-02'))).map(
          (p) => `${unit.id}: ${p}`,
        ),
      );
      const neighborhood = paragraphNeighbors(search.documents, unit.paragraphId);
      if (!neighborhood) throw new Error(`no neighborhood for ${unit.paragraphId}`);
      problems.push(
        ...messageProblems(renderNeighborhood(neighborhood)).map((p) => `${unit.id} around: ${p}`),
      );
    }
    expect(problems).toEqual([]);
  });
});

describe('quoteElements', () => {
  it('splits a quote into plain and bold runs that join back to the quote', () => {
    const quote = {
      text: '严守档案安全底线不到位',
      highlights: [[2, 6]] as Array<[number, number]>,
      truncated: false,
    };
    expect(quoteElements(quote)).toEqual([
      { type: 'text', text: '严守' },
      { type: 'text', text: '档案安全', style: { bold: true } },
      { type: 'text', text: '底线不到位' },
    ]);
  });

  it('cuts a quote over 3,000 characters and drops highlights past the cut', () => {
    const text = '档'.repeat(5_000);
    const runs = quoteElements({
      text,
      highlights: [
        [10, 20],
        [4_000, 4_010],
      ],
      truncated: true,
    });
    expect(chars(runs.map((run) => run.text).join(''))).toBe(LIMITS.sectionText);
    expect(runs.filter((run) => run.style?.bold)).toHaveLength(1);
  });
});

describe('encodeRef / decodeRef', () => {
  const queries = [
    '档案安全',
    '主题教育的总要求是什么?',
    '',
    'say "hi" \\ back\\slash',
    '<!channel> &lt; &amp;',
    '😀'.repeat(600),
    '档'.repeat(5_000),
    '"'.repeat(2_000),
    '\\'.repeat(2_000),
    '\u0001\u0002\u001f'.repeat(700),
    `档案安全${'\u0000'.repeat(1_990)}`,
  ];

  it('round-trips a query and index, cutting long queries to 500 characters', () => {
    for (const q of queries) {
      for (const i of [0, 1, 50]) {
        const decoded = decodeRef(encodeRef({ q, i }));
        expect(decoded?.i).toBe(i);
        expect(decoded?.q).toBe(chars(q) <= 500 ? q : decoded?.q);
        expect(chars(decoded?.q ?? '')).toBeLessThanOrEqual(500);
        expect(q.startsWith((decoded?.q ?? '').replace(/…$/, ''))).toBe(true);
      }
    }
  });

  it('stays within the 2,000-character button value, whatever the query holds', () => {
    for (const q of queries) expect(encodeRef({ q, i: 50 }).length).toBeLessThanOrEqual(LIMITS.buttonValue);
  });

  it('rejects junk and values it did not make', () => {
    for (const value of [
      undefined,
      '',
      'not json',
      'null',
      '42',
      '"string"',
      '[]',
      '{}',
      '{"q":"x"}',
      '{"i":0}',
      '{"q":1,"i":0}',
      '{"q":"x","i":"0"}',
      '{"q":"x","i":-1}',
      '{"q":"x","i":0.5}',
      '{"q":"x","i":51}',
      '{"q":"x","i":1e9}',
      '{"q":"x","i":null}',
    ]) {
      expect(decodeRef(value), String(value)).toBeUndefined();
    }
  });

  it('names the actions the listeners handle', () => {
    expect(Object.values(ACTIONS)).toEqual(['answer_share', 'answer_next', 'answer_full', 'answer_english']);
  });
});

describe('escapeMrkdwn and truncate', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> *bold* `code`')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; *bold* `code`',
    );
  });

  it('escapes, then cuts to the limit without splitting an entity', () => {
    expect(escapeTruncated('a<b', 10)).toBe('a&lt;b');
    expect(escapeTruncated('a&b', 3)).toBe('a…');
    expect(escapeTruncated('ab&c', 5)).toBe('ab…');
    expect(escapeTruncated('ab&cd', 8)).toBe('ab&amp;…');
    const long = escapeTruncated('&'.repeat(1_000), 3_000);
    expect(chars(long)).toBeLessThanOrEqual(3_000);
    expect(long).toMatch(/^(&amp;)+…$/);
  });

  it('cuts by code point, never inside an emoji, and marks the cut', () => {
    expect(truncate('档案安全体系', 4)).toBe('档案安…');
    expect(truncate('档案', 4)).toBe('档案');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });
});
