/**
 * The listeners' named handlers, called directly with a fake `respond`, `ack` and Web API
 * client (the end-to-end tests run them through real Bolt and the fake Slack).
 */
import type { Logger, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { handleAnswerView, handleShareAnswer } from '../../src/slack/listeners/actions/answer.ts';
import { handleDailyContext } from '../../src/slack/listeners/actions/daily.ts';
import { handleShareToThread } from '../../src/slack/listeners/actions/thread.ts';
import { type CommandArgs, handleSpeechCommand } from '../../src/slack/listeners/commands/speech.ts';
import {
  answerInConversation,
  handleDirectMessage,
  handleHomeOpened,
  handleMention,
  stripMention,
} from '../../src/slack/listeners/events/handlers.ts';
import { handleFindInSpeech } from '../../src/slack/listeners/shortcuts/find-in-speech.ts';
import { encodeRef, encodeThreadRef, SHARE_TO_THREAD_ACTION } from '../../src/slack/render/answer.ts';
import type { SlackMessage } from '../../src/slack/render/blocks.ts';
import { asksForHelp } from '../../src/slack/replies.ts';
import { WORDS } from '../../src/slack/words.ts';
import { speechDeps } from './harness.ts';

const deps = speechDeps();

/** A `respond` that records what it was given, and can fail. */
function fakeRespond(fail?: () => Error) {
  const sent: RespondArguments[] = [];
  const tried: RespondArguments[] = [];
  const record = async (message: string | RespondArguments) => {
    tried.push(typeof message === 'string' ? { text: message } : message);
    if (fail) throw fail();
    sent.push(typeof message === 'string' ? { text: message } : message);
  };
  // Bolt's RespondFn resolves with the fetch Response, which no handler reads.
  const respond = record as unknown as RespondFn;
  return { respond, sent, tried };
}

function fakeAck() {
  const calls: unknown[] = [];
  return { ack: async () => void calls.push(true), calls };
}

function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (...msg: unknown[]) => void lines.push(msg.map(String).join(' '));
  return {
    lines,
    debug: log,
    info: log,
    warn: log,
    error: log,
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** A Web API client whose chat.postMessage and views.publish record their arguments. */
function fakeClient(postError?: () => Error) {
  const posts: webApi.ChatPostMessageArguments[] = [];
  const views: unknown[] = [];
  const client = {
    chat: {
      postMessage: async (args: webApi.ChatPostMessageArguments) => {
        if (postError) throw postError();
        posts.push(args);
        return { ok: true, ts: '1.1' };
      },
    },
    views: { publish: async (args: unknown) => void views.push(args) },
  } as unknown as Pick<webApi.WebClient, 'chat' | 'views'>;
  return { client, posts, views };
}

/** The blocks of a reply, as JSON text. */
const blocksOf = (message: SlackMessage | RespondArguments | webApi.ChatPostMessageArguments): string =>
  JSON.stringify('blocks' in message ? message.blocks : []);

describe('handleSpeechCommand', () => {
  it('acks, then answers the asker alone', async () => {
    const { ack, calls } = fakeAck();
    const { respond, sent } = fakeRespond();
    const command = { text: '档案安全', user_id: 'U1', channel_id: 'C1', team_id: 'T1' };
    await handleSpeechCommand({ command, ack, respond, logger: quietLogger() }, deps);
    expect(calls).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.response_type).toBe('ephemeral');
    expect(blocksOf(sent[0] as RespondArguments)).toContain('档案安全');
  });

  it('takes a command without a text field (Slack always sends one) as a bare command: the help', async () => {
    const { respond, sent } = fakeRespond();
    const command = { user_id: 'U1', channel_id: 'C1', team_id: 'T1' } as unknown as CommandArgs['command'];
    await handleSpeechCommand({ command, ack: fakeAck().ack, respond, logger: quietLogger() }, deps);
    expect(blocksOf(sent[0] as RespondArguments)).toContain('搜索并引用讲话');
  });

  it('logs a reply that cannot be delivered, without throwing or apologizing on the same URL', async () => {
    const logger = quietLogger();
    const refused = Object.assign(new Error('404'), { statusCode: 404 });
    const { respond, tried } = fakeRespond(() => refused);
    const command = { text: '档案安全', user_id: 'U1', channel_id: 'C1', team_id: 'T1' };
    await handleSpeechCommand({ command, ack: fakeAck().ack, respond, logger }, deps);
    expect(logger.lines.join('\n')).toContain('could not deliver the /speech reply');
    // The refused answer alone: an apology would be refused too, and use up the URL's 5 uses.
    expect(tried).toHaveLength(1);
    expect(tried[0]?.text).not.toBe(WORDS.sorry);
  });
});

describe('event handlers', () => {
  it('handleMention answers in the thread of the mention, and ignores bots', async () => {
    const { client, posts } = fakeClient();
    const event = { text: '<@UBOT> 主题教育的总要求是什么?', channel: 'C1', ts: '5.5' };
    await handleMention({ event, client, logger: quietLogger() }, deps);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '5.5' });
    await handleMention({ event: { ...event, bot_id: 'B1' }, client, logger: quietLogger() }, deps);
    expect(posts).toHaveLength(1);
  });

  // 400,000 characters: linear, a few milliseconds; quadratic, as they were, minutes.
  it('stripMention and asksForHelp read a long hostile message in linear time', { timeout: 5_000 }, () => {
    expect(stripMention('<@U|'.repeat(100_000))).toHaveLength(400_000);
    expect(asksForHelp(`a${','.repeat(400_000)}x`)).toBe(false);
    expect(asksForHelp(`请问${' '.repeat(400_000)}x`)).toBe(false);
  });

  it('stripMention drops a mention and the punctuation after it, not an emoji code', () => {
    expect(stripMention('<@UBOT>: 档案安全')).toBe('档案安全');
    expect(stripMention('<@UBOT|speechbot>，档案安全')).toBe('档案安全');
    expect(stripMention('<@UBOT>：档案安全')).toBe('档案安全');
    expect(stripMention('<@UBOT> :wave: 档案安全')).toBe(':wave: 档案安全');
    expect(stripMention('<@UBOT>:+1:')).toBe(':+1:');
    expect(stripMention('档案安全 <@UBOT>')).toBe('档案安全');
  });

  it('handleMention and handleDirectMessage take a text that is not a string as none: the help', async () => {
    const { client, posts } = fakeClient();
    const logger = quietLogger();
    const text = ['档案'] as unknown as string;
    await handleMention({ event: { text, channel: 'C2', ts: '6.9' }, client, logger }, deps);
    await handleDirectMessage({ message: { channel: 'D1', channel_type: 'im', text }, client, logger }, deps);
    expect(posts.map(blocksOf)).toEqual([
      expect.stringContaining('搜索并引用讲话'),
      expect.stringContaining('搜索并引用讲话'),
    ]);
    expect(logger.lines.join('\n')).not.toContain('Error');
  });

  it('handleMention answers a mention that comes without text with the help', async () => {
    const { client, posts } = fakeClient();
    const logger = quietLogger();
    await handleMention({ event: { channel: 'C2', ts: '6.6' }, client, logger }, deps);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C2', thread_ts: '6.6' });
    // Asked for help in words, in a mention or a DM: the help too, not a search for "help".
    await handleMention({ event: { text: '<@UBOT> help', channel: 'C2', ts: '6.7' }, client, logger }, deps);
    await handleDirectMessage(
      { message: { channel: 'D1', channel_type: 'im', text: '帮助' }, client, logger },
      deps,
    );
    // The mention may stand anywhere, in a DM too.
    await handleMention({ event: { text: 'help <@UBOT>', channel: 'C2', ts: '6.8' }, client, logger }, deps);
    await handleDirectMessage(
      { message: { channel: 'D1', channel_type: 'im', text: '<@UBOT|speechbot> ？' }, client, logger },
      deps,
    );
    const [help, ...asked] = posts.map(blocksOf);
    expect(asked).toEqual([help, help, help, help]);
    expect(help).toContain('搜索并引用讲话');
  });

  it('handleMention logs a post Slack refuses', async () => {
    const logger = quietLogger();
    const { client } = fakeClient(() => new Error('boom'));
    await handleMention(
      { event: { text: '<@UBOT> 档案安全', channel: 'C9', ts: '1.1' }, client, logger },
      deps,
    );
    expect(logger.lines.join('\n')).toContain('could not answer a mention in C9');
  });

  it('a mention or DM whose answer cannot be made gets an apology in its thread, and the error is logged', async () => {
    const { client, posts } = fakeClient();
    const logger = quietLogger();
    await answerInConversation(
      { client, logger, what: 'a mention in C3' },
      { channel: 'C3', thread_ts: '8.8' },
      () => {
        throw new Error('index corrupted');
      },
    );
    expect(posts).toEqual([{ channel: 'C3', thread_ts: '8.8', text: WORDS.sorry }]);
    expect(logger.lines.join('\n')).toMatch(/no answer for a mention in C3:.*index corrupted/);
  });

  it('handleDirectMessage answers a DM, in its thread when it has one, and nothing else', async () => {
    const { client, posts } = fakeClient();
    const logger = quietLogger();
    await handleDirectMessage(
      { message: { channel: 'D1', channel_type: 'im', text: '档案安全', thread_ts: '7.7' }, client, logger },
      deps,
    );
    await handleDirectMessage(
      { message: { channel: 'C1', channel_type: 'channel', text: '档案安全' }, client, logger },
      deps,
    );
    await handleDirectMessage(
      { message: { channel: 'D1', channel_type: 'im', subtype: 'message_changed' }, client, logger },
      deps,
    );
    await handleDirectMessage(
      { message: { channel: 'D1', channel_type: 'im', text: 'x', bot_id: 'B1' }, client, logger },
      deps,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'D1', thread_ts: '7.7' });
  });

  it('handleHomeOpened publishes the Home tab only for the Home tab', async () => {
    const { client, views } = fakeClient();
    const logger = quietLogger();
    await handleHomeOpened({ event: { tab: 'messages', user: 'U1' }, client, logger, context: {} }, deps);
    expect(views).toHaveLength(0);
    await handleHomeOpened(
      { event: { tab: 'home', user: 'U1' }, client, logger, context: { teamId: 'T1' } },
      deps,
    );
    expect(views).toMatchObject([{ user_id: 'U1', view: { type: 'home' } }]);
  });

  it('handleHomeOpened still publishes the usage and contents when the daily settings cannot be read', async () => {
    const { client, views } = fakeClient();
    const logger = quietLogger();
    const failing = {
      ...deps,
      homeSections: async () => {
        throw new Error('database is locked');
      },
    };
    await handleHomeOpened(
      { event: { tab: 'home', user: 'U1' }, client, logger, context: { teamId: 'T1' } },
      failing,
    );
    expect(views).toHaveLength(1);
    const shown = JSON.stringify(views[0]);
    expect(shown).toContain('怎么用 How to use');
    expect(shown).toContain('The daily settings cannot be read right now');
    expect(logger.lines.join('\n')).toContain('database is locked');
  });
});

