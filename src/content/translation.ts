import { ContentError } from './errors.ts';
import { idChoices, localId } from './ids.ts';
import { fromChineseNumeral } from './numerals.ts';
import {
  documentMeta,
  META_KEYS,
  parseBody,
  parseFrontMatter,
  splitLines,
  TRANSLATION_KEYS,
} from './parse.ts';
import type { SpeechDocument, Translation } from './types.ts';

/** A translation's paragraph starts with the original passage's id: `[s2-p3-4] Fourth, …`. */
const PASSAGE_TAG = /^\[([A-Za-z0-9-]+)\]\s*/;

/** True for a content file whose front matter says it translates another (`translation-of:`). */
export function isTranslation(text: string): boolean {
  const lines = splitLines(text);
  if (lines[0]?.trim() !== '---') return false;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  return lines.slice(1, end < 0 ? lines.length : end).some((line) => line.startsWith('translation-of:'));
}

/** The id of the document a translation file names in `translation-of:`, with the line it is on. */
export function translatedDocumentId(text: string, file: string): string {
  const { values } = parseFrontMatter(splitLines(text), file, [...META_KEYS, ...TRANSLATION_KEYS]);
  const id = values['translation-of'];
  if (!id)
    throw new ContentError(
      file,
      2,
      'a translation needs "translation-of: <document id>" in its front matter',
    );
  return id;
}

/**
 * Parses a translation file against the document it translates and checks the alignment: every
 * passage of the original has exactly one translated paragraph, tagged with its id, and every
 * section heading is translated.
 *
 * The format is the original's (front matter, `# ` title, `## ` headings, `> ` source line) with
 * `lang:`, `translation-of:` and `status:` in the front matter, and each paragraph opening with the
 * original passage's id in brackets: `[s2-p3-4] Fourth, …`, `> [source] Source: …`.
 *
 * @throws ContentError naming the file and line of the first problem, or, for a passage with no
 *   translation, the original's file and line
 */
export function parseTranslation(text: string, file: string, original: SpeechDocument): Translation {
  const lines = splitLines(text);
  const { values, keyLines, bodyStart } = parseFrontMatter(lines, file, [...META_KEYS, ...TRANSLATION_KEYS]);
  const lang = values.lang;
  if (!lang)
    throw new ContentError(
      file,
      2,
      'a translation needs "lang: <language code>" (e.g. en) in its front matter',
    );
  if (lang === original.lang) {
    throw new ContentError(
      file,
      keyLines.lang ?? 2,
      `a translation must be in another language than ${original.file} (${lang})`,
    );
  }
  const body = parseBody(lines, bodyStart, file, lang);
  const known = new Map(original.passages.map((passage) => [localId(passage.id, original.id), passage]));
  const passages = new Map<string, string>();
  const tagged = [
    ...body.sections.flatMap((section) => section.paragraphs.map(({ text, line }) => ({ text, line }))),
    ...(body.source !== undefined ? [{ text: body.source, line: body.sourceLine ?? 1 }] : []),
  ];
  for (const { text: paragraph, line } of tagged) {
    const tag = PASSAGE_TAG.exec(paragraph);
    if (!tag?.[1]) {
      throw new ContentError(
        file,
        line,
        'a translated paragraph must start with the id of the passage it translates, e.g. "[s1-p2] …"',
      );
    }
    const passage = known.get(tag[1]);
    if (!passage) {
      throw new ContentError(
        file,
        line,
        `"[${tag[1]}]" is not a passage of ${original.file}; its passages are ${idChoices([...known.keys()])}`,
      );
    }
    if (passages.has(passage.id)) {
      throw new ContentError(file, line, `a second translation of passage [${tag[1]}]; keep one`);
    }
    const translated = paragraph.slice(tag[0].length).trim();
    if (!translated) throw new ContentError(file, line, `the translation of [${tag[1]}] is empty`);
    const opening = lang === 'en' ? englishOrdinal(translated) : undefined;
    const labelled = passage.label ? labelOrdinal(passage.label) : undefined;
    // 第三 translated as "Fourth, …": ids that moved when a paragraph was inserted or removed.
    if (opening !== undefined && labelled !== undefined && opening !== labelled) {
      throw new ContentError(
        file,
        line,
        `[${tag[1]}] opens with "${ENGLISH_ORDINALS[opening - 1]}", but that passage of ${original.file} ` +
          `(line ${passage.line}) is ${passage.label}: if a paragraph was inserted or removed there, ` +
          'renumber the ids from that point',
      );
    }
    passages.set(passage.id, translated);
  }
  for (const [id, passage] of known) {
    if (!passages.has(passage.id)) {
      throw new ContentError(
        original.file,
        passage.line,
        `passage [${id}] has no translation in ${file}; add a paragraph "[${id}] …" there. ` +
          'Ids number the paragraphs in order: if one was inserted or removed above it, the ids after that ' +
          'point have moved, so renumber the translation (and the notes) from there rather than add one at the end',
      );
    }
  }
  const headed = body.sections.filter((section) => section.heading !== null);
  const originalHeaded = original.sections.filter((section) => section.heading !== null);
  if (headed.length !== originalHeaded.length) {
    throw new ContentError(
      file,
      1,
      `${headed.length} "## " headings, but ${original.file} has ${originalHeaded.length}; translate each section heading once`,
    );
  }
  return {
    file,
    lang,
    ...(keyLines.lang !== undefined ? { langLine: keyLines.lang } : {}),
    translationOf: original.id,
    status: values.status ?? 'unofficial translation',
    title: body.title,
    meta: documentMeta(values),
    headings: new Map(headed.map((section) => [section.index, section.heading ?? ''])),
    passages,
  };
}

const ENGLISH_ORDINALS = [
  'First',
  'Second',
  'Third',
  'Fourth',
  'Fifth',
  'Sixth',
  'Seventh',
  'Eighth',
  'Ninth',
  'Tenth',
];

/** The number an English paragraph opens with ("Third, we must…" → 3), if it opens with one. */
function englishOrdinal(text: string): number | undefined {
  // "First, …", "First of all": a word of its own; "First-hand records" is not a number.
  const word = /^([A-Za-z]+)(?=[,\s])/.exec(text)?.[1]?.toLowerCase();
  const index = ENGLISH_ORDINALS.findIndex((ordinal) => ordinal.toLowerCase() === word);
  return index >= 0 ? index + 1 : undefined;
}

/** The number of a passage's lead label: 第三 → 3, 四是 → 4, 二要 → 2. */
function labelOrdinal(label: string): number | undefined {
  return fromChineseNumeral(label.replace(/^第/, '').replace(/[是要]$/, ''));
}
