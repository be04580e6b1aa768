import { sectionLabel } from './place.ts';
import { splitSentences } from './sentences.ts';
import type { SpeechDocument } from './types.ts';

/** One line of a table of contents: a section and the lead lines of its paragraphs. */
export interface TocSection {
  docTitle: string;
  /** `导语` or `第二部分`. */
  label: string;
  heading: string;
  /** First sentence of each paragraph, e.g. `第一,不折不扣贯彻根本任务。` */
  leads: string[];
}

/**
 * The table of contents of the documents: every titled section with its paragraphs' first
 * sentences (the speech states each paragraph's point in its first sentence).
 *
 * @example tableOfContents(documents)[1]?.leads[0] // '第一,不折不扣贯彻根本任务。'
 */
export function tableOfContents(documents: readonly SpeechDocument[]): TocSection[] {
  return documents.flatMap((document) =>
    document.sections
      .filter((section) => section.heading !== null)
      .map((section) => ({
        docTitle: document.title,
        label: sectionLabel(section.index),
        heading: section.heading ?? document.title,
        leads: section.paragraphs.map((paragraph) => firstSentence(paragraph.text)),
      })),
  );
}

/**
 * For each section, its document's title as a place names it ({@link documentMark}) when a
 * reader needs it: the table spans several documents and the section is its document's first.
 * Otherwise `undefined`.
 *
 * @example titleBefore(tableOfContents([garden, speech]))[0] // '《共建共享 美化家园》'
 */
export function titleBefore(toc: readonly TocSection[]): (string | undefined)[] {
  const mark = documentMark(toc);
  return toc.map((section, i) =>
    section.docTitle !== toc[i - 1]?.docTitle ? mark(section.docTitle) || undefined : undefined,
  );
}

/**
 * How a place names its document, given the table of contents: `《title》` when the table spans
 * several documents, nothing when there is one.
 *
 * @example documentMark(tableOfContents([speech]))('凝心聚力 履职尽责') // ''
 */
export function documentMark(toc: readonly TocSection[]): (title: string) => string {
  const several = new Set(toc.map((section) => section.docTitle)).size > 1;
  return (title) => (several ? `《${title}》` : '');
}

const MAX_LEAD = 40;

function firstSentence(text: string): string {
  const [first = text] = splitSentences(text);
  return first.length > MAX_LEAD ? `${first.slice(0, MAX_LEAD)}…` : first;
}
