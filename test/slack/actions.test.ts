/**
 * The answer's buttons (Next result, Full paragraph, Share to channel), end to end in Socket Mode:
 * values taken from a real reply, clicked as Slack sends block_actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, decodeRef, encodeRef } from '../../src/slack/render/answer.ts';
import { FakeSlack, type JsonObject, type RecordedResponse, type SocketAck } from '../support/fake-slack.ts';
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

interface Click {
  ack: SocketAck | undefined;
  /** The response_url id of the clicked message. */
  id: string;
  /** The first response_url POST. */
  response: () => Promise<RecordedResponse>;
}

/** Clicks a button as Slack does: block_actions on the message (ephemeral for slash-command replies). */
async function click(
  actionId: string,
  value: string,
  options: { ephemeral?: boolean; user?: string } = {},
): Promise<Click> {
  const payload = h.fake.blockActions({
    actions: [{ action_id: actionId, value, block_id: 'answer_actions' }],
    user_id: options.user ?? 'U5',
  });
  const container = payload.container as JsonObject;
  payload.container = { ...container, is_ephemeral: options.ephemeral ?? true };
  const id = FakeSlack.responseIdOf(String(payload.response_url));
  const { ack } = await h.sendAction(payload);
  return { ack, id, response: () => h.fake.waitForResponse(id) };
}

/** The quote as one string. */
const quoteOf = (message: PostedMessage): string =>
  quoteRuns(message)
    .map((run) => run.text)
    .join('');

async function ask(text: string): Promise<PostedMessage> {
  return messageOf((await h.command(text)).response);
}

describe('Next result', () => {
  it('replaces the ephemeral answer with result 2, which offers Share for result 2', async () => {
    const first = await ask('档案安全');
    const { ack, response } = await click(ACTIONS.next, buttonOf(first, ACTIONS.next).value);
    expect(ack?.payload).toEqual({});
    const second = messageOf(await response());
    expect(second.replace_original).toBe(true);
    expect(second.response_type).toBeUndefined();
    const texts = blockTexts(blocksOf(second)).join('\n');
    expect(texts).toContain('第2个结果 (result 2)');
    expect(texts).toContain('🔎 档案安全');
    expect(quoteOf(second)).not.toBe(quoteOf(first));
    expect(quoteOf(second).length).toBeGreaterThan(0);
    const secondId = h.deps.search.search('档案安全', { limit: 2 }).hits[1]?.passage.id;
    expect(decodeRef(buttonOf(second, ACTIONS.share).value)).toEqual({ q: '档案安全', i: 1, p: secondId });
  });

  for (const actionId of [ACTIONS.next, ACTIONS.full, ACTIONS.english]) {
    it(`${actionId} on a message the channel sees shows the clicker alone, and leaves the message as it is`, async () => {
      const { response } = await click(actionId, encodeRef({ q: '档案安全', i: 1 }), { ephemeral: false });
      const shown = messageOf(await response());
      expect(shown.replace_original).toBe(false);
      expect(shown.response_type).toBe('ephemeral');
      expect(quoteOf(shown).length).toBeGreaterThan(0);
    });
  }
});

describe('Full paragraph', () => {
  it('replaces a cut quote with the whole paragraph', async () => {
    const first = await ask('主题教育的总要求是什么?');
    expect(quoteOf(first)).toMatch(/…/);
    const { response } = await click(ACTIONS.full, buttonOf(first, ACTIONS.full).value);
    const full = messageOf(await response());
    expect(full.replace_original).toBe(true);
    const paragraph = h.deps.search.search('主题教育的总要求是什么?').hits[0]?.passage.paragraphText;
    expect(paragraph).toBeDefined();
    expect(quoteOf(full)).toBe(paragraph);
    expect(quoteOf(full)).not.toMatch(/^…|…$/);
    expect(buttonsOf(full).map((button) => button.action_id)).not.toContain(ACTIONS.full);
  });
});

