import { type TocSection, titleBefore } from '../../content/toc.ts';
import type { SpeechDocument } from '../../content/types.ts';
import { botWords, WORDS } from '../words.ts';
import { type Block, mrkdwn, plain, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn, escapeTruncated, LIMITS, truncate } from './text.ts';

/** Up to this many parts get a block each; more are packed several to a block. */
const ONE_BLOCK_PER_PART_UP_TO = 20;
/** The documents' titles in the help's first section, escaped: room is left for the usage under them. */
const MAX_TITLES_LENGTH = 1_000;

/**
 * The table of contents as section blocks: one per part of the speech, or, for long contents,
 * parts packed together up to Slack's 3,000 characters per block, so nothing is dropped early.
 */
export function tocBlocks(toc: readonly TocSection[]): Block[] {
  const titles = titleBefore(toc);
  const texts = toc.map((section, i) => {
    const title = titles[i];
    return truncate(
      `${title ? `*${escapeMrkdwn(title)}*\n` : ''}*${section.label} ${escapeMrkdwn(section.heading)}*\n${section.leads.map((lead) => `  ${escapeMrkdwn(lead)}`).join('\n')}`,
      LIMITS.sectionText,
    );
  });
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
  return [...blocks.slice(0, max - 1), { type: 'context', elements: [plain(WORDS.moreNotShown(omitted))] }];
}

/** The reply to the slash `command` with no text, or with `help`. */
export function renderHelp(
  command: string,
  documents: readonly SpeechDocument[],
  toc: readonly TocSection[],
): SlackMessage {
  const words = botWords(command);
  const titles = documents.map((document) => `《${document.title}》`).join('');
  const blocks: Block[] = [
    {
      type: 'section',
      // Many documents: their titles are cut short, so the section stays within Slack's limit.
      text: mrkdwn(`${words.helpTitle(escapeTruncated(titles, MAX_TITLES_LENGTH))}\n\n${words.usage}`),
    },
    { type: 'divider' },
    { type: 'context', elements: [plain(words.contentsLabel)] },
    ...tocBlocks(toc),
  ];
  return { text: words.helpFallback, blocks: capBlocks(blocks, LIMITS.blocks) };
}
