import { lazyPackage } from '../lazy.ts';

/** OpenCC's Traditional → Simplified dictionaries, loaded when the first text is converted. */
const openCC = lazyPackage<typeof import('opencc-js/t2cn')>('opencc-js/t2cn');

/** Longest query, in characters, that is searched; longer input gets a clear message instead. */
export const MAX_QUERY_LENGTH = 500;

let toSimplified: ((text: string) => string) | undefined;

/** The last text converted: a query is simplified when it is cleaned and again when it is analyzed. */
let lastSimplified = { text: '', simplified: '' };

/**
 * Converts Traditional Chinese (Taiwan and Hong Kong variants included) to Simplified, the
 * script the speech is published in.
 *
 * @example simplify('檔案安全') // '档案安全'
 */
export function simplify(text: string): string {
  if (!toSimplified) {
    const fromTaiwan = openCC().Converter({ from: 'tw', to: 'cn' });
    const fromHongKong = openCC().Converter({ from: 'hk', to: 'cn' });
    toSimplified = (input) => fromHongKong(fromTaiwan(input));
  }
  if (lastSimplified.text !== text) lastSimplified = { text, simplified: toSimplified(text) };
  return lastSimplified.simplified;
}

/**
 * Cleans what a user typed into the text to search: Slack mentions, links and emoji codes are
 * removed, full-width forms folded (NFKC), control characters dropped, Traditional characters
 * made Simplified, white space collapsed.
 *
 * @example normalizeQuery('<@U123> 檔案安全 :smile:') // '档案安全'
 */
export function normalizeQuery(raw: string): string {
  const text = raw
    .replace(/<[@#!][^>]*>/g, ' ') // Slack user/channel/special mentions
    .replace(/<(https?:[^>|]*)(\|[^>]*)?>/g, ' ') // Slack links
    .replace(/:[a-z0-9_+-]+:/gi, ' ') // :emoji: codes
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is removed
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ' ')
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, ' ') // control, format (zero-width), private use
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return simplify(text);
}

/** True when the text has a letter, digit or Han character worth searching for. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
