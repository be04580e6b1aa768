import type { TocSection } from '../../content/toc.ts';
import type { SpeechDocument } from '../../content/types.ts';
import { type Block, mrkdwn, plain, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn, LIMITS, truncate } from './text.ts';

/** How to use the bot, for `/speech help` and the App Home. */
export function usageText(command: string): string {
  return [
    '*怎么用 How to use*',
    `• \`${command} 关键词或问题\` — 只有你能看到答案,可分享到频道 (only you see the answer; share it if you like)`,
    '• 在频道里 `@speechbot 问题` — 在话题中回答 (answers in a thread)',
    '• 私信机器人 — 直接回答 (DM the bot)',
    `• \`${command} daily 09:00\` — 每个工作日在本频道发一段讲话;\`${command} daily off\` 停止 (daily excerpt)`,
    '支持关键词、自然问题、繁体字。Keywords, questions and Traditional characters all work.',
  ].join('\n');
}

/** Up to this many parts get a block each; more are packed several to a block. */
const ONE_BLOCK_PER_PART_UP_TO = 20;

/**
 * The table of contents as section blocks: one per part of the speech, or, for long contents,
 * parts packed together up to Slack's 3,000 characters per block, so nothing is dropped early.
 */
export function tocBlocks(toc: readonly TocSection[]): Block[] {
  const texts = toc.map((section) =>
    truncate(
      `*${section.label} ${escapeMrkdwn(section.heading)}*\n${section.leads.map((lead) => `  ${escapeMrkdwn(lead)}`).join('\n')}`,
      LIMITS.sectionText,
    ),
  );
  const packed = texts.length <= ONE_BLOCK_PER_PART_UP_TO ? texts : pack(texts, LIMITS.sectionText);
  return packed.map((text) => ({ type: 'section' as const, text: mrkdwn(text) }));
}

function pack(texts: readonly string[], max: number): string[] {
  const packed: string[] = [];
  for (const text of texts) {
    const last = packed.at(-1);
    if (last !== undefined && last.length + 2 + text.length <= max)
      packed[packed.length - 1] = `${last}\n\n${text}`;
    else packed.push(text);
  }
  return packed;
}

/**
 * Keeps a message within `max` blocks; when it must cut, the last block says how much was left out.
 */
export function capBlocks(blocks: readonly Block[], max: number): Block[] {
  if (blocks.length <= max) return [...blocks];
  const omitted = blocks.length - (max - 1);
  return [
    ...blocks.slice(0, max - 1),
    { type: 'context', elements: [plain(`…还有 ${omitted} 部分未显示 (${omitted} more not shown)`)] },
  ];
}

/** The reply to `/speech` with no text or `/speech help`. */
export function renderHelp(
  command: string,
  documents: readonly SpeechDocument[],
  toc: readonly TocSection[],
): SlackMessage {
  const titles = documents.map((document) => `《${document.title}》`).join('');
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(`搜索并引用讲话 ${escapeMrkdwn(titles)}\n\n${usageText(command)}`) },
    { type: 'divider' },
    { type: 'context', elements: [plain('目录 Contents')] },
    ...tocBlocks(toc),
  ];
  return { text: `${command} 关键词或问题 — search the speech`, blocks: capBlocks(blocks, LIMITS.blocks) };
}
