/**
 * Every kind of message the renderers produce, for real questions and for long or hostile input,
 * against Slack's Block Kit limits (test/support/block-kit-limits.ts): button text ≤ 30, section
 * text ≤ 3,000, header ≤ 150, ≤ 50 blocks per message and 100 per Home view, block ids ≤ 255 and
 * unique, action ids unique, button values ≤ 2,000, context elements ≤ 10. And none of them may
 * carry Slack markup (`<!channel>`, `<https://…|…>`) that the renderer did not put there itself.
 */
import { describe, expect, it } from 'vitest';
import { paragraphNeighbors } from '../../src/content/neighbors.ts';
import { MAX_LABEL_LENGTH, parseDocument } from '../../src/content/parse.ts';
import { tableOfContents } from '../../src/content/toc.ts';
import { parseDailyCommand } from '../../src/daily/command.ts';
import { describeSubscription } from '../../src/daily/describe.ts';
import { buildExcerpt } from '../../src/daily/excerpt.ts';
import { dailyUnits } from '../../src/daily/units.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { SpeechSearch } from '../../src/search/engine.ts';
import { findQuoted } from '../../src/search/quoted.ts';
import { type SlackDeps, searchFor } from '../../src/slack/context.ts';
import { type AnswerOptions, decodeRef, renderResult } from '../../src/slack/render/answer.ts';
import type { SlackMessage } from '../../src/slack/render/blocks.ts';
import {
  renderDailyExcerpt,
  renderDailyUsageError,
  renderNeighborhood,
  renderSubscriptions,
} from '../../src/slack/render/daily.ts';
import { renderHelp } from '../../src/slack/render/help.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import { renderQuotedMatch } from '../../src/slack/render/shortcut.ts';
import { WORDS } from '../../src/slack/words.ts';
import { openSpeech } from '../../src/speech.ts';
import type { Subscription } from '../../src/store/types.ts';
import { blockProblems, HOME, markupProblems, messageProblems } from '../support/block-kit-limits.ts';
import { storedSubscription } from '../support/subscriptions.ts';
import { blockTexts } from './harness.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const toc = tableOfContents(search.documents);
const deps: SlackDeps = { search, toc, command: '/speech' };

const HOSTILE =
  '<!channel> <!here> <@U999> <#C123> <https://evil.example|click> *bold* _it_ ~s~ `code` &amp; &lt;';

/** Real questions of every kind the bot answers, then long and hostile ones. */
const QUERIES = [
  // Chinese: keywords, questions, Traditional characters
  '档案安全',
  '主题教育的总要求是什么?',
  '檔案安全',
  '怎样做好档案工作',
  // English
  'archives security',
  'What is the general requirement of the theme education?',
  // questions about the document itself
  '目录',
  '这篇讲话的作者是谁',
  '讲话分几个部分',
  '第二部分讲了什么',
  // nothing to find, nothing to look for
  '今天天气怎么样',
  '😀🎉 :smile:',
  '',
  '   ',
  // long and hostile
  `档案安全 ${HOSTILE}`,
  `今天天气怎么样 ${HOSTILE}`,
  HOSTILE,
  `档案安全\n\n${'换行 '.repeat(200)}`,
  'x'.repeat(600),
  '档案'.repeat(300),
  '档'.repeat(5_000),
  '<'.repeat(2_000),
  '&'.repeat(2_000),
  `${'😀'.repeat(400)} 档案安全`,
];

/** How the listeners render an answer: ephemeral with the query, in a channel, shared, each view. */
const VARIANTS: AnswerOptions[] = [
  { audience: 'asker', showQuery: true },
  { audience: 'asker', showQuery: true, full: true },
  { audience: 'asker', showQuery: true, translation: true },
  { audience: 'asker', showQuery: true, full: true, translation: true },
  { audience: 'channel' },
  { audience: 'channel', full: true },
  { audience: 'channel', translation: true },
  { audience: 'channel', sharedBy: 'U123ABC' },
];

/** Views the answer's buttons ask for (src/slack/listeners/actions). */
const BUTTON_VIEWS: Readonly<Record<string, { full: boolean; translation: boolean }>> = {
  answer_next: { full: false, translation: false },
  answer_full: { full: true, translation: false },
  answer_english: { full: false, translation: true },
};

interface Rendered {
  what: string;
  message: SlackMessage;
  /** Markup the renderer put there on purpose (the sharer's mention). */
  allowed?: string[];
}

