/**
 * Block Kit rendering against Slack's limits: for every passage of the real speech, and for a
 * synthetic document far larger than any real one (a 10,000-character paragraph, 80 sections,
 * a 200-character title, a section of 120 paragraphs, text full of `&<>`).
 *
 * The limits themselves are checked by test/support/block-kit-limits.ts; lengths are counted in
 * code points, as `truncate` counts and as Slack documents "characters".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderToc } from '../../src/console/terminal.ts';
import { loadDocuments } from '../../src/content/index.ts';
import { paragraphNeighbors } from '../../src/content/neighbors.ts';
import { formatPlace } from '../../src/content/place.ts';
import { tableOfContents } from '../../src/content/toc.ts';
import type { Passage } from '../../src/content/types.ts';
import { parseDailyCommand } from '../../src/daily/command.ts';
import { buildExcerpt } from '../../src/daily/excerpt.ts';
import { dailyUnits } from '../../src/daily/units.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import type { SpeechSearch } from '../../src/search/engine.ts';
import { makeQuote } from '../../src/search/snippet.ts';
import type { SearchResult } from '../../src/search/types.ts';
import { searchFor } from '../../src/slack/context.ts';
import {
  ACTIONS,
  type AnswerOptions,
  decodeRef,
  encodeRef,
  quoteElements,
  renderResult,
} from '../../src/slack/render/answer.ts';
import type { Block, SlackMessage } from '../../src/slack/render/blocks.ts';
import {
  DAILY_CONTEXT_ACTION,
  renderDailyExcerpt,
  renderDailyUsageError,
  renderNeighborhood,
} from '../../src/slack/render/daily.ts';
import { renderHelp, tocBlocks } from '../../src/slack/render/help.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import {
  echo,
  escapeMrkdwn,
  escapeTruncated,
  LIMITS,
  truncate,
  typedText,
} from '../../src/slack/render/text.ts';
import { WORDS } from '../../src/slack/words.ts';
import { openSpeech } from '../../src/speech.ts';
import { blockProblems, chars, HOME, markupProblems, messageProblems } from '../support/block-kit-limits.ts';

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

  it('shows an answer about the text itself as its details, not as a quoted passage of some place', () => {
    for (const query of ['这篇讲话是谁讲的', '一共分几个部分', 'Which newspaper printed it?']) {
      const result = search.search(query);
      expect(result.hits[0]?.fact).toBeDefined();
      const message = renderResult(result, toc, { audience: 'asker', showQuery: true });
      expect(messageProblems(message)).toEqual([]);
      expect(message.blocks.some((block) => block.type === 'rich_text')).toBe(false);
      const texts = typedTexts(message).map((text) => text.text);
      expect(texts).toContain(WORDS.aboutTheText);
      expect(texts).toContain(escapeMrkdwn(result.hits[0]?.quote.text ?? ''));
      // No place in the speech is cited for it; the publication still is, as where the details come from.
      const passage = result.hits[0]?.passage;
      expect(texts.join('\n')).not.toContain(passage && `${passage.docTitle} · ${formatPlace(passage)}`);
      expect(texts.join('\n')).toContain('中国档案报');
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

describe('the contents of several documents', () => {
  it('name each document above its first part, in Slack and in the console; one document needs no title', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'toc-'));
    writeFileSync(path.join(dir, 'a.md'), '# 花园\n\n## 为什么\n\n第一,好看。\n');
    writeFileSync(path.join(dir, 'b.md'), '# 讲话\n\n## 学习\n\n第一,读书。\n\n## 实践\n\n第一,做事。\n');
    const toc = tableOfContents(loadDocuments(dir));
    const slack = JSON.stringify(tocBlocks(toc));
    expect(slack.indexOf('《花园》')).toBeLessThan(slack.indexOf('为什么'));
    expect(slack.indexOf('《讲话》')).toBeLessThan(slack.indexOf('学习'));
    expect(slack.split('《讲话》')).toHaveLength(2);
    expect(renderToc(toc)).toEqual([
      '  《花园》',
      '  第一部分 为什么',
      '      第一,好看。',
      '  《讲话》',
      '  第一部分 学习',
      '      第一,读书。',
      '  第二部分 实践',
      '      第一,做事。',
    ]);
    rmSync(dir, { recursive: true, force: true });
    const single = tableOfContents(openSpeech(DEFAULT_CONTENT_DIR).documents);
    expect(renderToc(single).some((line) => line.includes('《'))).toBe(false);
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

describe('renderDailyExcerpt', () => {
  it('titles the post with the channel date and weekday, and gives the whole post as its text', () => {
    const [unit] = dailyUnits(loadDocuments(DEFAULT_CONTENT_DIR));
    if (!unit) throw new Error('the speech has no daily unit');
    const message = renderDailyExcerpt(buildExcerpt(unit, '2025-11-26'));
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '📖 每日一读 · 11月26日 星期三' },
    });
    expect(message.text).toBe(
      `每日一读 · 11月26日\n\n${escapeMrkdwn(unit.text)}\n\n—— ${escapeMrkdwn(`${formatPlace(unit)} · ${unit.source}`)}`,
    );
  });
});

describe('renderNeighborhood', () => {
  it('places each paragraph as every answer does (第二部分 · 第三段)', () => {
    const neighborhood = paragraphNeighbors(loadDocuments(DEFAULT_CONTENT_DIR), 'speech/s2-p3');
    if (!neighborhood) throw new Error('the speech has no speech/s2-p3');
    const contexts = renderNeighborhood(neighborhood)
      .blocks.filter((block) => block.type === 'context')
      .map((block) => JSON.stringify(block));
    expect(contexts).toHaveLength(3);
    expect(contexts[0]).toContain('第二部分 · 第二段');
    expect(contexts[1]).toContain('第二部分 · 第三段');
    expect(contexts[2]).toContain('第二部分 · 第四段');
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

describe('echo', () => {
  it('escapes &, < and >, so echoed mentions and links stay text', () => {
    expect(echo('<!channel> <https://x|y> a&b')).toBe('&lt;!channel&gt; &lt;https://x|y&gt; a&amp;b');
  });

  it('keeps a pasted paragraph on one line', () => {
    expect(echo('  档案\n\n安全\t体系  ')).toBe('档案 安全 体系');
  });

  it('cuts to the limit after escaping, never inside an entity', () => {
    expect(chars(echo('x'.repeat(5_000)))).toBe(200);
    expect(echo('x'.repeat(5_000), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(echo('<'.repeat(100), 10)).toBe('&lt;&lt;…');
  });
});

/** The plain_text and mrkdwn texts of a message's blocks, each with its type. */
function typedTexts(message: SlackMessage): Array<{ type: 'plain_text' | 'mrkdwn'; text: string }> {
  return message.blocks.flatMap((block) => {
    if (block.type === 'section' || block.type === 'header') return [block.text];
    if (block.type === 'context') return block.elements;
    return [];
  });
}

