/**
 * `/speech …` end to end: the real Bolt app in Socket Mode, the real speech, the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, decodeRef } from '../../src/slack/render/answer.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import {
  blocksOf,
  blockTexts,
  buttonOf,
  buttonsOf,
  type Harness,
  messageOf,
  type PostedMessage,
  quoteRuns,
  startHarness,
} from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('socket');
});

afterAll(async () => {
  await h?.close();
});

/** Every text Slack shows for the message, fallback included. */
function shownText(message: PostedMessage): string {
  return [message.text ?? '', ...blockTexts(blocksOf(message))].join('\n');
}

describe('/speech <query> (Socket Mode)', () => {
  it('acks at once, then answers 档案安全 ephemerally with position, quote, source, query and buttons', async () => {
    const started = Date.now();
    const { delivery, response } = await h.command('档案安全');
    expect(delivery.ack?.payload).toEqual({});
    expect(Date.now() - started).toBeLessThan(3_000);

    const message = messageOf(response);
    expect(message.response_type).toBe('ephemeral');
    expect(message.text?.trim()).toBeTruthy();
    expect(message.text).toContain('档案安全');
    const blocks = blocksOf(message);
    const texts = blockTexts(blocks);
    // The query restated (the asker cannot see their own slash command).
    expect(blocks[0]).toMatchObject({
      type: 'context',
      elements: [{ type: 'plain_text', text: '🔎 档案安全' }],
    });
    // The section heading, bold.
    expect(blocks).toContainEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*准确把握目标任务,把学习教育、调查研究、检视问题、整改落实贯穿主题教育全过程*',
      },
    });
    expect(texts.some((text) => text.includes('第二部分 · 第四段 · 四要'))).toBe(true);
    // The quote, with the matched words in bold.
    const runs = quoteRuns(message);
    expect(runs.map((run) => run.text).join('')).toContain('严守档案安全底线不到位');
    expect(runs.filter((run) => run.bold).some((run) => run.text.includes('档案安全'))).toBe(true);
    expect(texts.some((text) => text.includes('来源:中国档案报'))).toBe(true);
    // Share (only the asker sees the answer) and Next result, carrying the query.
    const share = buttonOf(message, ACTIONS.share);
    const next = buttonOf(message, ACTIONS.next);
    // Each names the passage it refers to, so that a later search finding another one says "expired".
    const [first, second] = h.deps.search.search('档案安全', { limit: 2 }).hits.map((hit) => hit.passage.id);
    expect(decodeRef(share.value)).toEqual({ q: '档案安全', i: 0, p: first });
    expect(decodeRef(next.value)).toEqual({ q: '档案安全', i: 1, p: second });
  });

  it('answers a question with Traditional characters too', async () => {
    const { response } = await h.command('檔案安全');
    expect(quoteRuns(messageOf(response)).some((run) => run.bold && run.text.includes('档案安全'))).toBe(
      true,
    );
  });
});

describe('/speech help', () => {
  // A new user's first words: a greeting, or how to use the bot.
  for (const text of [
    '',
    '   ',
    'help',
    'HELP',
    '帮助',
    '你好!',
    'hi',
    '怎么用?',
    'How do I use this bot?',
  ]) {
    it(`shows usage and the table of contents for ${JSON.stringify(text)}`, async () => {
      const { delivery, response } = await h.command(text);
      expect(delivery.ack?.payload).toEqual({});
      const message = messageOf(response);
      expect(message.response_type).toBe('ephemeral');
      expect(message.text).toContain('/speech');
      const shown = shownText(message);
      expect(shown).toContain('怎么用 How to use');
      expect(shown).toContain('/speech 关键词或问题');
      expect(shown).toContain('Find in speech');
      expect(shown).toContain('目录 Contents');
      for (const part of ['第一部分', '第二部分', '第三部分']) expect(shown).toContain(part);
      expect(shown).toContain('不折不扣落实总要求');
      expect(buttonsOf(message)).toEqual([]);
    });
  }
});