describe('English', () => {
  it('a Chinese answer offers the translation, which the button shows under the same quote', async () => {
    const first = await ask('档案安全');
    expect(blockTexts(blocksOf(first)).join('\n')).not.toContain('English (working translation');
    const { response } = await click(ACTIONS.english, buttonOf(first, ACTIONS.english).value);
    const english = messageOf(await response());
    expect(english.replace_original).toBe(true);
    expect(quoteOf(english)).toBe(quoteOf(first));
    const texts = blockTexts(blocksOf(english)).join('\n');
    expect(texts).toContain(
      'English (working translation, not official): Fourth, we must solidly advance rectification',
    );
    expect(buttonsOf(english).map((button) => button.action_id)).not.toContain(ACTIONS.english);
  });

  it('an English question is answered with the Chinese original and its translation under it', async () => {
    const answer = await ask('Where is the office of the leading group?');
    expect(quoteOf(answer)).toContain('领导小组办公室设在机关党委');
    expect(blockTexts(blocksOf(answer)).join('\n')).toMatch(
      /English \(working translation, not official\): First, set up a leading group/,
    );
  });
});

describe('Share to channel', () => {
  it('posts the answer in the channel crediting the user, then deletes the ephemeral one', async () => {
    const first = await ask('档案安全');
    const { id } = await click(ACTIONS.share, buttonOf(first, ACTIONS.share).value, { user: 'U9' });
    const deleted = await h.fake.waitForResponse(id, (r) => messageOf(r).delete_original === true);
    const [shared, ...rest] = h.fake.responses(id);
    expect(rest.at(-1)).toBe(deleted);
    expect(rest).toHaveLength(1);
    if (!shared) throw new Error('no shared message');
    const message = messageOf(shared);
    expect(message.response_type).toBe('in_channel');
    expect(message.replace_original).toBe(false);
    expect(message.text).toBe(first.text);
    expect(quoteOf(message)).toBe(quoteOf(first));
    expect(blockTexts(blocksOf(message)).join('\n')).toContain('<@U9> 分享 (shared)');
    // Not the asker's view: no restated query, no buttons.
    expect(blockTexts(blocksOf(message)).join('\n')).not.toContain('🔎');
    expect(buttonsOf(message)).toEqual([]);
  });

  it('shares the whole paragraph, or the English, when that is what the asker was looking at', async () => {
    const first = await ask('主题教育的总要求是什么?');
    const full = messageOf(await (await click(ACTIONS.full, buttonOf(first, ACTIONS.full).value)).response());
    const sharedFull = messageOf(
      await (await click(ACTIONS.share, buttonOf(full, ACTIONS.share).value)).response(),
    );
    expect(sharedFull.response_type).toBe('in_channel');
    expect(quoteOf(sharedFull)).toBe(quoteOf(full));
    expect(quoteOf(sharedFull)).not.toBe(quoteOf(first));

    const english = messageOf(
      await (await click(ACTIONS.english, buttonOf(first, ACTIONS.english).value)).response(),
    );
    const sharedEnglish = messageOf(
      await (await click(ACTIONS.share, buttonOf(english, ACTIONS.share).value)).response(),
    );
    expect(blockTexts(blocksOf(sharedEnglish)).join('\n')).toContain(
      'English (working translation, not official)',
    );
    expect(blockTexts(blocksOf(first)).join('\n')).not.toContain('English (working translation');
  });

  it('shares result 2 when that is what the user is looking at', async () => {
    const { id } = await click(ACTIONS.share, encodeRef({ q: '档案安全', i: 1 }));
    const shared = messageOf(await h.fake.waitForResponse(id));
    expect(shared.response_type).toBe('in_channel');
    expect(blockTexts(blocksOf(shared)).join('\n')).toContain('第2个结果 (result 2)');
  });
});

