import { isCalendarDate } from './calendar.ts';
import { ContentError } from './errors.ts';
import { splitPoints } from './points.ts';
import type { DocumentMeta, Passage, Section, SpeechDocument } from './types.ts';
import { yaml } from './yaml.ts';

export const META_KEYS: readonly string[] & readonly (keyof DocumentMeta)[] = [
  'lang',
  'headline',
  'subtitle',
  'author',
  'role',
  'publication',
  'date',
  'issue',
  'page',
];

/** The language of a document whose front matter does not say `lang:`. */
export const DEFAULT_LANG = 'zh';

const LEAD_LABEL = /^第([一二三四五六七八九十]{1,3})[,,、::]/u;

/** Turns the bytes of a file into text, rejecting anything that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ContentError(file, firstInvalidLine(bytes), 'the file is not valid UTF-8; save it as UTF-8');
  }
}

function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/** The body of a content file: title, sections with their paragraphs, source line. */
export interface Body {
  title: string;
  sections: Section[];
  source?: string;
  sourceLine?: number;
}

/**
 * Parses one content file (Markdown with YAML front matter) into a document.
 *
 * The format: optional front matter between `---` lines (keys: headline, subtitle, author, role,
 * publication, date, issue, page); one `# ` title; introduction paragraphs; `## ` section headings,
 * each followed by its paragraphs; an optional `> ` source line. Paragraphs are separated by
 * blank lines; lines of one paragraph are joined without a space, as Chinese text is.
 *
 * @param text the file's text (already decoded)
 * @param file the path, used for the document id and in every error
 * @throws ContentError naming the file and line of the first problem
 */
export function parseDocument(text: string, file: string): SpeechDocument {
  const lines = splitLines(text);
  if (lines.every((line) => line.trim() === '')) {
    throw new ContentError(file, 1, 'the file is empty; a content file needs at least a "# Title" line');
  }
  const { values, keyLines, bodyStart } = parseFrontMatter(lines, file);
  const meta = documentMeta(values);
  const lang = meta.lang ?? DEFAULT_LANG;
  const body = parseBody(lines, bodyStart, file, lang);
  checkNotAnUntaggedTranslation(body, file);
  const id = documentId(file);
  const document: SpeechDocument = {
    id,
    file,
    lang,
    ...(keyLines.lang !== undefined ? { langLine: keyLines.lang } : {}),
    title: body.title,
    meta,
    sections: body.sections,
    passages: [],
    translations: [],
    notes: new Map(),
  };
  if (body.source !== undefined) document.source = body.source;
  document.passages = buildPassages(document, body.sourceLine);
  return document;
}

/** A translation's passage tag as it opens a paragraph: `[s2-p3-4]`, `[intro-p1]`, `[source]`. */
const TRANSLATION_TAG = /^\[(?:(?:intro|s\d+)-p\d+(?:-\d+|-lead)?|source)\]/;

/**
 * A file whose paragraphs open with passage tags is a translation that forgot its front matter:
 * loaded as a document of its own, it would show the tags and answer as a second text.
 */
function checkNotAnUntaggedTranslation(body: Body, file: string): void {
  for (const section of body.sections) {
    const tagged = section.paragraphs.find((paragraph) => TRANSLATION_TAG.test(paragraph.text));
    if (tagged) {
      throw new ContentError(
        file,
        tagged.line,
        `opens a paragraph with a passage tag (${tagged.text.match(TRANSLATION_TAG)?.[0]}) as a translation does; if it is one, add "translation-of: <document id>" and "lang: <code>" to its front matter`,
      );
    }
  }
}

