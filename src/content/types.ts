/**
 * The content model: a document (one `content/*.md` file) holds sections, a section holds
 * paragraphs, and a paragraph is searched as one or more passages.
 *
 * Nothing here knows about search or Slack; every later layer consumes these plain objects.
 */

/** Publication facts from a content file's front matter. Every field is optional. */
export interface DocumentMeta {
  /** The document's language, a BCP 47 code: `zh` (the default) or `en`. */
  lang?: string;
  /** The headline as printed above the speech, e.g. `黄国雄:推动全省档案事业高质量发展`. */
  headline?: string;
  /** Second title line, e.g. `推动全省档案事业高质量发展`. */
  subtitle?: string;
  author?: string;
  /** The author's role, e.g. `湖北省档案馆馆长`. */
  role?: string;
  publication?: string;
  /** ISO date of publication, `YYYY-MM-DD`. */
  date?: string;
  issue?: string;
  page?: string;
}

/** One parsed content file. */
export interface SpeechDocument {
  /** Stable id: the file name without `.md`, e.g. `speech`. */
  id: string;
  /** Path the document was read from, for error messages and logs. */
  file: string;
  /** The language the document is written in (`zh` unless its front matter says `lang:`). */
  lang: string;
  /** The file line of its front matter's `lang:`, for errors about the language; none without one. */
  langLine?: number;
  /** The `# ` title line. */
  title: string;
  meta: DocumentMeta;
  /** Section 0 is the untitled introduction (possibly empty); sections 1..n have `## ` headings. */
  sections: Section[];
  /** The `> ` source line as published, e.g. `来源:中国档案报(…)`, if the file has one. */
  source?: string;
  /** Every searchable passage in reading order (paragraph passages, then their points). */
  passages: Passage[];
  /** Translations of this document, aligned passage by passage (none unless a file provides one). */
  translations: Translation[];
  /** Notes on passages, by passage id (empty when the document has no notes file). */
  notes: ReadonlyMap<string, PassageNotes>;
}

/**
 * A translation of a document (`content/speech.en.md`), aligned with the original: exactly one
 * translated text per passage of the original. Translations are never passages of their own: they
 * are not in the daily rotation or the table of contents, and search answers with the original.
 */
export interface Translation {
  /** The file the translation was read from. */
  file: string;
  /** Its language, e.g. `en`. */
  lang: string;
  /** The file line of its front matter's `lang:`, for errors about the language. */
  langLine?: number;
  /** The id of the document it translates (its front matter's `translation-of`). */
  translationOf: string;
  /** What kind of translation it is, shown with it, e.g. `working translation, not official`. */
  status: string;
  title: string;
  meta: DocumentMeta;
  /** Section headings, by section index (1, 2, …). */
  headings: ReadonlyMap<number, string>;
  /** Translated text by the original passage's id (`speech/s2-p3-4`). */
  passages: ReadonlyMap<string, string>;
}

/**
 * Notes that help search understand questions about a passage, written by reading it
 * (`content/speech.notes.yml`). A note is never shown as the quote.
 */
export interface PassageNotes {
  /** One-line plain summary, by language (`zh`, `en`). */
  summary: Readonly<Record<string, string>>;
  /** Questions the passage answers, by language. */
  questions: Readonly<Record<string, readonly string[]>>;
  /** Questions about one part of the passage: an answer found through them quotes that part. */
  parts: readonly NotedPart[];
}

/** Questions answered by one part of a passage, named by a few words copied from it. */
export interface NotedPart {
  /** A verbatim piece of the passage's text, e.g. `只重业务不重政治理论学习`. */
  anchor: string;
  /** Questions that part answers, by language. */
  questions: Readonly<Record<string, readonly string[]>>;
}

/**
 * Where a passage stands, as numbers: formatted for people by `formatPlace` alone.
 * Section 0 is the introduction; paragraphs and points count from 1.
 */
export interface Place {
  section: number;
  paragraph: number;
  /** The point's number inside a paragraph that lists points (`四是` is point 4). */
  point?: number;
}

export interface Section {
  /** 0 for the introduction, then 1, 2, 3… */
  index: number;
  /** The `## ` heading; `null` for the introduction. */
  heading: string | null;
  paragraphs: Paragraph[];
}

export interface Paragraph {
  /** Stable id, e.g. `speech/s2-p3` (section 2, paragraph 3) or `speech/intro-p1`. */
  id: string;
  sectionIndex: number;
  /** 1-based position inside its section. */
  index: number;
  /** The paragraph's own lead label where it opens with one, e.g. `第三` for `第三,…`. */
  label?: string;
  text: string;
  /** 1-based line in the source file, for error messages and editors. */
  line: number;
}

/**
 * The unit search returns and the bot quotes: a whole paragraph, or, for paragraphs that list
 * sub-points (`一是…二是…`, `一要…二要…`), the paragraph's lead and each point separately, so a
 * question about one point is answered with that point.
 */
export interface Passage {
  /** Stable id: the paragraph id, plus `-k` for its k-th point (`speech/s2-p3-4`) or `-lead`. */
  id: string;
  docId: string;
  /** The title of the document the passage belongs to. */
  docTitle: string;
  paragraphId: string;
  /** The section heading, or the document title for the introduction and source line. */
  heading: string;
  /** Where it stands; `formatPlace` turns it into `第二部分 · 第三段 · 四是`. */
  place: Place;
  /** 1-based line of the paragraph in the source file. */
  line: number;
  /** The passage's own lead label: `第三` (paragraph) or `四是` (point), if any. */
  label?: string;
  kind: 'paragraph' | 'lead' | 'point' | 'source';
  /** The passage text, exactly as published. */
  text: string;
  /** The whole paragraph the passage is part of (equal to `text` for whole paragraphs). */
  paragraphText: string;
  /** Citation line, e.g. `中国档案报 2019-07-18 第三版`, or the document's source line. */
  source: string;
}
