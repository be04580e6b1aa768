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

/** The table of contents as sections, one per part of the speech. */
export function tocBlocks(toc: readonly TocSection[]): Block[] {
  return toc.map((section) => ({
    type: 'section' as const,
    text: mrkdwn(
      truncate(
        `*${section.label} ${escapeMrkdwn(section.heading)}*\n${section.leads.map((lead) => `  ${escapeMrkdwn(lead)}`).join('\n')}`,
        LIMITS.sectionText,
      ),
    ),
  }));
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
  return { text: `${command} 关键词或问题 — search the speech`, blocks: blocks.slice(0, LIMITS.blocks) };
}
