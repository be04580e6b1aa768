/**
 * The words the bot uses (src/slack/words.ts), and the configured slash command in them: every
 * message and view the bot can produce, rendered by the real renderers over the real speech, with
 * SLASH_COMMAND=/quote must never tell anyone to type `/speech`; with `/speech` (the default),
 * the command is named wherever a reply says what to type.
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { localReply } from '../../src/console/local.ts';
import { paragraphNeighbors } from '../../src/content/neighbors.ts';
import { tableOfContents } from '../../src/content/toc.ts';
import { parseDailyCommand } from '../../src/daily/command.ts';
import { describeSubscription } from '../../src/daily/describe.ts';
import { buildExcerpt } from '../../src/daily/excerpt.ts';
import { dailyUnits } from '../../src/daily/units.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { findQuoted } from '../../src/search/quoted.ts';
import type { SearchStatus } from '../../src/search/types.ts';
import { type SlackDeps, searchFor } from '../../src/slack/context.ts';
import { createDailyCommandHandler, notifyPaused, postDailyExcerpt } from '../../src/slack/daily.ts';
import { renderResult } from '../../src/slack/render/answer.ts';
import {
  renderDailyUsageError,
  renderNeighborhood,
  renderSubscriptions,
} from '../../src/slack/render/daily.ts';
import { renderHelp } from '../../src/slack/render/help.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import { renderQuotedMatch } from '../../src/slack/render/shortcut.ts';
import { commandReply, questionReply } from '../../src/slack/replies.ts';
import { botWords, WORDS } from '../../src/slack/words.ts';
import { openSpeech } from '../../src/speech.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import type { Subscription } from '../../src/store/types.ts';
import { storedSubscription } from '../support/subscriptions.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const toc = tableOfContents(search.documents);
const NOW = new Date('2026-11-26T00:30:00Z'); // a Thursday, 08:30 in Shanghai
const who = { userId: 'U1', channelId: 'C1', teamId: 'T1' };

/** A subscription as the store keeps it. */
function subscription(channelId: string, overrides: Partial<Subscription> = {}): Subscription {
  return storedSubscription(NOW, { ...overrides, channelId });
}

/** A Web API failure as the client throws it: a platform error, or Slack not answering. */
function slackError(error: string): Error {
  if (error === 'request_error')
    return Object.assign(new Error(error), { code: webApi.ErrorCode.RequestError });
  return Object.assign(new Error(error), {
    code: webApi.ErrorCode.PlatformError,
    data: { ok: false, error },
  });
}

/**
 * The Web API as the daily handler sees it. Channel ids say what Slack answers: `COUT` the bot is
 * not in, `CARCHIVED` archived, `CHIDDEN` not found (private), `CBUSY` no answer; messages posted
 * are kept in `posted`.
 */
function fakeClient(posted: Array<Record<string, unknown>>): webApi.WebClient {
  const client = {
    conversations: {
      info: async ({ channel }: { channel: string }) => {
        if (channel === 'CHIDDEN') throw slackError('channel_not_found');
        if (channel === 'CBUSY') throw slackError('request_error');
        return {
          ok: true,
          channel: { id: channel, is_member: channel !== 'COUT', is_archived: channel === 'CARCHIVED' },
        };
      },
    },
    users: { info: async () => ({ ok: true, user: { tz: 'Europe/Berlin' } }) },
    chat: {
      postMessage: async (args: Record<string, unknown>) => {
        posted.push(args);
        return { ok: true, ts: '1.1' };
      },
    },
  };
  return client as unknown as webApi.WebClient;
}

/** A search result of the expected kind, or the test stops: the walk must reach every kind. */
function expectStatus(query: string, status: SearchStatus) {
  const result = searchFor({ search, toc, command: '/unused' }, query);
  if (result.status !== status)
    throw new Error(`"${query.slice(0, 20)}" gave ${result.status}, not ${status}`);
  return result;
}

