/**
 * Mentions, DMs, the App Home, redelivered events and Slack API errors, end to end in Socket Mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appHomeOpenedEvent,
  appMentionEvent,
  directMessageEvent,
  type JsonObject,
  nextTs,
  type RecordedCall,
} from '../support/fake-slack.ts';
import {
  blocksOf,
  blockTexts,
  type Harness,
  messageOf,
  quoteRuns,
  startHarness,
  uniqueChannel,
} from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('socket');
});

afterAll(async () => {
  await h?.close();
});

const posts = (channel: string): RecordedCall[] =>
  h.fake.calls('chat.postMessage').filter((call) => call.args.channel === channel);

const answered = (channel: string): Promise<RecordedCall> =>
  h.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel && call.status === 200);

/** The call that Slack accepted (HTTP 200 and `ok: true`). */
const delivered = (channel: string): Promise<RecordedCall> =>
  h.fake.waitForCall(
    'chat.postMessage',
    (call) => call.args.channel === channel && call.response.ok === true,
  );

describe('app_mention', () => {
  it('answers in a thread under the mention, in its channel', async () => {
    const channel = uniqueChannel();
    const event = appMentionEvent({ text: '<@UBOT> 主题教育的总要求是什么?', channel, user: 'U7' });
    const { ack } = await h.sendEvent(h.fake.eventCallback(event));
    expect(ack?.payload).toEqual({});
    const call = await answered(channel);
    expect(call.token).toBe('xoxb-test-token');
    expect(call.args.thread_ts).toBe(event.ts);
    const message = messageOf(call);
    expect(message.text).toContain('守初心');
    expect(
      quoteRuns(message)
        .map((run) => run.text)
        .join(''),
    ).toContain('守初心');
    // Visible to the channel: nothing restates the query, nothing offers "Share".
    expect(blockTexts(blocksOf(message)).join('\n')).not.toContain('🔎');
    expect(JSON.stringify(message.blocks)).not.toContain('answer_share');
  });

  it('answers a mention inside a thread in that thread', async () => {
    const channel = uniqueChannel();
    const threadTs = nextTs();
    const event = appMentionEvent({ text: '<@UBOT> 档案安全', channel, thread_ts: threadTs });
    await h.sendEvent(h.fake.eventCallback(event));
    const call = await answered(channel);
    expect(call.args.thread_ts).toBe(threadTs);
    expect(call.args.thread_ts).not.toBe(event.ts);
  });

  it('answers a bare mention with help', async () => {
    const channel = uniqueChannel();
    await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT>', channel })));
    const message = messageOf(await answered(channel));
    expect(blockTexts(blocksOf(message)).join('\n')).toContain('怎么用 How to use');
  });

  it('ignores a mention written by a bot', async () => {
    const channel = uniqueChannel();
    const event = { ...appMentionEvent({ text: '<@UBOT> 档案安全', channel }), bot_id: 'B999' };
    await h.sendEvent(h.fake.eventCallback(event));
    await h.flush();
    expect(posts(channel)).toEqual([]);
  });
});

