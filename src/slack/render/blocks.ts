/**
 * Minimal Block Kit types for the blocks this app builds. (The full types in @slack/types are
 * broad unions that make small builders hard to read; Slack validates the JSON anyway.)
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** True: Slack does not turn URLs, @names and #channels into links. */
  verbatim?: boolean;
}
export interface RichTextStyledText {
  type: 'text';
  text: string;
  style?: { bold?: boolean; italic?: boolean };
}
export interface Button {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}
export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn | PlainText; block_id?: string }
  | { type: 'context'; elements: Array<Mrkdwn | PlainText> }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: Button[] }
  | {
      type: 'rich_text';
      elements: Array<{ type: 'rich_text_quote' | 'rich_text_section'; elements: RichTextStyledText[] }>;
    };

/** A message: blocks plus the plain `text` Slack shows in notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text });
