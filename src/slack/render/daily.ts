import type { ParagraphNeighborhood } from '../../content/neighbors.ts';
import { formatPlace } from '../../content/place.ts';
import type { DailyUsageError } from '../../daily/command.ts';
import type { DailyStatus } from '../../daily/describe.ts';
import type { DailyExcerpt } from '../../daily/excerpt.ts';
import type { Subscription } from '../../store/types.ts';
import { botWords, WORDS, type WordPart } from '../words.ts';
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
  const header = WORDS.dailyHeader(excerpt.month, excerpt.day);
  const where = [formatPlace(unit), unit.part ? `(${unit.part.index}/${unit.part.count})` : '']
    .filter(Boolean)
    .join(' ');
  const blocks: Block[] = [
    {
      type: 'header',
      text: plain(truncate(`📖 ${header} ${WORDS.weekday(excerpt.weekday)}`, LIMITS.headerText)),
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
          text: plain(WORDS.contextButton),
          value: unit.paragraphId,
        },
      ],
    },
  ];
  // The notification's text: the post without its layout.
  const plainText = `${header}\n\n${unit.text}\n\n—— ${formatPlace(unit)} · ${unit.source}`;
  return { text: escapeTruncated(plainText, LIMITS.fallbackText), blocks };
}

/** The paragraphs before and after the day's passage, shown to whoever asked. */
export function renderNeighborhood(neighborhood: ParagraphNeighborhood): SlackMessage {
  const blocks: Block[] = [];
  const add = (label: string, entry: ParagraphNeighborhood['current'] | undefined) => {
    if (!entry) return;
    const place = { section: entry.section.index, paragraph: entry.paragraph.index };
    const where = `${label} · ${formatPlace({ place })}`;
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
  add(WORDS.neighborBefore, neighborhood.previous);
  add(WORDS.neighborThis, current);
  add(WORDS.neighborAfter, neighborhood.next);
  return { text: escapeTruncated(current.paragraph.text, LIMITS.fallbackText), blocks };
}

/**
 * The App Home section listing the daily subscriptions a viewer can see, or how to start one.
 *
 * @param subscriptions each subscription with where it stands (`dailyStatus` at the time of the view)
 * @param command the slash command as configured, named in the empty state
 * @param unchecked subscriptions hidden because Slack did not say whether the viewer may see
 *   them: the section says some could not be checked, rather than that there are none
 */
export function renderSubscriptions(
  subscriptions: readonly { subscription: Subscription; status: DailyStatus }[],
  command: string,
  unchecked = 0,
): Block[] {
  const words = botWords(command);
  const listed = subscriptions.map(
    ({ subscription, status }) => `• <#${subscription.channelId}> ${escapeMrkdwn(words.dailyStatus(status))}`,
  );
  const lines =
    unchecked > 0
      ? [...listed, words.homeDailyUnchecked(unchecked)]
      : listed.length > 0
        ? listed
        : [words.homeDailyEmpty];
  return [
    { type: 'section', text: mrkdwn(words.homeDailyTitle) },
    ...linesInSections(lines, LIMITS.sectionText).map(
      (text): Block => ({ type: 'section', text: mrkdwn(text) }),
    ),
  ];
}

/**
 * Lines joined into as few texts as fit `max` characters each, none cut between lines: a long
 * list takes several sections rather than losing its end to one section's limit. A line longer
 * than `max` alone is cut.
 */
export function linesInSections(lines: readonly string[], max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) texts.push(current);
    current = truncate(line, max);
  }
  if (current) texts.push(current);
  return texts;
}

/** How much of one word the user typed a `daily` error repeats. */
const MAX_TYPED_ECHO = 100;

/** One part of a reason, ready for a Slack text object: ours escaped, the user's echoed. */
function reasonPart(part: WordPart): string {
  return typeof part === 'string' ? escapeMrkdwn(part) : echo(part.typed, MAX_TYPED_ECHO);
}

/**
 * The private reply to a `daily …` that could not be understood: the reason, then the usage, both
 * naming the configured `command`. A reason that quotes the user is plain text, so nothing they
 * typed pings (`<!channel>`), links (`<https://x|y>`) or formats (`*bold*`); what they typed is
 * cut short, so a long word cannot push the section past Slack's 3,000 characters. Our own
 * reasons keep their mrkdwn.
 */
export function renderDailyUsageError(error: DailyUsageError, command: string): SlackMessage {
  const words = botWords(command);
  const parts = words.dailyError(error);
  const reason = parts.map(reasonPart).join('');
  const quotesUser = parts.some((part) => typeof part !== 'string');
  const usage = words.dailyUsage;
  return {
    text: truncate(`${reason}\n${usage}`, LIMITS.fallbackText),
    blocks: [
      { type: 'section', text: quotesUser ? plain(reason) : mrkdwn(reason) },
      { type: 'section', text: mrkdwn(usage) },
    ],
  };
}