/** An answer, every way, and what each of its buttons would put in its place (two clicks deep). */
function renderAnswers(query: string): Rendered[] {
  const out: Rendered[] = [];
  for (const index of [0, 1, 2]) {
    const result = searchFor(deps, query, index);
    for (const options of VARIANTS) {
      const message = renderResult(result, toc, { ...options, index });
      const allowed = options.sharedBy ? [`<@${options.sharedBy}>`] : [];
      out.push({
        what: `${JSON.stringify(query.slice(0, 40))} #${index} ${JSON.stringify(options)}`,
        message,
        allowed,
      });
    }
  }
  const clickAll = (message: SlackMessage, depth: number, path: string) => {
    if (depth === 0) return;
    for (const block of message.blocks) {
      if (block.type !== 'actions') continue;
      for (const button of block.elements) {
        const view = BUTTON_VIEWS[button.action_id];
        const ref = decodeRef(button.value);
        if (!view || !ref) continue;
        const next = renderResult(searchFor(deps, ref.q, ref.i), toc, {
          audience: 'asker',
          showQuery: true,
          index: ref.i,
          ...view,
        });
        const where = `${path} → ${button.action_id}`;
        out.push({ what: where, message: next });
        clickAll(next, depth - 1, where);
      }
    }
  };
  const first = renderResult(searchFor(deps, query), toc, { audience: 'asker', showQuery: true });
  clickAll(first, 2, JSON.stringify(query.slice(0, 40)));
  return out;
}

/** A subscription as the store keeps it. */
function subscription(channelId: string, overrides: Partial<Subscription> = {}): Subscription {
  return storedSubscription(new Date('2026-11-26T00:00:00Z'), { ...overrides, channelId });
}

/** Everything `/speech daily …` can answer with an error, for hostile and long words. */
const DAILY_TEXTS = [
  '<!channel>',
  '<https://evil.example|click>',
  '*bold*',
  '`code`',
  'x'.repeat(3_800),
  `09:00 ${'y'.repeat(3_800)}`,
  `09:00 ${'<!here>'.repeat(500)}`,
  `off ${'z '.repeat(2_000)}`,
  `show <!channel> ${'&'.repeat(1_000)}`,
  '25:00',
  '9',
  'everyday',
  '09:00 everyday weekdays',
  '09:00 UTC Asia/Shanghai',
  '09:00 10:00',
  '09:00 Mars/Olympus_Mons',
];

function problemsOf(rendered: readonly Rendered[]): string[] {
  return rendered.flatMap(({ what, message, allowed }) =>
    [...messageProblems(message), ...markupProblems(message, allowed)].map((p) => `${what}: ${p}`),
  );
}