describe('what the user typed, shown back', () => {
  const search = openSpeech(DEFAULT_CONTENT_DIR);
  const toc = tableOfContents(search.documents);
  const hostile = '*bold* _it_ ~del~ `code` <https://x|y> <!channel>';

  /** Where the message shows the user's `*bold*`: every text object that holds it. */
  const holding = (message: SlackMessage, needle: string) =>
    typedTexts(message).filter((text) => text.text.includes(needle));

  it('restates the query as plain text, so *bold* and `code` show as typed', () => {
    const result = search.search(`档案安全 ${hostile}`, { limit: 2 });
    expect(result.status).toBe('found');
    const message = renderResult(result, toc, { audience: 'asker', showQuery: true });
    const shown = holding(message, '*bold*');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.type).toBe('plain_text');
    expect(shown[0]?.text).toContain('`code`');
    expect(shown[0]?.text).toContain('&lt;https://x|y&gt; &lt;!channel&gt;');
    expect(markupProblems(message)).toEqual([]);
  });

  it('quotes a question it cannot answer as plain text too', () => {
    const result = search.search(`今天天气怎么样 ${hostile}`);
    expect(result.status).toBe('not_found');
    const message = renderResult(result, toc, { audience: 'asker', showQuery: true });
    const shown = holding(message, '*bold*');
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expect(text.type).toBe('plain_text');
    expect(markupProblems(message)).toEqual([]);
  });

  it('says what the speech does say of its speaker when a question asks past it', () => {
    const result = search.search('讲话人以前在哪个单位任职 *bold*');
    expect(result.status).toBe('not_found');
    const message = renderResult(result, toc, { audience: 'asker', showQuery: true });
    const known = message.blocks.find(
      (block) => block.type === 'section' && JSON.stringify(block).includes('what it does say'),
    );
    expect(JSON.stringify(known)).toContain('湖北省档案馆馆长');
    expect(markupProblems(message)).toEqual([]);
    expect(messageProblems(message)).toEqual([]);
  });

  it('answers `/speech daily <!channel>` without a broadcast, a live link or a 3,000+ section', () => {
    for (const typed of [
      '<!channel>',
      '<https://x|y>',
      '*bold*',
      'x'.repeat(3_800),
      `09:00 ${'y'.repeat(3_800)}`,
    ]) {
      const parsed = parseDailyCommand(typed);
      if (parsed.ok) throw new Error(`"${typed}" should not parse`);
      const message = renderDailyUsageError(parsed.error, '/speech');
      expect(markupProblems(message), typed).toEqual([]);
      expect(messageProblems(message), typed).toEqual([]);
      const [reason, usage] = message.blocks;
      // The user's words cannot format the reply: the reason that quotes them is plain text.
      expect(reason).toMatchObject({ type: 'section', text: { type: 'plain_text' } });
      expect(usage).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
      expect(JSON.stringify(message)).toContain('/speech daily 09:00');
    }
  });

  it('shows the user what they typed, escaped, in the daily error', () => {
    const parsed = parseDailyCommand('09:00 <!channel>');
    if (parsed.ok) throw new Error('should not parse');
    const message = renderDailyUsageError(parsed.error, '/rede');
    expect(message.text).toContain('"&lt;!channel&gt;" is not a time zone');
    expect(message.text).toContain('`/rede daily 09:00`');
    expect(message.text).not.toContain('/speech');
  });

  it('keeps mrkdwn for a daily error that quotes nothing the user typed', () => {
    const parsed = parseDailyCommand('everyday');
    if (parsed.ok) throw new Error('should not parse');
    expect(renderDailyUsageError(parsed.error, '/speech').blocks[0]).toMatchObject({
      text: { type: 'mrkdwn' },
    });
  });
});

