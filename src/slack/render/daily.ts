import type { ParagraphNeighborhood } from '../../content/neighbors.ts';
import { formatPlace } from '../../content/place.ts';
import type { DailyExcerpt } from '../../daily/excerpt.ts';
import type { Subscription } from '../../store/types.ts';
import { type Block, mrkdwn, plain, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn, escapeTruncated, LIMITS, truncate } from './text.ts';

/** Action id of the daily post's "read the surrounding paragraphs" button. */
export const DAILY_CONTEXT_ACTION = 'daily_context';

/**
 * The daily post: a header with the date, the passage as a quote, where it stands and the
 * source, and a button to read the paragraphs around it. Written to be read, not searched.
 */
export function renderDailyExcerpt(excerpt: DailyExcerpt): SlackMessage {
  const { unit } = excerpt;
  const where = [formatPlace(unit), unit.part ? `(${unit.part.index}/${unit.part.count})` : '']
    .filter(Boolean)
    .join(' ');
  const blocks: Block[] = [
    {
      type: 'header',
      text: plain(truncate(`📖 ${excerpt.header} ${excerpt.weekdayLabel}`, LIMITS.headerText)),
    },
    { type: 'section', text: mrkdwn(truncate(`*${escapeMrkdwn(unit.heading)}*`, LIMITS.sectionText)) },
    {
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_quote',
          elements: [{ type: 'text', text: truncate(unit.text, LIMITS.sectionText) }],
        },
      ],
    },
    {
      type: 'context',
      elements: [
        mrkdwn(escapeMrkdwn(`${unit.docTitle} · ${where}`)),
        mrkdwn(escapeMrkdwn(`— ${unit.source}`)),
      ],
    },
    {
      type: 'actions',
      block_id: 'daily_actions',
      elements: [
        {
          type: 'button',
          action_id: DAILY_CONTEXT_ACTION,
          text: plain('读上下文 Read the surrounding paragraphs'),
          value: unit.paragraphId,
        },
      ],
    },
  ];
  return { text: escapeTruncated(excerpt.plainText, LIMITS.fallbackText), blocks };
}

/** The paragraphs before and after the day's passage, shown to whoever asked. */
export function renderNeighborhood(neighborhood: ParagraphNeighborhood): SlackMessage {
  const blocks: Block[] = [];
  const add = (label: string, entry: ParagraphNeighborhood['current'] | undefined) => {
    if (!entry) return;
    const where = `${label} · ${entry.section.label} · 第${entry.paragraph.index}段`;
    blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(where))] });
    blocks.push({
      type: 'section',
      text: mrkdwn(escapeTruncated(entry.paragraph.text, LIMITS.sectionText)),
    });
  };
  const { current } = neighborhood;
  blocks.push({
    type: 'section',
    text: mrkdwn(`*${escapeMrkdwn(current.section.heading ?? current.document.title)}*`),
  });
  add('上一段 Before', neighborhood.previous);
  add('本段 This paragraph', current);
  add('下一段 After', neighborhood.next);
  return { text: escapeTruncated(current.paragraph.text, LIMITS.fallbackText), blocks };
}

/** The App Home section listing a workspace's daily subscriptions. */
export function renderSubscriptions(
  subscriptions: readonly Subscription[],
  describe: (subscription: Subscription) => string,
): Block[] {
  const lines =
    subscriptions.length === 0
      ? ['还没有频道订阅。No channel subscribes yet: run `/speech daily 09:00` in a channel.']
      : subscriptions.map(
          (subscription) => `• <#${subscription.channelId}> ${escapeMrkdwn(describe(subscription))}`,
        );
  return [
    { type: 'section', text: mrkdwn('*每日一读 Daily excerpts*') },
    { type: 'section', text: mrkdwn(truncate(lines.join('\n'), LIMITS.sectionText)) },
  ];
}