/** The lines of a file's text, without a byte order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** `content/speech.md` → `speech`; `content/speech.en.md` → `speech.en`. */
export function documentId(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** Front matter keys a translation may have besides the document's own. */
export const TRANSLATION_KEYS = ['translation-of', 'status'] as const;

/**
 * Reads the front matter between `---` lines as single-line text values, allowing only `keys`.
 * @returns the values, the file line of each key (for later errors about a value), and the index
 *   of the first body line
 */
export function parseFrontMatter(
  lines: readonly string[],
  file: string,
  keys: readonly string[] = META_KEYS,
): { values: Record<string, string>; keyLines: Record<string, number>; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { values: {}, keyLines: {}, bodyStart: 0 };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    throw new ContentError(file, 1, 'front matter starts with "---" but has no closing "---" line');
  }
  let data: unknown;
  try {
    data = yaml().parse(lines.slice(1, end).join('\n'));
  } catch (error) {
    const line = error instanceof yaml().YAMLParseError ? (error.linePos?.[0].line ?? 1) + 1 : 2;
    // Drop the parser's own "at line N, column M" (counted from the first front matter line), so
    // the message carries only the file line.
    const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    // `headline: Jane Smith: Annual Report` is YAML for a mapping inside a value.
    const hint = /^[^:]+:\s.*:\s/.test(lines[line - 1] ?? '')
      ? '; a value holding ": " needs quotes, e.g. headline: "Jane Smith: Annual Report"'
      : '';
    throw new ContentError(file, line, `front matter is not valid YAML: ${reason}${hint}`);
  }
  if (data === null || data === undefined) return { values: {}, keyLines: {}, bodyStart: end + 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError(file, 2, 'front matter must be "key: value" lines');
  }
  const values: Record<string, string> = {};
  const keyLines: Record<string, number> = {};
  for (const [key, value] of Object.entries(data)) {
    const line = frontMatterLine(lines, end, key);
    keyLines[key] = line;
    if (!keys.includes(key)) {
      throw new ContentError(file, line, `unknown front matter key "${key}"; known keys: ${keys.join(', ')}`);
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ContentError(file, line, `front matter "${key}" must be a single line of text`);
    }
    const text = String(value).trim();
    checkShownWhole(file, line, `front matter "${key}"`, text);
    if (key === 'date' && !isCalendarDate(text)) {
      throw new ContentError(
        file,
        line,
        `front matter "date" must be a date that exists, written like 2019-07-18, not "${text}"`,
      );
    }
    if (key === 'lang' && !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(text)) {
      throw new ContentError(
        file,
        line,
        `front matter "lang" must be a language code like zh or en, not "${text}"`,
      );
    }
    values[key] = text;
  }
  return { values, keyLines, bodyStart: end + 1 };
}

/** The publication facts among front matter values. */
export function documentMeta(values: Readonly<Record<string, string>>): DocumentMeta {
  const meta: DocumentMeta = {};
  for (const key of META_KEYS) {
    const value = values[key];
    if (value !== undefined) meta[key] = value;
  }
  return meta;
}

function frontMatterLine(lines: readonly string[], end: number, key: string): number {
  const index = lines.findIndex((line, i) => i > 0 && i < end && line.startsWith(`${key}:`));
  return index < 0 ? 2 : index + 1;
}

/**
 * Parses the Markdown body. Lines of one paragraph are joined without a space in Chinese and
 * Japanese text, with one in other languages.
 */
export function parseBody(lines: readonly string[], start: number, file: string, lang: string): Body {
  const joiner = /^(zh|ja)\b/.test(lang) ? '' : ' ';
  let title: string | undefined;
  let source: string | undefined;
  let sourceLine: number | undefined;
  const sections: Section[] = [{ index: 0, heading: null, paragraphs: [] }];
  const headingLines = new Map<number, number>();
  let pending: { text: string; line: number } | undefined;

  const current = (): Section => sections[sections.length - 1] as Section;
  const flush = () => {
    if (!pending) return;
    const section = current();
    section.paragraphs.push({
      id: '',
      sectionIndex: section.index,
      index: section.paragraphs.length + 1,
      text: pending.text,
      line: pending.line,
    });
    pending = undefined;
  };

  for (let i = start; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').trim();
    if (line === '' || /^<!--.*-->$/.test(line)) {
      flush();
      continue;
    }
    if (/^#{3,}\s/.test(line)) {
      throw new ContentError(file, lineNo, 'only "# " (title) and "## " (section) headings are supported');
    }
    if (line.startsWith('# ') || line === '#') {
      flush();
      const text = line.slice(1).trim();
      if (title !== undefined)
        throw new ContentError(file, lineNo, 'a second "# " title; a file has one title');
      if (!text) throw new ContentError(file, lineNo, 'the "# " title is empty');
      checkShownWhole(file, lineNo, 'the "# " title', text);
      title = text;
      continue;
    }
    if (title === undefined) {
      throw new ContentError(file, lineNo, 'text before the "# " title; start the body with "# Title"');
    }
    if (line.startsWith('## ') || line === '##') {
      flush();
      if (source !== undefined) {
        throw new ContentError(file, lineNo, 'text after the "> " source line; the source line comes last');
      }
      const heading = line.slice(2).trim();
      if (!heading) throw new ContentError(file, lineNo, 'the "## " section heading is empty');
      checkShownWhole(file, lineNo, 'the "## " section heading', heading);
      const index = sections.length;
      sections.push({ index, heading, paragraphs: [] });
      headingLines.set(index, lineNo);
      continue;
    }
    if (line.startsWith('>')) {
      flush();
      if (source !== undefined) throw new ContentError(file, lineNo, 'a second "> " source line; keep one');
      source = line.slice(1).trim();
      sourceLine = lineNo;
      if (!source) throw new ContentError(file, lineNo, 'the "> " source line is empty');
      checkShownWhole(file, lineNo, 'the "> " source line', source);
      continue;
    }
    if (source !== undefined) {
      throw new ContentError(file, lineNo, 'text after the "> " source line; the source line comes last');
    }
    pending = pending
      ? { text: pending.text + joiner + line, line: pending.line }
      : { text: line, line: lineNo };
  }
  flush();

  if (title === undefined) {
    throw new ContentError(file, start + 1, 'no "# " title; the body must start with "# Title"');
  }
  for (const section of sections.slice(1)) {
    if (section.paragraphs.length === 0) {
      throw new ContentError(
        file,
        headingLines.get(section.index) ?? 1,
        `section "${section.heading}" has no paragraphs`,
      );
    }
  }
  if (sections.every((section) => section.paragraphs.length === 0)) {
    throw new ContentError(file, start + 1, 'the file has a title but no paragraphs');
  }
  return source === undefined || sourceLine === undefined
    ? { title, sections }
    : { title, sections, source, sourceLine };
}