/** Every block id of a message. */
const blockIds = (message: SlackMessage): string[] =>
  message.blocks.flatMap((block) => ('block_id' in block && block.block_id ? [block.block_id] : []));

describe('block ids', () => {
  const search = openSpeech(DEFAULT_CONTENT_DIR);
  const toc = tableOfContents(search.documents);
  const deps = { search, toc, command: '/speech' };
  /** What the listeners render for each button (src/slack/listeners/actions). */
  const VIEWS = {
    [ACTIONS.next]: { full: false, translation: false },
    [ACTIONS.full]: { full: true, translation: false },
    [ACTIONS.english]: { full: false, translation: true },
  } as const;

  it('are new in the message that Next, Full and English put in place of the answer', () => {
    // A question whose answer offers all three: a cut quote, a second result and a translation.
    const options: AnswerOptions = { audience: 'asker', showQuery: true };
    const original = renderResult(searchFor(deps, '主题教育的总要求是什么?'), toc, options);
    const before = blockIds(original);
    expect(before.length).toBeGreaterThan(0);
    const clicked: string[] = [];
    for (const block of original.blocks) {
      if (block.type !== 'actions') continue;
      for (const button of block.elements) {
        if (button.action_id === ACTIONS.share) continue;
        const view = VIEWS[button.action_id as keyof typeof VIEWS];
        const ref = decodeRef(button.value);
        if (!ref) throw new Error(`undecodable ${button.value}`);
        const replacement = renderResult(searchFor(deps, ref.q, ref.i), toc, {
          ...options,
          index: ref.i,
          ...view,
        });
        clicked.push(button.action_id);
        const after = blockIds(replacement);
        expect(after.length, button.action_id).toBeGreaterThan(0);
        for (const id of after) expect(before, button.action_id).not.toContain(id);
      }
    }
    expect(clicked.sort()).toEqual([ACTIONS.english, ACTIONS.full, ACTIONS.next].sort());
  });

  it('differ between two renders of the same view (Full, English, then Full again)', () => {
    const result = searchFor(deps, '主题教育的总要求是什么?');
    const full = { audience: 'asker', showQuery: true, full: true } as const;
    const first = blockIds(renderResult(result, toc, full));
    const again = blockIds(renderResult(result, toc, full));
    expect(first.length).toBeGreaterThan(0);
    for (const id of again) expect(first).not.toContain(id);
  });

  it('name the result and view, and take a given render id', () => {
    const result = searchFor(deps, '主题教育的总要求是什么?');
    const full = renderResult(result, toc, { audience: 'channel', full: true, renderId: 'abc' });
    expect(blockIds(full)).toEqual(['answer_actions.0.full.abc']);
    const second = renderResult(searchFor(deps, '主题教育的总要求是什么?', 1), toc, {
      audience: 'asker',
      index: 1,
      translation: true,
      renderId: 'xyz',
    });
    expect(blockIds(second)).toEqual(['answer_actions.1.en.xyz']);
  });
});

