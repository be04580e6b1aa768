/**
 * Slack's Block Kit limits, checked on the blocks and messages our renderers build
 * (docs.slack.dev/reference/block-kit: blocks, block elements, composition objects).
 *
 * Lengths are counted in code points, as `truncate` counts and as Slack documents "characters".
 */
import type { Block, SlackMessage } from '../../src/slack/render/blocks.ts';
import { LIMITS } from '../../src/slack/render/text.ts';

export const chars = (text: string): number => [...text].length;

/** Slack's limits for one surface (a message, or the Home tab). */
export interface Surface {
  maxBlocks: number;
}
export const MESSAGE: Surface = { maxBlocks: LIMITS.blocks };
export const HOME: Surface = { maxBlocks: 100 };

/** Limits of one block element or block, not in `LIMITS` because no renderer needs to know them. */
const BLOCK_ID_MAX = 255;
const ACTION_ID_MAX = 255;
const CONTEXT_ELEMENTS_MAX = 10;
const ACTIONS_ELEMENTS_MAX = 25;

/** Every way one block breaks Slack's limits; `where` names it in the messages. */
function oneBlockProblems(block: Block, where: string): string[] {
  const problems: string[] = [];
  switch (block.type) {
    case 'header':
      if (block.text.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
      if (chars(block.text.text) > LIMITS.headerText)
        problems.push(`${where}: ${chars(block.text.text)} chars`);
      if (!block.text.text.trim()) problems.push(`${where}: empty`);
      break;
    case 'section':
      if (chars(block.text.text) > LIMITS.sectionText)
        problems.push(`${where}: ${chars(block.text.text)} chars`);
      if (!block.text.text.trim()) problems.push(`${where}: empty text`);
      break;
    case 'context':
      if (block.elements.length === 0 || block.elements.length > CONTEXT_ELEMENTS_MAX) {
        problems.push(`${where}: ${block.elements.length} elements`);
      }
      for (const element of block.elements) {
        if (chars(element.text) > LIMITS.contextElementText)
          problems.push(`${where}: ${chars(element.text)} chars`);
        if (!element.text) problems.push(`${where}: empty element`);
      }
      break;
    case 'actions': {
      if (block.elements.length === 0 || block.elements.length > ACTIONS_ELEMENTS_MAX) {
        problems.push(`${where}: ${block.elements.length} elements`);
      }
      // Slack wants action ids unique within their block.
      const actionIds = new Set<string>();
      for (const button of block.elements) {
        if (button.text.type !== 'plain_text') problems.push(`${where}: button text must be plain_text`);
        if (chars(button.text.text) > LIMITS.buttonText) {
          problems.push(`${where}: button text "${button.text.text}" > ${LIMITS.buttonText}`);
        }
        if (!button.text.text.trim()) problems.push(`${where}: empty button text`);
        if (button.value.length > LIMITS.buttonValue)
          problems.push(`${where}: value ${button.value.length} chars`);
        if (chars(button.action_id) > ACTION_ID_MAX) problems.push(`${where}: action_id too long`);
        if (actionIds.has(button.action_id))
          problems.push(`${where}: duplicate action_id ${button.action_id}`);
        actionIds.add(button.action_id);
      }
      break;
    }
    case 'rich_text':
      for (const element of block.elements) {
        if (element.elements.length === 0) problems.push(`${where}: empty ${element.type}`);
        for (const run of element.elements) if (!run.text) problems.push(`${where}: empty text run`);
      }
      break;
    case 'divider':
      break;
  }
  return problems;
}

/** Every way the blocks break Slack's limits (empty when they do not). */
export function blockProblems(blocks: readonly Block[], surface: Surface): string[] {
  const problems: string[] = [];
  if (blocks.length > surface.maxBlocks) problems.push(`${blocks.length} blocks > ${surface.maxBlocks}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, at) => {
    const where = `block ${at} (${block.type})`;
    if ('block_id' in block && block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
      if (chars(block.block_id) > BLOCK_ID_MAX) problems.push(`${where}: block_id too long`);
      if (!block.block_id) problems.push(`${where}: empty block_id`);
    }
    if (block.type === 'actions') {
      // Stricter than Slack (unique per block): the listeners tell buttons apart by action id alone.
      for (const button of block.elements) {
        if (actionIds.has(button.action_id)) problems.push(`${where}: action_id ${button.action_id} reused`);
        actionIds.add(button.action_id);
      }
    }
    problems.push(...oneBlockProblems(block, where));
  });
  return problems;
}

/** Every way a message breaks Slack's limits, its `text` fallback included. */
export function messageProblems(message: SlackMessage, surface: Surface = MESSAGE): string[] {
  const problems = blockProblems(message.blocks, surface);
  if (!message.text.trim()) problems.push('empty text fallback');
  if (chars(message.text) > LIMITS.fallbackText) problems.push(`text fallback ${chars(message.text)} chars`);
  return problems;
}

/** Every text Slack parses for markup (`<…>`, `&…;`): block texts, elements, buttons, the fallback. */
export function parsedTexts(message: { text?: string; blocks: readonly Block[] }): string[] {
  const texts = message.text === undefined ? [] : [message.text];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
      case 'section':
        texts.push(block.text.text);
        break;
      case 'context':
        texts.push(...block.elements.map((element) => element.text));
        break;
      case 'actions':
        texts.push(...block.elements.map((button) => button.text.text));
        break;
      // rich_text runs are literal text (mentions there are elements of their own); dividers hold none.
      case 'rich_text':
      case 'divider':
        break;
    }
  }
  return texts;
}

/**
 * Slack markup in the texts that the renderer did not mean: every `<…>` (a mention, a broadcast
 * such as `<!channel>`, a link) except those listed in `allowed`, e.g. the sharer's `<@U123>`.
 */
export function markupProblems(
  message: { text?: string; blocks: readonly Block[] },
  allowed: readonly string[] = [],
): string[] {
  return parsedTexts(message).flatMap((text) =>
    [...text.matchAll(/<[^>]*>?/g)]
      .map((match) => match[0])
      .filter((markup) => !allowed.includes(markup))
      .map((markup) => `raw markup ${markup} in ${JSON.stringify(text.slice(0, 80))}`),
  );
}
