import type { TocSection } from '../../content/toc.ts';
import type { SpeechDocument } from '../../content/types.ts';
import { type Block, mrkdwn, plain } from './blocks.ts';
import { tocBlocks, usageText } from './help.ts';
import { escapeMrkdwn, LIMITS, truncate } from './text.ts';

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
      elements: [mrkdwn(escapeMrkdwn([facts, source].filter(Boolean).join('\n') || ' '))],
    });
  }
  blocks.push({ type: 'section', text: mrkdwn(usageText(command)) });
  blocks.push({ type: 'divider' });
  blocks.push(...tocBlocks(toc));
  if (extra.length > 0) blocks.push({ type: 'divider' }, ...extra);
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