describe('/speech with nothing to find', () => {
  it('says the speech does not address 今天天气怎么样 and suggests 2–3 sections', async () => {
    const { response } = await h.command('今天天气怎么样');
    const message = messageOf(response);
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('讲话中没有谈到');
    expect(message.text).toContain('The speech does not address this');
    const suggestions = blockTexts(blocksOf(message))
      .join('\n')
      .split('\n')
      .filter((line) => line.startsWith('• 第'));
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(buttonsOf(message)).toEqual([]);
  });
});

describe('/speech with hostile or odd input', () => {
  it('restates the question without its mentions, a typed < escaped once, and posts no raw mention anywhere', async () => {
    // Slack sends a typed `<` as `&lt;`: it is decoded for the search and escaped once on echo.
    // Its mentions (<!channel>, <@U999>) ask nothing: they are neither searched nor restated.
    const { response } = await h.command('<!channel> <@U999> &lt;b&gt; 档案安全');
    const message = messageOf(response);
    const json = JSON.stringify(response.body);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    expect(blocksOf(message)[0]).toMatchObject({
      type: 'context',
      elements: [
        {
          type: 'plain_text',
          text: '🔎 &lt;b&gt; 档案安全',
        },
      ],
    });
  });

  it('shows no raw mention in an answer found next to one', async () => {
    const { response } = await h.command('<!channel> 档案安全 <!here>');
    const message = messageOf(response);
    const shown = shownText(message);
    expect(quoteRuns(message).length).toBeGreaterThan(0);
    expect(shown).not.toMatch(/<[!@#]|&lt;[!@#]/);
  });

  it('answers a 100 KB query with "too long", and keeps working', async () => {
    const { delivery, response } = await h.command('档案'.repeat(50_000));
    expect(delivery.ack?.payload).toEqual({});
    const message = messageOf(response);
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toMatch(/too long: 500 characters at most/);
    expect(JSON.stringify(response.body).length).toBeLessThan(5_000);
    const again = await h.command('档案安全');
    expect(quoteRuns(messageOf(again.response)).length).toBeGreaterThan(0);
  });

  it('answers an emoji-only query with a usage hint', async () => {
    const { response } = await h.command('😀🎉 :smile:');
    const message = messageOf(response);
    expect(message.text).toContain('Tell me what to look for');
    expect(message.text).toContain('档案安全');
  });
});

describe('/speech when the response_url fails', () => {
  for (const status of [500, 503, 429]) {
    it(`tries the response_url again after HTTP ${status}, and the answer arrives`, async () => {
      h.fake.respondToResponseUrl({ status, body: 'busy' });
      const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
      const id = FakeSlack.responseIdOf(payload.response_url);
      await h.sendCommand(payload);
      await h.fake.waitForResponse(id, () => h.fake.responses(id).length >= 2, 8_000);
      const [refused, delivered] = h.fake.responses(id).map(messageOf);
      expect(delivered).toEqual(refused);
      expect(delivered?.response_type).toBe('ephemeral');
      expect(h.logger.entries.map((entry) => entry.text).join('\n')).toContain(
        `response_url failed (HTTP ${status})`,
      );
    }, 15_000);
  }

  it('logs the failure and answers the next command', async () => {
    h.fake.respondToResponseUrl({ status: 404, body: 'expired_url' });
    const payload = h.fake.slashCommand({ command: '/speech', text: '档案安全' });
    const id = FakeSlack.responseIdOf(payload.response_url);
    await h.sendCommand(payload);
    // The answer, refused; no apology after it, which the expired URL would refuse as well.
    await h.fake.waitForResponse(id, (_response) => h.fake.responses(id).length >= 1);
    await expect.poll(() => h.logger.errors().join('\n')).toContain('could not deliver the /speech reply');
    expect(h.fake.responses(id)).toHaveLength(1);
    expect(h.logger.errors().join('\n')).not.toMatch(/TypeError|Cannot read properties|listener failed/);

    const { response } = await h.command('档案安全');
    expect(messageOf(response).response_type).toBe('ephemeral');
  });
});