describe('Block Kit limits', () => {
  it('hold for answers to real and hostile questions, every view, and what each button shows next', () => {
    const rendered = QUERIES.flatMap(renderAnswers);
    // The walk reached answers, "not found", document questions and button replacements.
    expect(rendered.length).toBeGreaterThan(QUERIES.length * VARIANTS.length * 3);
    expect(rendered.some(({ what }) => what.includes('answer_english'))).toBe(true);
    expect(rendered.some(({ what }) => what.includes('answer_full'))).toBe(true);
    expect(problemsOf(rendered)).toEqual([]);
  });

  it('hold for help and the Home tab, with and without daily subscriptions', () => {
    expect(problemsOf([{ what: 'help', message: renderHelp('/speech', search.documents, toc) }])).toEqual([]);
    const now = new Date('2026-11-26T00:30:00Z');
    const subscriptions = [
      subscription('C1'),
      subscription('C2', { days: 'everyday', timeZone: 'Europe/Berlin' }),
      subscription('C3', { paused: true, pausedReason: 'not_in_channel' }),
    ];
    const listed = subscriptions.map((s) => ({
      subscription: s,
      status: describeSubscription(s, now, undefined),
    }));
    for (const extra of [
      [],
      renderSubscriptions([], '/speech'),
      renderSubscriptions(listed, '/speech'),
      renderSubscriptions(listed, '/speech', 3),
    ]) {
      const home = renderHome('/speech', search.documents, toc, extra);
      expect(blockProblems(home.blocks, HOME)).toEqual([]);
      expect(markupProblems(home, ['<#C1>', '<#C2>', '<#C3>'])).toEqual([]);
    }
  });

  it('list every channel of a long daily list in the App Home, none cut off mid-line', () => {
    const now = new Date('2026-11-26T00:30:00Z');
    const channels = Array.from({ length: 80 }, (_, i) => `C${1000 + i}`);
    const listed = channels.map((channelId) => {
      const s = subscription(channelId, { days: 'everyday' });
      return { subscription: s, status: describeSubscription(s, now, undefined) };
    });
    const home = renderHome('/speech', search.documents, toc, renderSubscriptions(listed, '/speech'));
    expect(blockProblems(home.blocks, HOME)).toEqual([]);
    const shown = blockTexts(home.blocks).join('\n');
    for (const channelId of channels) expect(shown).toContain(`<#${channelId}>`);
    expect(
      shown
        .split('\n')
        .filter((line) => line.startsWith('• <#C'))
        .every((line) => !line.endsWith('…')),
    ).toBe(true);
  });

  it('hold for the daily post and the paragraphs around it, for every passage', () => {
    const rendered = dailyUnits(search.documents).flatMap((unit): Rendered[] => {
      const neighborhood = paragraphNeighbors(search.documents, unit.paragraphId);
      if (!neighborhood) throw new Error(`no neighborhood for ${unit.paragraphId}`);
      return [
        { what: `${unit.id} post`, message: renderDailyExcerpt(buildExcerpt(unit, '2026-11-26')) },
        { what: `${unit.id} around`, message: renderNeighborhood(neighborhood) },
      ];
    });
    expect(rendered.length).toBeGreaterThan(2);
    expect(problemsOf(rendered)).toEqual([]);
  });

  it('hold for content whose titles, headings and source lines are as long and as hostile as the loader allows', () => {
    // Every label at the loader's limit, made of the characters escaping lengthens most.
    const label = (seed: string) => `${seed}${'&<>'.repeat(MAX_LABEL_LENGTH)}`.slice(0, MAX_LABEL_LENGTH);
    const documents = Array.from({ length: 60 }, (_, n) =>
      parseDocument(
        [
          '---',
          `author: ${label(`作者${n} `)}`,
          '---',
          '',
          // `&` only: the Home shows the title in a plain-text header, where Slack parses nothing
          // and this checker would flag any `<…>`; `&` is what escaping lengthens most.
          `# ${`标题${n} ${'&'.repeat(MAX_LABEL_LENGTH)}`.slice(0, MAX_LABEL_LENGTH)}`,
          '',
          `## ${label(`第一节 <https://evil.example|点此>`)}`,
          '',
          `第一,档案工作第${n}号要求:加强档案安全体系建设,严守档案安全底线,确保万无一失。`,
          '',
          `> ${label('来源 <!here>')}`,
        ].join('\n'),
        `long-${n}.md`,
      ),
    );
    const longSearch = new SpeechSearch(documents);
    const longToc = tableOfContents(documents);
    const longDeps: SlackDeps = { search: longSearch, toc: longToc, command: '/speech' };
    const answer = searchFor(longDeps, '档案安全体系建设');
    expect(answer.status).toBe('found');
    const unit = dailyUnits(documents)[0];
    const neighborhood = unit && paragraphNeighbors(documents, unit.paragraphId);
    if (!unit || !neighborhood) throw new Error('no daily unit');
    const rendered: Rendered[] = [
      { what: 'help', message: renderHelp('/speech', documents, longToc) },
      ...VARIANTS.map((options) => ({
        what: 'answer',
        message: renderResult(answer, longToc, options),
        ...(options.sharedBy ? { allowed: [`<@${options.sharedBy}>`] } : {}),
      })),
      { what: 'daily post', message: renderDailyExcerpt(buildExcerpt(unit, '2026-11-26')) },
      { what: 'around', message: renderNeighborhood(neighborhood) },
      {
        what: 'find in speech',
        message: renderQuotedMatch(
          findQuoted(longSearch, '加强档案安全体系建设,严守档案安全底线,确保万无一失'),
          longToc,
          { channelId: 'C1', threadTs: '1.1' },
          WORDS.findInSpeech,
        ),
      },
    ];
    expect(problemsOf(rendered)).toEqual([]);
    const home = renderHome('/speech', documents, longToc, []);
    expect(blockProblems(home.blocks, HOME)).toEqual([]);
    expect(markupProblems(home)).toEqual([]);
  });

  it('hold for every `/speech daily` error, whatever was typed', () => {
    const rendered = DAILY_TEXTS.map((text): Rendered => {
      const parsed = parseDailyCommand(text);
      if (parsed.ok) throw new Error(`"${text}" should not parse`);
      return {
        what: `daily ${JSON.stringify(text.slice(0, 40))}`,
        message: renderDailyUsageError(parsed.error, '/speech'),
      };
    });
    expect(problemsOf(rendered)).toEqual([]);
  });
});
