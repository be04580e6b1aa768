import type { Paragraph, Section, SpeechDocument } from './types.ts';

/** A paragraph with the section it belongs to. */
export interface PlacedParagraph {
  paragraph: Paragraph;
  section: Section;
  document: SpeechDocument;
}

/** The paragraphs before and after one paragraph, in reading order within its document. */
export interface ParagraphNeighborhood {
  previous?: PlacedParagraph;
  current: PlacedParagraph;
  next?: PlacedParagraph;
}

/**
 * Finds a paragraph by id and the paragraphs around it, for "read the surrounding paragraphs".
 *
 * @example paragraphNeighbors(documents, 'speech/s2-p3')?.next?.paragraph.id // 'speech/s2-p4'
 */
export function paragraphNeighbors(
  documents: readonly SpeechDocument[],
  paragraphId: string,
): ParagraphNeighborhood | undefined {
  for (const document of documents) {
    const placed: PlacedParagraph[] = document.sections.flatMap((section) =>
      section.paragraphs.map((paragraph) => ({ paragraph, section, document })),
    );
    const at = placed.findIndex((entry) => entry.paragraph.id === paragraphId);
    const current = placed[at];
    if (!current) continue;
    const neighborhood: ParagraphNeighborhood = { current };
    const previous = placed[at - 1];
    const next = placed[at + 1];
    if (previous) neighborhood.previous = previous;
    if (next) neighborhood.next = next;
    return neighborhood;
  }
  return undefined;
}