describe('button handlers', () => {
  const body = (ephemeral: boolean) => ({ user: { id: 'U2' }, container: { is_ephemeral: ephemeral } });

  it('handleShareAnswer posts to the channel and deletes the private copy', async () => {
    const { respond, sent } = fakeRespond();
    const action = { action_id: 'answer_share', value: encodeRef({ q: '档案安全', i: 0 }) };
    await handleShareAnswer(
      { ack: fakeAck().ack, action, body: body(true), respond, logger: quietLogger() },
      deps,
    );
    expect(sent.map((message) => message.response_type ?? (message.delete_original ? 'delete' : ''))).toEqual(
      ['in_channel', 'delete'],
    );
    expect(JSON.stringify(sent[0])).toContain('<@U2>');
  });

  it('handleShareAnswer says a broken button has expired', async () => {
    const { respond, sent } = fakeRespond();
    const action = { action_id: 'answer_share', value: 'junk' };
    await handleShareAnswer(
      { ack: fakeAck().ack, action, body: body(true), respond, logger: quietLogger() },
      deps,
    );
    expect(sent[0]?.text).toContain('expired');
  });

  it('handleAnswerView replaces the asker’s own answer, and shows a shared one to the clicker alone', async () => {
    const action = { action_id: 'answer_full', value: encodeRef({ q: '主题教育的总要求是什么?', i: 0 }) };
    const own = fakeRespond();
    await handleAnswerView(
      { ack: fakeAck().ack, action, body: body(true), respond: own.respond, logger: quietLogger() },
      deps,
      {
        full: true,
        translation: false,
      },
    );
    expect(own.sent[0]).toMatchObject({ replace_original: true });
    const shared = fakeRespond();
    await handleAnswerView(
      { ack: fakeAck().ack, action, body: body(false), respond: shared.respond, logger: quietLogger() },
      deps,
      { full: true, translation: false },
    );
    expect(shared.sent[0]).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(shared.sent[0]).not.toHaveProperty('thread_ts');
  });

  it('answers a click on an answer inside a thread in that thread, not at the channel’s top', async () => {
    const inThread = { user: { id: 'U2' }, container: { is_ephemeral: false, thread_ts: '9.1' } };
    const action = { action_id: 'answer_next', value: encodeRef({ q: '档案安全', i: 0 }) };
    const view = fakeRespond();
    await handleAnswerView(
      { ack: fakeAck().ack, action, body: inThread, respond: view.respond, logger: quietLogger() },
      deps,
      { full: false, translation: false },
    );
    expect(view.sent[0]).toMatchObject({ response_type: 'ephemeral', thread_ts: '9.1' });
    const share = fakeRespond();
    await handleShareAnswer(
      {
        ack: fakeAck().ack,
        action: { ...action, action_id: 'answer_share' },
        body: { ...inThread, container: { is_ephemeral: true, thread_ts: '9.1' } },
        respond: share.respond,
        logger: quietLogger(),
      },
      deps,
    );
    expect(share.sent[0]).toMatchObject({ response_type: 'in_channel', thread_ts: '9.1' });
    // A thread's first message is read in the channel: a click on it is answered there.
    const parent = fakeRespond();
    await handleAnswerView(
      {
        ack: fakeAck().ack,
        action,
        body: { user: { id: 'U2' }, container: { is_ephemeral: false, thread_ts: '9.1', message_ts: '9.1' } },
        respond: parent.respond,
        logger: quietLogger(),
      },
      deps,
      { full: false, translation: false },
    );
    expect(parent.sent[0]).not.toHaveProperty('thread_ts');
  });

  it('handleDailyContext shows the surrounding paragraphs, or says the passage is gone', async () => {
    const passage = deps.search.passages.find((candidate) => candidate.kind === 'paragraph');
    const found = fakeRespond();
    await handleDailyContext(
      {
        ack: fakeAck().ack,
        action: { value: passage?.paragraphId ?? '' },
        respond: found.respond,
        logger: quietLogger(),
      },
      deps,
    );
    expect(found.sent[0]?.response_type).toBe('ephemeral');
    const gone = fakeRespond();
    await handleDailyContext(
      { ack: fakeAck().ack, action: { value: 'nope' }, respond: gone.respond, logger: quietLogger() },
      deps,
    );
    expect(gone.sent[0]?.text).toContain('no longer');
  });

  it('handleShareToThread posts in the thread, or says how to invite the bot', async () => {
    const action = {
      value: encodeThreadRef({
        q: '档案安全',
        i: 0,
        c: 'C1',
        t: '9.9',
        p: deps.search.search('档案安全').hits[0]?.passage.id ?? '',
      }),
    };
    const { client, posts } = fakeClient();
    const ok = fakeRespond();
    await handleShareToThread(
      {
        ack: fakeAck().ack,
        action,
        body: { user: { id: 'U3' }, channel: { id: 'C1' } },
        client,
        respond: ok.respond,
        logger: quietLogger(),
      },
      deps,
    );
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '9.9' });
    expect(ok.sent).toEqual([{ delete_original: true }]);

    const notInChannel = Object.assign(new Error('not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel' },
    });
    const refused = fakeClient(() => notInChannel);
    const told = fakeRespond();
    await handleShareToThread(
      {
        ack: fakeAck().ack,
        action,
        body: { user: { id: 'U3' }, channel: { id: 'C1' } },
        client: refused.client,
        respond: told.respond,
        logger: quietLogger(),
      },
      deps,
    );
    expect(told.sent[0]?.text).toContain('/invite @speechbot');

    // A value naming another conversation than the one clicked in was altered: nothing is posted.
    const elsewhere = fakeClient();
    const refusedElsewhere = fakeRespond();
    await handleShareToThread(
      {
        ack: fakeAck().ack,
        action,
        body: { user: { id: 'U3' }, channel: { id: 'C2' } },
        client: elsewhere.client,
        respond: refusedElsewhere.respond,
        logger: quietLogger(),
      },
      deps,
    );
    expect(elsewhere.posts).toEqual([]);
    expect(refusedElsewhere.sent[0]?.text).toBe(WORDS.expired);
  });
});

