import { describe, expect, it } from 'vitest';
import { forwardedText, messageText } from '../../src/slack/message-text.ts';

const richText = (text: string) => ({
  type: 'rich_text',
  elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
});
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('messageText', () => {
  it("reads a person's message once: its rich text repeats its text", () => {
    expect(messageText({ text: '守初心', blocks: [richText('守初心')] })).toBe('守初心');
  });

  it("reads an app's blocks past its notification line, but not a fallback text twice", () => {
    expect(messageText({ text: '新文章', blocks: [section('担使命')] })).toBe('新文章\n担使命');
    expect(messageText({ text: '担使命', blocks: [section('担使命')] })).toBe('担使命');
  });

  it("reads an app's legacy attachment and a forward, never a link's preview, Slack's or an app's", () => {
    const message = {
      text: '看看',
      attachments: [
        { title: '标题', text: '正文', fields: [{ title: '栏', value: '值' }] },
        { from_url: 'https://example.com', text: '网页' },
        { is_app_unfurl: true, app_unfurl_url: 'https://app.example/1', text: '应用预览' },
        { is_share: true, text: '转发' },
        { fallback: '只有备用文字' },
      ],
    };
    expect(messageText(message)).toBe('看看\n转发\n标题\n正文\n栏\n值\n只有备用文字');
    expect(forwardedText(message)).toBe('转发');
  });

  it('takes nothing from parts that are not what Slack sends', () => {
    expect(messageText({ blocks: 'x', attachments: [null, 3, { text: 5 }] })).toBe('');
  });
});