/** Every message and view the bot can produce, by what it is, as the JSON Slack would get. */
async function renderEverything(command: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const add = (what: string, rendered: unknown) => {
    if (out.has(what)) throw new Error(`rendered "${what}" twice`);
    out.set(what, typeof rendered === 'string' ? rendered : JSON.stringify(rendered));
  };
  const words = botWords(command);
  add('words', words);

  // Help, from the slash command and from an empty mention
  const deps: SlackDeps = { search, toc, command };
  add('help', renderHelp(command, search.documents, toc));
  add('command help', await commandReply(deps, 'help', who));
  add('command with no text', await commandReply(deps, '', who));
  add('empty mention', questionReply(deps, ''));

  // Answers: found (every view and button), not found, too long, nothing to look for
  const found = expectStatus('主题教育的总要求是什么?', 'found');
  add('command answer', await commandReply(deps, '档案安全', who));
  add('mention answer', questionReply(deps, '档案安全'));
  add('answer, full', renderResult(found, toc, { audience: 'asker', showQuery: true, full: true }));
  add('answer, English', renderResult(found, toc, { audience: 'asker', translation: true }));
  add(
    'answer, next result',
    renderResult(searchFor(deps, '主题教育的总要求是什么?', 1), toc, { audience: 'asker', index: 1 }),
  );
  add('answer, shared', renderResult(found, toc, { audience: 'channel', sharedBy: 'U2' }));
  expectStatus('今天天气怎么样', 'not_found');
  add('not found', await commandReply(deps, '今天天气怎么样', who));
  add('not found, mention', questionReply(deps, '今天天气怎么样'));
  expectStatus('x'.repeat(600), 'too_long');
  add('too long', await commandReply(deps, 'x'.repeat(600), who));
  expectStatus('😀🎉', 'empty');
  add('nothing to look for', await commandReply(deps, '😀🎉', who));

  // Questions about the document itself
  for (const question of ['目录', '这篇讲话的作者是谁', '讲话分几个部分']) {
    expectStatus(question, 'found');
    add(`document question ${question}`, await commandReply(deps, question, who));
  }

  // "Find in speech" on a message that quotes the speech, one that is close, one that is not
  const thread = { channelId: 'C1', threadTs: '1.1' };
  const passage = search.passages[3]?.text ?? '';
  for (const [what, text] of [
    ['verbatim', passage],
    ['closest', `我觉得${passage.slice(0, 12)}很重要`],
    ['none', '今天天气怎么样,午饭吃什么'],
  ] as const) {
    add(
      `find in speech, ${what}`,
      renderQuotedMatch(findQuoted(search, text), toc, thread, WORDS.findInSpeech),
    );
  }

  // The App Home, without and with daily subscriptions
  const listed = [
    subscription('C1'),
    subscription('C2', { days: 'everyday', timeZone: 'Europe/Berlin' }),
    subscription('C3', { paused: true, pausedReason: 'not_in_channel' }),
  ].map((s: Subscription) => ({ subscription: s, status: describeSubscription(s, NOW, undefined) }));
  add('home without the daily feature', renderHome(command, search.documents, toc));
  add('home, no subscriptions', renderHome(command, search.documents, toc, renderSubscriptions([], command)));
  add(
    'home, subscriptions',
    renderHome(command, search.documents, toc, renderSubscriptions(listed, command)),
  );
  add(
    'home, subscriptions Slack did not let us check',
    renderHome(command, search.documents, toc, renderSubscriptions(listed, command, 2)),
  );

  // Every reply to `daily …`
  const posted: Array<Record<string, unknown>> = [];
  const client = fakeClient(posted);
  const store = new MemoryStore({ now: () => NOW });
  const daily = createDailyCommandHandler({
    store,
    scheduler: { refresh: async () => {} },
    client,
    defaultTimeZone: 'Asia/Shanghai',
    command,
    now: () => NOW,
  });
  const withDaily: SlackDeps = { ...deps, daily };
  for (const text of [
    '25:00',
    'everyday',
    '09:00 everyday weekdays',
    '09:00 UTC Asia/Shanghai',
    '09:00 10:00',
    '9:30 pm',
    '09:00 UTC+8',
  ]) {
    add(`daily usage error ${text}`, await commandReply(withDaily, `daily ${text}`, who));
  }
  add('daily help', await commandReply(withDaily, 'daily help', who));
  add('daily setting in a mention', questionReply(deps, 'daily 09:00'));
  for (const text of ['09:00 Mars/Base', '09:00 CST', '09:00 sometimes', 'off now']) {
    const parsed = parseDailyCommand(text);
    if (parsed.ok) throw new Error(`"${text}" should not parse`);
    add(`daily usage error ${text}`, renderDailyUsageError(parsed.error, command));
  }
  add('daily show, none', await daily({ ...who, text: '' }));
  add('daily off, none', await daily({ ...who, text: 'off' }));
  add('daily subscribed', await daily({ ...who, text: '09:00' }));
  add('daily show', await daily({ ...who, text: 'show' }));
  add('daily subscribed again, everyday', await daily({ ...who, text: '08:00 everyday Asia/Tokyo' }));
  add('daily off', await daily({ ...who, text: 'off' }));
  for (const channelId of ['COUT', 'CARCHIVED', 'CHIDDEN', 'CBUSY']) {
    add(`daily subscribe in ${channelId}`, await daily({ ...who, channelId, text: '09:00' }));
  }
  await store.upsertSubscription(subscription('C1'));
  await store.pauseSubscription('C1', 'not_in_channel');
  add('daily show, paused', await daily({ ...who, text: '' }));
  add('daily needs Slack (console)', await commandReply(deps, 'daily 09:00', who));

  // What the scheduler sends: the post, the paragraphs around it, the DM when a channel pauses
  const unit = dailyUnits(search.documents)[0];
  if (!unit) throw new Error('no daily unit');
  const excerpt = buildExcerpt(unit, '2026-11-26');
  posted.length = 0;
  await postDailyExcerpt(client, subscription('C1'), excerpt, { warn: () => {} });
  for (const error of ['not_in_channel', 'is_archived', 'restricted_action']) {
    await notifyPaused(client, subscription('C1'), error, command);
  }
  const [post, notInChannel, archived, restricted] = posted;
  add('daily post', post);
  add('paused DM, not in channel', notInChannel);
  add('paused DM, archived', archived);
  add('paused DM, posting restricted', restricted);
  const neighborhood = paragraphNeighbors(search.documents, unit.paragraphId);
  add('daily context', neighborhood ? renderNeighborhood(neighborhood) : WORDS.dailyPassageGone);

  // The local console
  add('console intro', words.consoleIntro);
  add('console help', await localReply(deps, `${command} help`));
  add('console answer', await localReply(deps, `${command} 档案安全`));
  add('console mention', await localReply(deps, '@bot 档案安全'));
  add('console daily', await localReply(deps, `${command} daily 09:00`));
  return out;
}

