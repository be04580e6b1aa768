import type { TocSection } from '../../content/toc.ts';
import type { SpeechDocument } from '../../content/types.ts';
import { botWords } from '../words.ts';
import { type Block, mrkdwn, plain } from './blocks.ts';
import { capBlocks, tocBlocks } from './help.ts';

/** Slack's limit on blocks in a Home tab view. */
const HOME_MAX_BLOCKS = 100;

import { escapeTruncated, LIMITS, truncate } from './text.ts';

/** A Home tab view (views.publish). */
export interface HomeView {
  type: 'home';
  blocks: Block[];
}

/**
 * The App Home: the speech's title and source, how to use the bot, the table of contents, and
 * extra sections from other features (the daily-excerpt settings).
 */
export function renderHome(
  command: string,
  documents: readonly SpeechDocument[],
  toc: readonly TocSection[],
  extra: readonly Block[] = [],
): HomeView {
  const blocks: Block[] = [];
  for (const document of documents) {
    blocks.push({ type: 'header', text: plain(truncate(document.title, LIMITS.headerText)) });
    const facts = [
      document.meta.subtitle,
      document.meta.author && `${document.meta.author} ${document.meta.role ?? ''}`,
    ]
      .filter(Boolean)
      .join(' · ');
    const source =
      document.source ?? [document.meta.publication, document.meta.date].filter(Boolean).join(' ');
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(escapeTruncated([facts, source].filter(Boolean).join('\n') || ' ', LIMITS.contextElementText)),
      ],
    });
  }
  blocks.push({ type: 'section', text: mrkdwn(botWords(command).usage) });
  // This workspace's own settings come before the contents, so a long speech never pushes them out.
  if (extra.length > 0) blocks.push({ type: 'divider' }, ...extra);
  blocks.push({ type: 'divider' });
  blocks.push(...tocBlocks(toc));
  return { type: 'home', blocks: capBlocks(blocks, HOME_MAX_BLOCKS) };
}