describe('tampered or stale buttons', () => {
  const values = [
    'not json',
    '',
    '{"q":1,"i":0}',
    '{"q":"档案安全","i":-1}',
    '{"q":"档案安全","i":1.5}',
    '{"q":"档案安全","i":51}',
    'null',
    '[]',
  ];
  for (const actionId of [ACTIONS.next, ACTIONS.full, ACTIONS.share]) {
    it(`${actionId} says the button has expired for junk values`, async () => {
      for (const value of values) {
        const { ack, response } = await click(actionId, value);
        expect(ack?.payload).toEqual({});
        const message = messageOf(await response());
        expect(message.replace_original).toBe(false);
        expect(message.text).toContain('This button has expired');
      }
    });
  }

  it('share, next and full say expired when the passage the button showed is no longer there', async () => {
    // Drawn by another version of the bot (a rolling deploy), whose ranking put another passage first.
    const [best, other] = h.deps.search.search('档案安全', { limit: 2 }).hits;
    expect(best && other).toBeTruthy();
    const stale = encodeRef({ q: '档案安全', i: 0, p: other?.passage.id });
    for (const actionId of [ACTIONS.share, ACTIONS.full, ACTIONS.english]) {
      const { response } = await click(actionId, stale);
      expect(messageOf(await response()).text, actionId).toContain('This button has expired');
    }
    // Still the same passage: shared as before.
    const { response } = await click(ACTIONS.share, encodeRef({ q: '档案安全', i: 0, p: best?.passage.id }));
    expect(messageOf(await response()).response_type).toBe('in_channel');
  });

  it('share says expired when the query no longer finds anything', async () => {
    const { response } = await click(ACTIONS.share, encodeRef({ q: '今天天气怎么样', i: 0 }));
    expect(messageOf(await response()).text).toContain('This button has expired');
  });

  it('next on a query that finds nothing shows "not found" instead of failing', async () => {
    const { response } = await click(ACTIONS.next, encodeRef({ q: '今天天气怎么样', i: 1 }));
    const message = messageOf(await response());
    expect(message.replace_original).toBe(true);
    expect(message.text).toContain('讲话中没有谈到');
  });
});

describe('when the response_url refuses', () => {
  it('logs a failed share (and the failed apology) without a listener crash', async () => {
    h.fake.respondToResponseUrl({ status: 404, body: 'expired_url' }, { times: 2 });
    const { id } = await click(ACTIONS.share, encodeRef({ q: '档案安全', i: 0 }));
    await h.fake.waitForResponse(id, () => h.fake.responses(id).length >= 2);
    await expect.poll(() => h.logger.errors().length).toBeGreaterThanOrEqual(2);
    const errors = h.logger.errors().join('\n');
    expect(errors).toContain('could not share an answer');
    expect(errors).toContain('404');
    expect(errors).not.toMatch(/TypeError|Cannot read properties|listener failed/);
  });

  it('does not call a share that reached the channel a failure when only deleting the original fails', async () => {
    h.fake.respondToResponseUrl({ status: 200, body: { ok: true } });
    h.fake.respondToResponseUrl({ status: 404, body: 'expired_url' });
    const before = h.logger.errors().length;
    const { id } = await click(ACTIONS.share, encodeRef({ q: '档案安全', i: 0 }));
    await h.fake.waitForResponse(id, (r) => messageOf(r).delete_original === true);
    await expect.poll(() => h.logger.errors().length).toBeGreaterThan(before);
    await h.flush();
    const bodies = h.fake.responses(id).map(messageOf);
    expect(bodies[0]?.response_type).toBe('in_channel');
    expect(bodies.some((body) => body.text?.includes('Could not share'))).toBe(false);
    expect(h.logger.errors().slice(before).join('\n')).toMatch(/could not delete.*404/);
  });

  it('logs a failed "expired" notice without a listener crash', async () => {
    h.fake.respondToResponseUrl({ status: 404, body: 'expired_url' });
    const before = h.logger.errors().length;
    await click(ACTIONS.share, 'junk');
    await expect.poll(() => h.logger.errors().length).toBeGreaterThan(before);
    const errors = h.logger.errors().slice(before).join('\n');
    expect(errors).toContain('404');
    expect(errors).not.toMatch(/TypeError|Cannot read properties|listener failed/);
  });

  it('logs a failed Next result and answers the next click', async () => {
    h.fake.respondToResponseUrl({ status: 404, body: 'expired_url' });
    const before = h.logger.errors().length;
    await click(ACTIONS.next, encodeRef({ q: '档案安全', i: 1 }));
    await expect.poll(() => h.logger.errors().length).toBeGreaterThan(before);
    expect(h.logger.errors().slice(before).join('\n')).toContain(`could not handle ${ACTIONS.next}`);
    const { response } = await click(ACTIONS.next, encodeRef({ q: '档案安全', i: 1 }));
    expect(messageOf(await response()).replace_original).toBe(true);
  });

  it('never hit the app-level "listener failed" handler', () => {
    expect(h.logger.errors().filter((line) => line.includes('Slack listener failed'))).toEqual([]);
  });
});