describe('handleFindInSpeech', () => {
  const passage = deps.search.passages.find(
    (candidate) => candidate.kind === 'point' && candidate.text.length > 80,
  );
  if (!passage) throw new Error('the speech has no long point');
  const run = async (text: string | undefined, threadTs?: string) => {
    const { respond, sent } = fakeRespond();
    const shortcut = {
      message: {
        ts: '3.3',
        ...(text === undefined ? {} : { text }),
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      },
      channel: { id: 'C5' },
    };
    await handleFindInSpeech({ ack: fakeAck().ack, shortcut, respond, logger: quietLogger() }, deps);
    expect(sent).toHaveLength(1);
    return sent[0] as RespondArguments;
  };

  it('names the passage a pasted sentence quotes, word for word, with a button to share it in the thread', async () => {
    const reply = await run(`看这句:${passage.text.slice(5, 45)} 说得好 <@U123>`);
    expect(reply.response_type).toBe('ephemeral');
    expect(blocksOf(reply)).toContain('word for word');
    expect(blocksOf(reply)).toContain(passage.heading);
    expect(blocksOf(reply)).toContain(SHARE_TO_THREAD_ACTION);
    expect(blocksOf(reply)).not.toContain('answer_share"');
  });

  it('answers a reply in a thread in that thread, and a thread’s first message where it stands', async () => {
    const quote = passage.text.slice(5, 45);
    expect(await run(quote, '1.0')).toMatchObject({ thread_ts: '1.0' });
    expect(await run(quote, '3.3')).not.toHaveProperty('thread_ts');
    expect(await run(quote)).not.toHaveProperty('thread_ts');
  });

  it('finds the closest passage of a paraphrase', async () => {
    const reply = await run('我觉得馆里应该让老百姓查档案更方便,简化流程,提供网上查询。');
    expect(blocksOf(reply)).toContain('closest passage');
  });

  it('says a message that quotes nothing quotes nothing, and a message without text has none', async () => {
    expect((await run('今天天气不错,我们下午去打篮球吧,晚上吃火锅。')).text).toContain(
      'does not quote the speech',
    );
    expect((await run(undefined)).text).toContain('no text');
    expect((await run('   ')).text).toContain('no text');
  });

  it('answers a payload Slack would not send (text a number, blocks nested thousands deep) without failing', async () => {
    const { respond, sent } = fakeRespond();
    let deep: unknown = { type: 'text', text: passage.text.slice(5, 45) };
    for (let i = 0; i < 5_000; i++) deep = { type: 'rich_text_section', elements: [deep] };
    const shortcut = {
      message: { ts: '3.3', text: 42 as unknown as string, blocks: [deep] },
      channel: { id: 'C5' },
    };
    await handleFindInSpeech({ ack: fakeAck().ack, shortcut, respond, logger: quietLogger() }, deps);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('no text');
  });

  it('reads a 5,000-character message', async () => {
    const long = `会议纪要 ${'今天讨论了很多事情,大家发言踊跃。'.repeat(200)}${passage.text}`.slice(-5_000);
    const reply = await run(long);
    expect(blocksOf(reply)).toContain(passage.heading);
  });
});
