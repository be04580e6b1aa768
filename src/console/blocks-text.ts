import type { Block, SlackMessage } from '../slack/render/blocks.ts';
import { decodeSlackText } from '../slack/render/text.ts';

/** Slack mrkdwn to terminal text: `*bold*` stays readable, escapes are undone. */
const fromMrkdwn = decodeSlackText;

function blockLines(block: Block, bold: (text: string) => string): string[] {
  switch (block.type) {
    case 'header':
      return [bold(block.text.text), ''];
    case 'section':
      return [fromMrkdwn(block.text.text)];
    case 'context':
      return [block.elements.map((element) => fromMrkdwn(element.text)).join('  ')];
    case 'divider':
      return ['────────'];
    case 'actions':
      return [block.elements.map((button) => `[${button.text.text}]`).join(' ')];
    case 'rich_text':
      return block.elements.map((element) => {
        const text = element.elements.map((run) => (run.style?.bold ? bold(run.text) : run.text)).join('');
        return element.type === 'rich_text_quote' ? `┃ ${text}` : text;
      });
  }
}

/**
 * A Slack message as it would read in Slack, for the local console and the README's picture:
 * each block on its own lines, bold runs marked, buttons listed in brackets.
 *
 * @example messageToText({ text: 'x', blocks: [{ type: 'divider' }] }) // '────────'
 */
export function messageToText(message: SlackMessage, ansi = false): string {
  const bold = ansi ? (text: string) => `\x1b[1m${text}\x1b[0m` : (text: string) => `*${text}*`;
  if (message.blocks.length === 0) return message.text;
  return message.blocks.flatMap((block) => blockLines(block, bold)).join('\n');
}
