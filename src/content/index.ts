export { ContentError } from './errors.ts';
export { listContentFiles, loadDocuments, storeParsedContent } from './load.ts';
export { type ParagraphNeighborhood, type PlacedParagraph, paragraphNeighbors } from './neighbors.ts';
export { toChineseNumeral } from './numerals.ts';
export { decodeUtf8, parseDocument } from './parse.ts';
export { formatPlace, type Placed, sectionLabel } from './place.ts';
export { splitSentences } from './sentences.ts';
export { type TocSection, tableOfContents } from './toc.ts';
export type {
  DocumentMeta,
  Paragraph,
  Passage,
  PassageNotes,
  Place,
  Section,
  SpeechDocument,
  Translation,
} from './types.ts';
