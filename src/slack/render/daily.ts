import type { ParagraphNeighborhood } from '../../content/neighbors.ts';
import { formatPlace } from '../../content/place.ts';
import { DAILY_USAGE, type DailyUsageError, type MessagePart } from '../../daily/command.ts';
import type { DailyExcerpt } from '../../daily/excerpt.ts';
import type { Subscription } from '../../store/types.ts';
import { type Block, mrkdwn, plain, type SlackMessage } from './blocks.ts';
import { echo, escapeMrkdwn, escapeTruncated, LIMITS, truncate } from './text.ts';

/** Action id of the daily post's button that shows the surrounding paragraphs. */
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
          text: plain('上下文 Context'),
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

/** How much of one word the user typed a `/speech daily` error repeats. */
const MAX_TYPED_ECHO = 100;

/** Our words with `/speech` renamed to the configured command; the daily texts say `/speech`. */
function withCommand(text: string, command: string): string {
  return text.replaceAll('/speech', command);
}

/** One part of a reason, ready for a Slack text object: ours escaped, the user's echoed. */
function reasonPart(part: MessagePart, command: string): string {
  return typeof part === 'string'
    ? escapeMrkdwn(withCommand(part, command))
    : echo(part.typed, MAX_TYPED_ECHO);
}

/**
 * The private reply to a `/speech daily …` that could not be understood: the reason, then the
 * usage. A reason that quotes the user is plain text, so nothing they typed pings (`<!channel>`),
 * links (`<https://x|y>`) or formats (`*bold*`); what they typed is cut short, so a long word
 * cannot push the section past Slack's 3,000 characters. Our own reasons keep their mrkdwn.
 */
export function renderDailyUsageError(error: DailyUsageError, command = '/speech'): SlackMessage {
  const reason = error.reason.map((part) => reasonPart(part, command)).join('');
  const quotesUser = error.reason.some((part) => typeof part !== 'string');
  const usage = withCommand(DAILY_USAGE, command);
  return {
    text: truncate(`${reason}\n${usage}`, LIMITS.fallbackText),
    blocks: [
      { type: 'section', text: quotesUser ? plain(reason) : mrkdwn(reason) },
      { type: 'section', text: mrkdwn(usage) },
    ],
  };
}
