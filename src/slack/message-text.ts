/**
 * What a Slack message says. A person's message has it in `text` (its rich-text blocks say the
 * same); a forwarded one has the original in `attachments` (`is_share`); an app's post often has
 * a one-line notification in `text` and its content in blocks or legacy attachments.
 */

/** The parts of a message, an event's or a shortcut's, that hold words. */
export interface MessageParts {
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
}

/**
 * Everything the message says, for Find in speech: its text, the messages it forwards, an app's
 * blocks and attachments where they say more than its text. A link's preview (an attachment with
 * `from_url`) is the linked page's words, not the message's, and is left out.
 *
 * @example messageText({ text: 'New post', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '守初心' } }] }) // 'New post\n守初心'
 */
export function messageText(message: MessageParts): string {
  const text = textOf(message);
  const parts = [text, forwardedText(message)];
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  for (const attachment of attachments) {
    if (!isRecord(attachment) || isShared(attachment) || isLinkPreview(attachment)) continue;
    parts.push(attachmentWords(attachment));
  }
  if (Array.isArray(message.blocks)) {
    for (const block of message.blocks) {
      // A person's rich text repeats `text`; read it only when there is no text.
      if (isRecord(block) && block.type === 'rich_text' && text.trim() !== '') continue;
      const words = [...blockWords(block)].join('').trim();
      // An app's fallback `text` often is its one section's text.
      if (!text.includes(words)) parts.push(words);
    }
  }
  return parts.filter((part) => part.trim() !== '').join('\n');
}

/** A message's own `text`: '' when it has none, or something else than a string where one belongs. */
export function textOf(message: MessageParts): string {
  return typeof message.text === 'string' ? message.text : '';
}

/**
 * The text of the messages a message forwards (Slack's "Forward message", or a message's link
 * that Slack expanded): what a forward with no comment of its own asks about.
 */
export function forwardedText(message: MessageParts): string {
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  return attachments
    .filter((attachment) => isRecord(attachment) && isShared(attachment))
    .map((attachment) => stringField(attachment, 'text'))
    .filter((text) => text.trim() !== '')
    .join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isShared(attachment: Record<string, unknown>): boolean {
  return attachment.is_share === true || attachment.is_msg_unfurl === true;
}

/** A link's preview, Slack's own or an app's (`is_app_unfurl`). */
function isLinkPreview(attachment: Record<string, unknown>): boolean {
  return (
    typeof attachment.from_url === 'string' ||
    typeof attachment.original_url === 'string' ||
    typeof attachment.app_unfurl_url === 'string' ||
    attachment.is_app_unfurl === true
  );
}

/** An app's legacy attachment: its pretext, title, text and fields, or its fallback alone. */
function attachmentWords(attachment: Record<string, unknown>): string {
  const fields = Array.isArray(attachment.fields) ? attachment.fields : [];
  const words = [
    stringField(attachment, 'pretext'),
    stringField(attachment, 'title'),
    stringField(attachment, 'text'),
    ...fields.flatMap((field) => [stringField(field, 'title'), stringField(field, 'value')]),
  ].filter((part) => part.trim() !== '');
  return words.length > 0 ? words.join('\n') : stringField(attachment, 'fallback');
}

function stringField(value: unknown, key: string): string {
  if (!isRecord(value)) return '';
  const field = value[key];
  return typeof field === 'string' ? field : '';
}

/**
 * The words of a block in order: rich text's text runs, and sections', headers' and contexts' text.
 * Slack nests blocks a few levels deep; past {@link MAX_BLOCK_DEPTH} a payload is not Slack's, and
 * is not read further rather than overflow the stack.
 */
function* blockWords(value: unknown, depth = 0): Generator<string> {
  if (depth > MAX_BLOCK_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) yield* blockWords(item, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  if ((value.type === 'text' || value.type === 'link') && typeof value.text === 'string') yield value.text;
  // A section's or header's text object, a section's fields, a context's elements.
  if (value.type === 'mrkdwn' || value.type === 'plain_text') yield `${stringField(value, 'text')}\n`;
  for (const key of ['elements', 'text', 'fields']) {
    if (typeof value[key] === 'object') yield* blockWords(value[key], depth + 1);
  }
  if (
    typeof value.type === 'string' &&
    value.type.startsWith('rich_text_') &&
    value.type !== 'rich_text_list'
  ) {
    yield '\n'; // a section, quote or code block ends a line
  }
}

/** Deeper than any block Slack makes (a list in a quote in a rich text block is 6 levels). */
const MAX_BLOCK_DEPTH = 32;