describe('direct messages', () => {
  it('answers a person in the DM channel', async () => {
    const event = directMessageEvent({ text: '档案安全', user: 'U42' });
    await h.sendEvent(h.fake.eventCallback(event));
    const call = await answered('D42');
    expect(call.args.thread_ts).toBeUndefined();
    expect(quoteRuns(messageOf(call)).some((run) => run.bold && run.text.includes('档案安全'))).toBe(true);
  });

  it('answers a question asked inside a DM thread in that thread', async () => {
    const event = {
      ...directMessageEvent({ text: '形式主义', user: 'U43' }),
      thread_ts: '1700000000.000100',
    };
    await h.sendEvent(h.fake.eventCallback(event));
    const call = await answered('D43');
    expect(call.args.thread_ts).toBe('1700000000.000100');
  });

  it('answers a DM question sent with a file, and a DM thread reply also sent to the conversation', async () => {
    const withFile = { ...directMessageEvent({ text: '档案安全', user: 'U46' }), subtype: 'file_share' };
    await h.sendEvent(h.fake.eventCallback(withFile));
    await answered('D46');
    const broadcast = {
      ...directMessageEvent({ text: '形式主义', user: 'U47' }),
      subtype: 'thread_broadcast',
      thread_ts: '1700000000.000200',
    };
    await h.sendEvent(h.fake.eventCallback(broadcast));
    expect((await answered('D47')).args.thread_ts).toBe('1700000000.000200');
  });

  it('answers a message forwarded to the bot without a word of its own, from the message it forwards', async () => {
    const channel = uniqueChannel('D');
    const quote = '守初心,就是要守住为中国人民谋幸福的初心';
    const forward = {
      ...directMessageEvent({ text: '', user: 'U49', channel }),
      attachments: [
        { is_share: true, is_msg_unfurl: true, text: quote, author_id: 'U2', channel_id: 'C2', ts: '1.2' },
      ],
    };
    await h.sendEvent(h.fake.eventCallback(forward));
    const message = messageOf(await answered(channel));
    expect(
      quoteRuns(message)
        .map((run) => run.text)
        .join(''),
    ).toContain('守初心');
    // Too long to ask as a question: the reply says where such a message is looked up.
    const longChannel = uniqueChannel('D');
    const long = {
      ...forward,
      channel: longChannel,
      attachments: [{ is_share: true, text: quote.repeat(30), ts: '1.3' }],
    };
    await h.sendEvent(h.fake.eventCallback(long));
    expect(messageOf(await answered(longChannel)).text).toContain('Find in speech');
  });

  it('ignores a file dropped in a DM without a word', async () => {
    const channel = uniqueChannel('D');
    const fileOnly = { ...directMessageEvent({ text: '', user: 'U48', channel }), subtype: 'file_share' };
    await h.sendEvent(h.fake.eventCallback(fileOnly));
    await h.flush();
    expect(posts(channel)).toEqual([]);
  });

  const ignored: Array<[string, (channel: string) => JsonObject]> = [
    [
      'an edit (subtype message_changed)',
      (channel) => ({
        type: 'message',
        subtype: 'message_changed',
        channel,
        channel_type: 'im',
        hidden: true,
        ts: nextTs(),
        event_ts: nextTs(),
        message: { type: 'message', user: 'U43', text: '档案安全', ts: nextTs() },
        previous_message: { type: 'message', user: 'U43', text: '档案', ts: nextTs() },
      }),
    ],
    [
      // Slack's docs warn that message_replied may come without its subtype: hidden, no text.
      'a reply notice without its subtype (message_replied)',
      (channel) => ({
        type: 'message',
        channel,
        channel_type: 'im',
        hidden: true,
        ts: nextTs(),
        event_ts: nextTs(),
        message: { type: 'message', user: 'U43', text: '档案安全', ts: nextTs(), reply_count: 1 },
      }),
    ],
    [
      "another bot's message",
      (channel) => ({ ...directMessageEvent({ text: '档案安全', user: 'U44', channel }), bot_id: 'B999' }),
    ],
    [
      "the bot's own message",
      (channel) => ({
        ...directMessageEvent({ text: '档案安全', user: 'UBOT', channel }),
        bot_id: 'BBOT',
        app_id: 'A1',
      }),
    ],
    [
      'a message in a channel (not a DM)',
      (channel) => ({
        ...directMessageEvent({ text: '档案安全', user: 'U45', channel }),
        channel_type: 'channel',
      }),
    ],
  ];
  for (const [what, build] of ignored) {
    it(`ignores ${what}`, async () => {
      const channel = uniqueChannel('D');
      await h.sendEvent(h.fake.eventCallback(build(channel)));
      await h.flush();
      expect(posts(channel)).toEqual([]);
    });
  }
});

describe('redelivered events', () => {
  it('answers an event Slack retries (retry_attempt 1) once', async () => {
    const channel = uniqueChannel();
    const body = h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel }));
    await h.sendEvent(body);
    await answered(channel);
    const { ack } = await h.sendEvent(body, { retry: 1 });
    expect(ack?.payload).toEqual({});
    await h.flush();
    expect(posts(channel)).toHaveLength(1);
  });

  it('answers an edited mention once: the edit that added the mention, or the mention, not both', async () => {
    const channel = uniqueChannel();
    const event = appMentionEvent({ text: '<@UBOT> 档案安全', channel });
    const edited = { ...event, text: '<@UBOT> 档案安全底线', edited: { user: 'U1', ts: nextTs() } };
    // Slack sends app_mention again for the edit, with a new event id.
    await h.sendEvent(h.fake.eventCallback(event));
    await answered(channel);
    await h.sendEvent(h.fake.eventCallback(edited));
    await h.flush();
    expect(posts(channel)).toHaveLength(1);
    // A message that mentions the bot only once edited has only the edited event: it is answered.
    const later = uniqueChannel();
    await h.sendEvent(h.fake.eventCallback({ ...edited, channel: later }));
    await answered(later);
    expect(posts(later)).toHaveLength(1);
  });

  it('does not answer an edit of a mention older than the claims it remembers', async () => {
    const channel = uniqueChannel();
    const threeHoursAgo = `${Math.floor(Date.now() / 1000) - 3 * 3600}.000100`;
    const event = appMentionEvent({ text: '<@UBOT> 档案安全', channel, ts: threeHoursAgo });
    const edited = { ...event, text: '<@UBOT> 档案安全底线', edited: { user: 'U1', ts: nextTs() } };
    await h.sendEvent(h.fake.eventCallback(edited));
    await h.flush();
    expect(posts(channel)).toEqual([]);
    // The same old message's first mention, unedited, is answered (Slack was late delivering it).
    await h.sendEvent(h.fake.eventCallback(event));
    await answered(channel);
  });

  it('still answers a different event with the same text', async () => {
    const channel = uniqueChannel();
    const event = appMentionEvent({ text: '<@UBOT> 档案安全', channel });
    await h.sendEvent(h.fake.eventCallback(event));
    await h.sendEvent(h.fake.eventCallback({ ...event, ts: nextTs() }));
    await h.flush();
    expect(posts(channel)).toHaveLength(2);
  });
});