describe('every message and view, with SLASH_COMMAND=/quote', () => {
  it('never tells anyone to type /speech', async () => {
    const rendered = await renderEverything('/quote');
    expect(rendered.size).toBeGreaterThan(50);
    const naming = [...rendered].filter(([, json]) => json.includes('/speech')).map(([what]) => what);
    expect(naming).toEqual([]);
  });
});

/** Where each reply names the command: what it is, and the words it must hold. */
function expectedPlaces(command: string): Array<[string, string[]]> {
  const usage = [`\`${command} daily 09:00\``, `\`${command} daily off\``];
  return [
    [
      'help',
      [`\`${command} 关键词或问题\``, ...usage, `"text":"${command} 关键词或问题 — search the speech"`],
    ],
    ['empty mention', [`\`${command} 关键词或问题\``]],
    ['home without the daily feature', usage],
    ['home, no subscriptions', [`run \`${command} daily 09:00\` in a channel`]],
    ['daily usage error 25:00', usage],
    ['daily usage error everyday', [`e.g. \`${command} daily 09:00 everyday\``, ...usage]],
    ['daily usage error off now', [`\`${command} daily\` show the settings`]],
    ['daily usage error 9:30 pm', [`${command} daily 21:30`, ...usage]],
    ['daily help', usage],
    ['daily setting in a mention', [`run \`${command} daily 09:00\` in the channel`]],
    ['daily show, none', [`Try \`${command} daily 09:00\``]],
    ['paused DM, not in channel', [`run \`${command} daily\` with your time again`]],
    ['paused DM, archived', [`run \`${command} daily\` with your time again`]],
    ['console intro', [`  ${command} 档案安全`, `  ${command} help`]],
  ];
}