describe('button texts', () => {
  it('fit in 30 characters, still in both languages', () => {
    const search = openSpeech(DEFAULT_CONTENT_DIR);
    const unit = dailyUnits(search.documents)[0];
    if (!unit) throw new Error('no daily unit');
    const post = renderDailyExcerpt(buildExcerpt(unit, '2024-01-02'));
    const button = post.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []))[0];
    expect(button?.action_id).toBe(DAILY_CONTEXT_ACTION);
    expect(chars(button?.text.text ?? '')).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(button?.text.text).toMatch(/[\u4e00-\u9fff].* [A-Za-z]/u);
  });
});

describe('typedText', () => {
  const typed = (text: string) => typedText(text).replace(/\s+/g, ' ').trim();

  it('takes out Slack mentions and emoji codes, and undoes its escaping', () => {
    expect(typed('<@U123> 檔案安全 :smile: <#C1|general> <!here> a &lt; b &amp; c')).toBe(
      '檔案安全 a < b & c',
    );
    // A bare mention asks nothing.
    expect(typed('<@U123>')).toBe('');
  });

  it('keeps a Slack link’s label and drops its address', () => {
    expect(typed('<https://example.com/a?b=1|档案安全> 是什么')).toBe('档案安全 是什么');
    expect(typed('看 <https://example.com/a> 这里')).toBe('看 这里');
    // A link Slack made of an address typed bare has the address as its label: nothing to search.
    expect(typed('<https://example.com|example.com>')).toBe('');
  });

  it('drops a mention typed out as text, set apart by spaces, but not an @ inside words', () => {
    expect(typed('@bot 这讲话是谁讲的')).toBe('这讲话是谁讲的');
    expect(typed('班子成员要担啥责任 @档案小助手')).toBe('班子成员要担啥责任');
    expect(typed('＠小档　讲话里说了啥')).toBe('讲话里说了啥'); // full-width @ and space
    expect(typed('write to archives@example.com')).toBe('write to archives@example.com');
    // With no space after it the name cannot be told from the question: nothing is dropped.
    expect(typed('@小档讲话里说了啥')).toBe('@小档讲话里说了啥');
    expect(typed('@bot')).toBe('@bot');
  });

  // 400,000 characters: linear, a few milliseconds; quadratic, as it was, minutes.
  it('reads a long run of unclosed mentions in linear time', { timeout: 5_000 }, () => {
    expect(typed('<@U1'.repeat(100_000)).length).toBe(400_000);
  });
});