describe('app_home_opened', () => {
  it('publishes the Home tab for that user: title, source, contents', async () => {
    await h.sendEvent(h.fake.eventCallback(appHomeOpenedEvent({ user: 'U77' })));
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === 'U77');
    expect(call.status).toBe(200);
    expect(call.response.ok).toBe(true);
    const view = call.args.view as { type: string; blocks: Parameters<typeof blockTexts>[0] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '凝心聚力 履职尽责', emoji: true },
    });
    const texts = blockTexts(view.blocks).join('\n');
    expect(texts).toContain('来源:中国档案报');
    expect(texts).toContain('黄国雄');
    expect(texts).toContain('怎么用 How to use');
    for (const part of ['第一部分', '第二部分', '第三部分']) expect(texts).toContain(part);
    expect(texts).toContain('切实加强组织领导,为主题教育提供坚强组织保证');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('does nothing for the Messages tab', async () => {
    await h.sendEvent(h.fake.eventCallback(appHomeOpenedEvent({ user: 'U78', tab: 'messages' })));
    await h.flush();
    expect(h.fake.calls('views.publish').filter((c) => c.args.user_id === 'U78')).toEqual([]);
  });
});

describe('Slack API errors', () => {
  for (const error of ['not_in_channel', 'channel_not_found']) {
    it(`logs ${error} on a mention and keeps answering`, async () => {
      const failing = uniqueChannel();
      h.fake.respondOnce('chat.postMessage', { ok: false, error });
      await h.sendEvent(
        h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel: failing })),
      );
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === failing);
      await expect
        .poll(() => h.logger.errors().find((line) => line.includes(failing)))
        .toMatch(new RegExp(`could not answer a mention in ${failing}.*${error}`));

      const channel = uniqueChannel();
      await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
      expect((await answered(channel)).response.ok).toBe(true);
    });
  }

  it('logs a failed views.publish and keeps working', async () => {
    h.fake.respondOnce('views.publish', { ok: false, error: 'not_enabled' });
    await h.sendEvent(h.fake.eventCallback(appHomeOpenedEvent({ user: 'U79' })));
    await h.fake.waitForCall('views.publish', (c) => c.args.user_id === 'U79');
    await expect
      .poll(() => h.logger.errors().join('\n'))
      .toMatch(/could not publish the App Home.*not_enabled/);
    await h.flush();
  });

  it('waits out a rate limit and delivers the answer', async () => {
    const channel = uniqueChannel();
    h.fake.rateLimit('chat.postMessage', { times: 1, retryAfterSeconds: 0 });
    await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
    const call = await answered(channel);
    expect(messageOf(call).text).toContain('档案安全');
    expect(posts(channel).map((c) => c.status)).toEqual([429, 200]);
    expect(h.logger.errors().join('\n')).not.toContain(channel);
  });

  it('retries a mention reply that Slack refuses as ratelimited (HTTP 200), and delivers it once', async () => {
    const channel = uniqueChannel();
    h.fake.respondOnce('chat.postMessage', { ok: false, error: 'ratelimited' });
    await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
    await delivered(channel);
    expect(posts(channel).map((c) => c.response.ok)).toEqual([false, true]);
  });

  it('falls back to the text alone when Slack refuses the blocks', async () => {
    const channel = uniqueChannel();
    h.fake.respondOnce('chat.postMessage', { ok: false, error: 'invalid_blocks' });
    await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
    const call = await delivered(channel);
    expect(call.args.blocks).toBeUndefined();
    expect(String(call.args.text)).toContain('档案安全');
    expect(call.args.thread_ts).toBeDefined();
    expect(posts(channel)).toHaveLength(2);
  });

  it('does not retry a mention reply that failed with HTTP 500 (it may have been posted), and logs it', async () => {
    const channel = uniqueChannel();
    h.fake.respond('chat.postMessage', { ok: false, error: 'internal_error' }, { times: 1, status: 500 });
    await h.sendEvent(h.fake.eventCallback(appMentionEvent({ text: '<@UBOT> 档案安全', channel })));
    await expect
      .poll(() => h.logger.errors().join('\n'))
      .toContain(`could not answer a mention in ${channel}`);
    await h.flush();
    expect(posts(channel)).toHaveLength(1);
  });

  it('never logged an unexpected listener failure', () => {
    expect(h.logger.errors().filter((line) => line.includes('Slack listener failed'))).toEqual([]);
  });
});
