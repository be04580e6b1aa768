/** Slack's limits that our messages must respect (api.slack.com/reference/block-kit). */
export const LIMITS = {
  sectionText: 3000,
  blocks: 50,
  /** Top-level `text` of chat.postMessage is truncated past 40,000; we stay far below. */
  fallbackText: 3000,
  contextElementText: 2000,
  buttonValue: 2000,
  headerText: 150,
  /**
   * Button text: Slack allows 75 characters but cuts a button's label at about 30 in narrow
   * layouts (mobile, threads), so ours stay within 30.
   */
  buttonText: 30,
} as const;

/**
 * How much of what a user typed a reply repeats by default: enough to recognise it, never enough
 * to crowd out the reply or push a block past Slack's limits.
 */
export const ECHO_MAX = 200;

/**
 * Escapes the three characters Slack treats as control sequences in message text, so that
 * echoed user input such as `<!channel>` or `<@U123>` can never ping anyone.
 *
 * @example escapeMrkdwn('<!channel> & co') // '&lt;!channel&gt; &amp; co'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Shortens text to at most `max` characters (by code point, never splitting an emoji), with `…`.
 * @example truncate('档案安全体系', 4) // '档案安…'
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Escapes text for mrkdwn (see {@link escapeMrkdwn}), then shortens it to at most `max`
 * characters without cutting an entity such as `&amp;` in half. Escaping after `truncate` could
 * exceed `max` (each `&` becomes five characters).
 *
 * @example escapeTruncated('a&b', 3) // 'a…'
 */
export function escapeTruncated(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if ([...escaped].length <= max) return escaped;
  const cut = [...escaped].slice(0, max - 1).join('');
  return `${cut.replace(/&[a-z]{0,3}$/, '')}…`;
}

/**
 * What a user typed, made safe to show back in any Slack text object: whitespace runs become one
 * space (a pasted paragraph stays one line), `& < >` are escaped so `<!channel>`, `<@U123>` or
 * `<https://x|y>` stay text, and the result is cut to `max` characters. Every echo of user input
 * goes through here. Formatting such as `*bold*` is still formatting in mrkdwn: put the echo in a
 * `plain_text` object to show it literally.
 *
 * @example echo('  <!channel>\n*hi*  ') // '&lt;!channel&gt; *hi*'
 */
export function echo(text: string, max = ECHO_MAX): string {
  return escapeTruncated(text.replace(/\s+/gu, ' ').trim(), max);
}

/**
 * What a user typed in Slack, as the search should read it: Slack's markup removed, then its
 * escaping undone ({@link decodeSlackText}).
 *
 * @example typedText('<@U123> 档案安全 :smile: &amp;') // ' 档案安全   &'
 */
export function typedText(slackText: string): string {
  return decodeSlackText(withoutSlackMarkup(slackText));
}

/**
 * Slack's markup, which asks nothing: mentions of people, channels and groups (`<@U123>`,
 * `<#C1|general>`, `<!here>`), a mention typed out that Slack did not link (`@bot 问题`), emoji
 * codes (`:smile:`), and a link's address (its label stays: a linked word is still what was asked).
 *
 * @example withoutSlackMarkup('<https://example.com/a|档案安全> 是什么') // ' 档案安全  是什么'
 */
export function withoutSlackMarkup(text: string): string {
  return (
    text
      // No `<` inside: Slack escapes one typed (&lt;), and each try stops at the next, so a long
      // run of unclosed `<@` costs linear time, not quadratic.
      .replace(/<[@#!][^<>]*>/g, ' ')
      .replace(/<(https?:[^<>|]*)(?:\|([^<>]*))?>/g, (_link, address: string, label: string | undefined) =>
        label === undefined || isAddress(label, address) ? ' ' : ` ${label} `,
      )
      .replace(/:[a-z0-9_+-]+:/gi, ' ')
      // A name set apart from the question by a space (full-width ones too): in 档案@bot or a
      // lone @小档讲了啥 the name cannot be told from the words, so nothing goes.
      .replace(/(?<=^|\s)[@＠][^\s@＠]{1,20}\s/gu, ' ')
      .replace(/\s[@＠][^\s@＠]{1,20}$/u, ' ')
  );
}

/**
 * A link label that only repeats its address, as Slack writes a link it made itself
 * (`<https://example.com|example.com>`): it says nothing to search for.
 */
function isAddress(label: string, address: string): boolean {
  const bare = (text: string) =>
    text
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(label) === bare(address);
}

/**
 * Undoes Slack's escaping of what a user typed (Slack sends a typed `<` as `&lt;`), so the
 * search sees the text as typed and echoing it escapes it once, not twice. Slack's own markup
 * (`<@U123>`, `<!channel>`) uses real angle brackets and is left as it is.
 *
 * @example decodeSlackText('a &lt; b &amp;&amp; <@U1>') // 'a < b && <@U1>'
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