describe.each(['/speech', '/quote'])('with the command %s', (command) => {
  it('names it wherever a reply says what to type', async () => {
    const rendered = await renderEverything(command);
    for (const [what, needles] of expectedPlaces(command)) {
      const json = rendered.get(what);
      expect(json, what).toBeDefined();
      for (const needle of needles) expect(json, what).toContain(needle);
    }
  });

  it('keeps the wording of every other reply (only the command differs)', async () => {
    const [mine, other] = await Promise.all([
      renderEverything(command),
      renderEverything(command === '/speech' ? '/quote' : '/speech'),
    ]);
    const otherCommand = command === '/speech' ? '/quote' : '/speech';
    for (const [what, json] of mine) {
      // Block ids are random per render; the rest must match once the command is swapped.
      const strip = (text: string) => text.replace(/answer_actions\.[^"]+/g, 'answer_actions');
      expect(strip(json.replaceAll(command, otherCommand)), what).toBe(strip(other.get(what) ?? ''));
    }
  });
});

describe('a daily setting typed in a mention or a DM', () => {
  it('is pointed to the slash command, while a question that starts with "daily" is searched', () => {
    const deps: SlackDeps = { search, toc, command: '/speech' };
    expect(questionReply(deps, 'daily 09:00').text).toContain(
      'The daily excerpt is set with the slash command',
    );
    for (const setting of [
      'ｄａｉｌｙ off',
      'daily 9am',
      'daily help',
      'daily 关闭',
      'daily',
      'daily 09:00 UTC+8',
    ]) {
      expect(questionReply(deps, setting).text, setting).toContain('set with the slash command');
    }
    for (const mistyped of ['daily 9:00 Shanghai', 'daily 25:00']) {
      expect(questionReply(deps, mistyped).text, mistyped).toContain('set with the slash command');
    }
    for (const question of [
      'daily life in the archives',
      'daily status of the archives',
      'daily stop and think',
      'daily help with records',
    ]) {
      expect(questionReply(deps, question).text, question).not.toContain('slash command');
    }
  });
});

describe('a mention or a DM that asks how to use the bot', () => {
  const deps: SlackDeps = { search, toc, command: '/speech' };
  const isHelp = (text: string) =>
    questionReply(deps, text).text === renderHelp('/speech', search.documents, toc).text;

  it('gets the help: a greeting, help, or a question about using it', () => {
    for (const text of [
      '你好',
      '您好!',
      'hello :wave:',
      'Hi there',
      '在吗?',
      'help me',
      '帮帮我',
      '这个怎么用？',
      '你好,机器人怎么用',
      'hi, how do I use this?',
      'How can I use it',
      'what can you do?',
      '这个机器人怎么用',
      '您好，请问怎么用？',
      '怎么用呢',
      '晚上好',
      'How to use this bot?',
      'how do I search?',
    ]) {
      expect(isHelp(text), text).toBe(true);
    }
  });

  it('is searched when it asks about the speech, even after a greeting or with the same words', () => {
    for (const text of [
      '档案怎么用',
      '你好档案馆',
      'hi 档案安全',
      'help desk hours',
      'history',
      '主题教育有什么用',
      '请问主题教育的总要求是什么',
      'How to use archives?',
      'what can the director do?',
      '哈哈',
      '呢',
      '这个有什么用',
    ]) {
      expect(isHelp(text), text).toBe(false);
    }
  });
});

describe('the words', () => {
  it('word a daily status as before: settings, then the next post or why it is paused', () => {
    const at = new Date('2025-11-26T02:00:00Z');
    const active = subscription('C1', { activeSince: new Date('2025-11-25T00:00:00Z') });
    expect(botWords('/speech').dailyStatus(describeSubscription(active, at, undefined))).toBe(
      'Daily excerpt 每日一读: 09:00 Asia/Shanghai, weekdays 工作日. Next post 下次: 2025-11-27 09:00 (Thu 周四).',
    );
    expect(
      botWords('/speech').dailyStatus(
        describeSubscription({ ...active, paused: true, pausedReason: 'is_archived' }, at, undefined),
      ),
    ).toBe(
      'Daily excerpt 每日一读: 09:00 Asia/Shanghai, weekdays 工作日. Paused 已暂停 (is_archived); to resume, run `/speech daily 09:00 Asia/Shanghai` (恢复请再次运行).',
    );
    // DAILY_CHANNEL's subscription resumes at the bot's next start, not by a command (which it refuses).
    expect(
      botWords('/speech').dailyStatus(
        describeSubscription(
          { ...active, paused: true, pausedReason: 'not_in_channel', createdBy: 'config' },
          at,
        ),
      ),
    ).toBe(
      "Daily excerpt 每日一读: 09:00 Asia/Shanghai, weekdays 工作日. Paused 已暂停 (not_in_channel); it is set by the bot's configuration (DAILY_CHANNEL): invite the bot back if it was removed, then ask whoever runs it to restart it, which resumes it (由配置设定,重启后恢复).",
    );
    expect(
      botWords('/speech').dailyStatus(describeSubscription({ ...active, days: 'everyday' }, at, undefined)),
    ).toContain('every day 每天');
    // Active, it says so too: `daily 10:00` in that channel would be refused.
    expect(
      botWords('/speech').dailyStatus(
        describeSubscription({ ...active, createdBy: 'config' }, at, undefined),
      ),
    ).toBe(
      "Daily excerpt 每日一读: 09:00 Asia/Shanghai, weekdays 工作日. Next post 下次: 2025-11-27 09:00 (Thu 周四). Set by the bot's configuration (DAILY_CHANNEL)(由配置设定).",
    );
  });

  it('keep the words a user typed apart from ours in a daily error', () => {
    const words = botWords('/quote');
    expect(words.dailyError({ code: 'bad_time', typed: '25:00' })).toEqual([
      '"',
      { typed: '25:00' },
      '" is not a time; use HH:MM from 00:00 to 23:59, e.g. 09:00(时间格式如 09:00).',
    ]);
    expect(words.dailyError({ code: 'unexpected', typed: 'now', after: 'off' })).toEqual([
      'Unexpected "',
      { typed: 'now' },
      '" after "',
      { typed: 'off' },
      '"(多余的内容).',
    ]);
    expect(words.dailyError({ code: 'missing_time' })).toEqual([
      'Start with the time, e.g. `/quote daily 09:00 everyday`(请先写时间).',
    ]);
  });

  it('name the command only in the words that depend on it', () => {
    expect(JSON.stringify(WORDS)).not.toMatch(/\/(speech|quote)\b/);
    const words = botWords('/quote');
    expect(words.command).toBe('/quote');
    expect(words.sorry).toBe(WORDS.sorry);
    expect(words.expired).toBe('这个按钮已失效,请重新提问。This button has expired — please ask again.');
    expect(words.shareFailed).toBe('分享失败,请稍后再试。Could not share to the channel — please try again.');
  });

  it('keep button labels within 30 characters', () => {
    const labels = [
      WORDS.shareButton,
      WORDS.nextButton,
      WORDS.fullButton,
      WORDS.englishButton,
      WORDS.contextButton,
      WORDS.findInSpeech.shareToThread,
    ];
    for (const label of labels) expect([...label].length, label).toBeLessThanOrEqual(30);
  });
});