function citation(document: SpeechDocument): string {
  if (document.source) return document.source;
  const { publication, date, issue, page } = document.meta;
  const parts = [publication, date, issue, page].filter(Boolean);
  return parts.length ? parts.join(' ') : document.title;
}

function buildPassages(document: SpeechDocument, sourceLine: number | undefined): Passage[] {
  const passages: Passage[] = [];
  const source = citation(document);
  for (const section of document.sections) {
    const isIntro = section.index === 0;
    for (const paragraph of section.paragraphs) {
      paragraph.id = isIntro
        ? `${document.id}/intro-p${paragraph.index}`
        : `${document.id}/s${section.index}-p${paragraph.index}`;
      const label = LEAD_LABEL.exec(paragraph.text)?.[0].slice(0, -1);
      if (label) paragraph.label = label;
      const place = { section: section.index, paragraph: paragraph.index };
      const base = {
        docId: document.id,
        docTitle: document.title,
        paragraphId: paragraph.id,
        heading: section.heading ?? document.title,
        paragraphText: paragraph.text,
        line: paragraph.line,
        source,
      };
      const { lead, points } = splitPoints(paragraph.text);
      if (points.length === 0) {
        passages.push(
          withLabel({ ...base, id: paragraph.id, place, kind: 'paragraph', text: paragraph.text }, label),
        );
        continue;
      }
      if (lead.trim()) {
        passages.push(
          withLabel({ ...base, id: `${paragraph.id}-lead`, place, kind: 'lead', text: lead }, label),
        );
      }
      points.forEach((point, i) => {
        passages.push({
          ...base,
          id: `${paragraph.id}-${i + 1}`,
          place: { ...place, point: i + 1 },
          label: point.label,
          kind: 'point',
          text: point.text,
        });
      });
    }
  }
  if (document.source) {
    passages.push({
      id: `${document.id}/source`,
      docId: document.id,
      docTitle: document.title,
      paragraphId: `${document.id}/source`,
      heading: document.title,
      place: { section: document.sections.length, paragraph: 1 },
      line: sourceLine ?? 1,
      kind: 'source',
      text: document.source,
      paragraphText: document.source,
      source,
    });
  }
  return passages;
}

function withLabel(passage: Omit<Passage, 'label'>, label: string | undefined): Passage {
  return label ? { ...passage, label } : passage;
}

/**
 * Longest title, heading, source line or front matter value, in characters. Each is shown whole
 * with every answer, in Slack elements of at most 2,000 characters once escaped (`&` is five):
 * a longer one is a paragraph in the wrong place.
 */
export const MAX_LABEL_LENGTH = 300;

function checkShownWhole(file: string, line: number, what: string, text: string): void {
  const length = [...text].length;
  if (length > MAX_LABEL_LENGTH) {
    throw new ContentError(
      file,
      line,
      `${what} is ${length} characters; keep it to ${MAX_LABEL_LENGTH} (it is shown whole with every answer)`,
    );
  }
}
