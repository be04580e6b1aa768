import { formatPlace } from '../content/place.ts';
import { documentMark, type TocSection, titleBefore } from '../content/toc.ts';
import { MAX_QUERY_LENGTH } from '../search/normalize.ts';
import type { Quote, SearchResult } from '../search/types.ts';
import { WORDS } from '../slack/words.ts';

/** How matched words are marked: ANSI bold+yellow on a terminal, `【】` when piped. */
export type MarkStyle = 'ansi' | 'plain';

/**
 * Marks the highlighted ranges of a quote.
 * @example markQuote({ text: '档案安全', highlights: [[0, 2]], truncated: false }, 'plain') // '【档案】安全'
 */
export function markQuote(quote: Quote, style: MarkStyle): string {
  const [open, close] = style === 'ansi' ? ['\x1b[1;33m', '\x1b[0m'] : ['【', '】'];
  let out = '';
  let at = 0;
  for (const [start, end] of quote.highlights) {
    out += quote.text.slice(at, start) + open + quote.text.slice(start, end) + close;
    at = end;
  }
  return out + quote.text.slice(at);
}

/**
 * The answer as `npm run ask` prints it: heading, position, quote with matches marked, source;
 * other results listed below; or a plain "not found" with where to look instead.
 */
export function renderAnswer(result: SearchResult, toc: readonly TocSection[], style: MarkStyle): string {
  switch (result.status) {
    case 'empty':
      return [
        '请输入要查找的内容。(Type what to look for.)',
        '例如 e.g.: npm run ask -- "档案安全"  或  npm run ask -- "主题教育的总要求是什么?"',
      ].join('\n');
    case 'too_long':
      return WORDS.tooLong(MAX_QUERY_LENGTH);
    case 'not_found':
      return renderNotFound(result, toc);
    case 'found':
      return renderHits(result, style);
  }
}

/** An English question gets the English translation under the Chinese quote. */
function translationLines(result: SearchResult, translations: ReadonlyMap<string, string>): string[] {
  const translation = translations.get(result.lang);
  return translation ? ['', `  ${WORDS.translation(translation)}`] : [];
}

function renderHits(result: SearchResult, style: MarkStyle): string {
  const [best, ...others] = result.hits;
  if (!best) return '';
  const { passage } = best;
  // An answer about the text itself is put together from its details: not shown as a quote.
  if (best.fact) {
    return [passage.docTitle, WORDS.aboutTheText, '', best.quote.text, '', `— ${passage.source}`].join('\n');
  }
  const lines = [
    `${passage.heading}`,
    `${passage.docTitle} · ${formatPlace(passage)}`,
    '',
    ...markQuote(best.quote, style)
      .split('\n')
      .map((line) => `  ${line}`),
    ...translationLines(result, best.translations),
    '',
    `— ${passage.source}`,
  ];
  if (best.quote.truncated)
    lines.push(`(节选;全文见 ${formatPlace(passage)} — excerpt of a longer paragraph)`);
  if (others.length > 0) {
    lines.push('', '其他相关段落 (more results):');
    others.forEach((hit, i) => {
      lines.push(`  ${i + 2}. ${formatPlace(hit.passage)} — ${preview(hit.quote.text)}`);
    });
  }
  return lines.join('\n');
}

function renderNotFound(result: SearchResult, toc: readonly TocSection[]): string {
  const lines = [WORDS.notFound(preview(result.normalizedQuery))];
  if (result.known) lines.push(WORDS.notFoundKnown(result.known));
  if (result.nearby.length > 0) {
    lines.push('', WORDS.notFoundSuggestions);
    const inDocument = documentMark(toc);
    for (const passage of result.nearby) {
      lines.push(`  · ${inDocument(passage.docTitle)}${formatPlace(passage)}:${passage.heading}`);
    }
  }
  lines.push('', '讲话目录 (contents):', ...renderToc(toc));
  return lines.join('\n');
}

/** The table of contents as indented lines. */
export function renderToc(toc: readonly TocSection[]): string[] {
  const titles = titleBefore(toc);
  return toc.flatMap((section, i) => [
    ...(titles[i] ? [`  ${titles[i]}`] : []),
    `  ${section.label} ${section.heading}`,
    ...section.leads.map((lead) => `      ${lead}`),
  ]);
}

const PREVIEW_LENGTH = 40;

function preview(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}
