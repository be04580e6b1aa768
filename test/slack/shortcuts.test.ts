/**
 * "Find in speech", the message shortcut, end to end: real Bolt, the fake Slack, both modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlace } from '../../src/content/place.ts';
import { FIND_IN_SPEECH } from '../../src/slack/listeners/shortcuts/find-in-speech.ts';
import { ACTIONS, decodeRef, SHARE_TO_THREAD_ACTION } from '../../src/slack/render/answer.ts';
import { FakeSlack, type JsonObject } from '../support/fake-slack.ts';
import {
  blocksOf,
  blockTexts,
  buttonOf,
  buttonsOf,
  type Harness,
  messageOf,
  type PostedMessage,
  startHarness,
} from './harness.ts';

for (const mode of ['socket', 'http'] as const) {
  describe(`Find in speech (${mode})`, () => {
    let h: Harness;

    beforeAll(async () => {
      h = await startHarness(mode);
    });

    afterAll(async () => {
      await h?.close();
    });

    const passage = () => {
      const found = h.deps.search.passages.find(
        (candidate) => candidate.kind === 'point' && candidate.text.length > 80,
      );
      if (!found) throw new Error('the speech has no long point');
      return found;
    };

    /** Clicks a button of the clicker's own (ephemeral) answer, as Slack sends it, and returns the reply. */
    async function clickOn(message: PostedMessage, actionId: string): Promise<PostedMessage> {
      const payload = h.fake.blockActions({
        actions: [
          { action_id: actionId, value: buttonOf(message, actionId).value, block_id: 'answer_actions' },
        ],
      });
      payload.container = { ...(payload.container as JsonObject), is_ephemeral: true };
      await h.sendAction(payload);
      return messageOf(await h.fake.waitForResponse(FakeSlack.responseIdOf(String(payload.response_url))));
    }

    async function shortcut(options: Parameters<FakeSlack['messageShortcut']>[0]) {
      const payload = h.fake.messageShortcut(options);
      const delivery = await h.sendAction(payload as unknown as JsonObject);
      const response = await h.fake.waitForResponse(FakeSlack.responseIdOf(payload.response_url));
      return { delivery, message: messageOf(response), payload };
    }

    it('names the passage a pasted sentence quotes, to the clicker alone, with a thread button', async () => {
      const { message } = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: `看这句:${passage().text.slice(5, 50)}`,
      });
      expect(message.response_type).toBe('ephemeral');
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('word for word');
      expect(text).toContain(passage().heading);
      expect(text).toContain(SHARE_TO_THREAD_ACTION);
    });

    it('keeps the quoted passage first when its buttons are clicked, though a search alone ranks another first', async () => {
      // A sentence that opens with the speech's stock phrase: searched again on its own, the
      // quoted run ranks another passage first.
      const text = '严格对照习近平新时代中国特色社会主义思想和党中央决策部署';
      const quoted = h.deps.search.passages.find((candidate) => candidate.text.includes(text));
      if (!quoted) throw new Error('the speech no longer says this');
      const { message } = await shortcut({ callbackId: FIND_IN_SPEECH, text });
      const place = formatPlace(quoted);
      expect(blockTexts(blocksOf(message)).join('\n')).toContain(place);
      const full = buttonOf(message, ACTIONS.full);
      const ref = decodeRef(full.value);
      expect(ref?.f).toBe(quoted.id);
      // Otherwise this test would pass without the passage being put first again.
      expect(h.deps.search.search(ref?.q ?? '').hits[0]?.passage.id).not.toBe(quoted.id);
      for (const actionId of [ACTIONS.full, ACTIONS.english]) {
        const shown = await clickOn(message, actionId);
        const texts = blockTexts(blocksOf(shown)).join('\n');
        expect(texts).toContain(place);
        // Still the answer to Find in speech: how the message quotes it, shared in its thread, no
        // query echoed (the clicker typed none), and no "Share to channel".
        expect(texts).toContain('word for word');
        expect(texts).not.toContain('🔎');
        const actions = buttonsOf(shown).map((button) => button.action_id);
        expect(actions).toContain(SHARE_TO_THREAD_ACTION);
        expect(actions).not.toContain(ACTIONS.share);
      }
      // Next shows another passage: the line above it no longer says the message quotes that one.
      const next = await clickOn(message, ACTIONS.next);
      const nextTexts = blockTexts(blocksOf(next)).join('\n');
      expect(nextTexts).not.toContain('word for word');
      expect(nextTexts).toContain(`Another passage; the message's own is`);
      expect(buttonsOf(next).map((button) => button.action_id)).toContain(SHARE_TO_THREAD_ACTION);
    });

    it('shares the view on screen in the thread, after Full paragraph', async () => {
      const channel = `CFULL${mode.toUpperCase()}`;
      const long = h.deps.search.passages.find((candidate) => candidate.text.length > 300);
      if (!long) throw new Error('the speech has no long passage');
      const { message } = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: long.text.slice(0, 30),
        channel,
      });
      const full = await clickOn(message, ACTIONS.full);
      await h.sendAction(
        h.fake.blockActions({
          channel_id: channel,
          actions: [
            { action_id: SHARE_TO_THREAD_ACTION, value: buttonOf(full, SHARE_TO_THREAD_ACTION).value },
          ],
        }),
      );
      const post = await h.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
      expect(JSON.stringify(post.args.blocks)).toContain(JSON.stringify(long.paragraphText).slice(1, -1));
    });

    it('finds the passage a message paraphrases', async () => {
      const { message } = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '我觉得馆里应该让老百姓查档案更方便,简化流程,提供网上查询。',
      });
      expect(JSON.stringify(message.blocks)).toContain('closest passage');
    });

    it('tells an unrelated message, and one with only a file, what it found', async () => {
      const unrelated = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '周五前请交周报。项目进度有点慢,需要加强团队协作。',
      });
      expect(unrelated.message.text).toContain('does not quote the speech');
      const fileOnly = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '',
        files: [{ id: 'F1', name: 'scan.pdf' }],
      });
      expect(fileOnly.message.text).toContain('no text');
    });

    it('reads a forwarded message’s original, and a message posted with blocks only', async () => {
      const quote = passage().text.slice(5, 50);
      const forwarded = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '',
        attachments: [
          { is_share: true, is_msg_unfurl: true, text: quote, author_id: 'U2', channel_id: 'C2', ts: '1.2' },
        ],
      });
      expect(JSON.stringify(forwarded.message.blocks)).toContain(passage().heading);
      // A link's preview is the linked page's words, not the message's.
      const preview = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '周五前请交周报。',
        attachments: [{ from_url: 'https://news.example/a', title: '新闻', text: quote }],
      });
      expect(preview.message.text).toContain('does not quote the speech');
      const blocksOnly = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '',
        blocks: [
          {
            type: 'rich_text',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: quote }] }],
          },
        ],
      });
      expect(JSON.stringify(blocksOnly.message.blocks)).toContain(passage().heading);
      // An app's post: a one-line notification in `text`, its content in a section or a legacy attachment.
      const appSection = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '档案报有新文章',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: quote } }],
      });
      expect(JSON.stringify(appSection.message.blocks)).toContain(passage().heading);
      const appAttachment = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: '',
        attachments: [{ fallback: '新文章', pretext: '今日推送', text: quote }],
      });
      expect(JSON.stringify(appAttachment.message.blocks)).toContain(passage().heading);
    });

    it('answers a 5,000-character message', async () => {
      const long = `${'今天讨论了很多事情,大家发言踊跃。'.repeat(300)}${passage().text}`.slice(-5_000);
      const { message } = await shortcut({ callbackId: FIND_IN_SPEECH, text: long });
      expect(JSON.stringify(message.blocks)).toContain(passage().heading);
    });

    it('shares the answer in the message’s thread', async () => {
      const channel = `CSHORT${mode.toUpperCase()}`;
      const { message } = await shortcut({
        callbackId: FIND_IN_SPEECH,
        text: passage().text.slice(0, 40),
        channel,
        ts: '1700000000.000100',
      });
      const actions = message.blocks?.find((block) => block.type === 'actions');
      const button =
        actions?.type === 'actions'
          ? actions.elements.find((b) => b.action_id === SHARE_TO_THREAD_ACTION)
          : undefined;
      expect(button).toBeDefined();
      await h.sendAction(
        h.fake.blockActions({
          channel_id: channel,
          actions: [{ action_id: SHARE_TO_THREAD_ACTION, value: button?.value ?? '' }],
        }),
      );
      const post = await h.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
      expect(post.args.thread_ts).toBe('1700000000.000100');
    });
  });
}
