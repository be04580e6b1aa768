/**
 * The material the benchmark is built from: the real speech, and a deterministic synthetic
 * corpus of speech-sized Markdown documents recombined from the speech's own sentences and
 * words, written in the content format and parsed with the repo's `parseDocument`.
 */
import { parseDocument } from '../../src/content/parse.ts';
import { splitSentences } from '../../src/content/sentences.ts';
import type { Passage, SpeechDocument } from '../../src/content/types.ts';
import { cut, isHan, words } from '../../src/search/segment.ts';
import type { SynonymMap } from '../../src/search/synonyms.ts';
import { Rng } from './prng.ts';

/** What one contender indexes: the documents (our engine) or their passages (MiniSearch). */
export interface Corpus {
  name: string;
  documents: readonly SpeechDocument[];
  passages: readonly Passage[];
  synonyms: SynonymMap;
  /** Characters of body text across all passages. */
  characters: number;
}

export function makeCorpus(name: string, documents: readonly SpeechDocument[], synonyms: SynonymMap): Corpus {
  const passages = documents.flatMap((document) => document.passages);
  const characters = passages.reduce((sum, passage) => sum + passage.text.length, 0);
  return { name, documents, passages, synonyms, characters };
}

/** Pieces of the speech to recombine. */
export interface Material {
  /** Every sentence of every paragraph, as published. */
  sentences: string[];
  /** jieba's precise cut of every sentence: the shapes recombined sentences keep. */
  cutSentences: string[][];
  /** Every Han token of the precise cut, repeats kept, so draws follow the speech's word frequencies. */
  tokens: string[];
  /** Distinct search words (jieba search mode) of two or more characters. */
  vocabulary: string[];
  headings: string[];
  /** Paragraph characters per document of the source (the speech: ≈ 3.6k; its file is ≈ 11 KB of UTF-8). */
  charactersPerDocument: number;
}

export function speechMaterial(documents: readonly SpeechDocument[]): Material {
  const paragraphs = documents.flatMap((document) =>
    document.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.text)),
  );
  const sentences = paragraphs.flatMap((text) => splitSentences(text)).filter((s) => s.length >= 6);
  const cutSentences = sentences.map((sentence) => [...cut(sentence)]);
  const tokens = cutSentences.flat().filter((token) => isHan(token));
  const vocabulary = [
    ...new Set(paragraphs.flatMap((text) => words(text)).filter((w) => isHan(w) && [...w].length >= 2)),
  ];
  const headings = documents.flatMap((document) =>
    document.sections.flatMap((section) => (section.heading ? [section.heading] : [])),
  );
  const characters = paragraphs.reduce((sum, text) => sum + text.length, 0);
  const charactersPerDocument = Math.round(characters / Math.max(1, documents.length));
  return { sentences, cutSentences, tokens, vocabulary, headings, charactersPerDocument };
}

/** Options of {@link syntheticCorpus}. */
export interface SyntheticOptions {
  documents: number;
  /** Target paragraph characters per document, ±15 %. */
  charactersPerDocument: number;
  seed: number;
}

/**
 * Builds `documents` Markdown files in memory and parses each with `parseDocument`, so the
 * engine sees exactly what it would see from `content/*.md`.
 */
export function syntheticCorpus(material: Material, options: SyntheticOptions): SpeechDocument[] {
  const rng = new Rng(options.seed);
  const result: SpeechDocument[] = [];
  for (let i = 1; i <= options.documents; i++) {
    const name = `doc-${String(i).padStart(4, '0')}`;
    result.push(parseDocument(syntheticMarkdown(material, rng, i, options), `synthetic/${name}.md`));
  }
  return result;
}

/** One document in the content format: front matter, `# ` title, intro, `## ` sections, `> ` source. */
export function syntheticMarkdown(
  material: Material,
  rng: Rng,
  number: number,
  options: SyntheticOptions,
): string {
  const target = Math.round(options.charactersPerDocument * (0.85 + rng.next() * 0.3));
  const lines = frontMatter(rng, number);
  lines.push(`# ${phrase(material, rng, 2, 4)}`, '');
  let length = 0;
  for (let p = rng.int(1, 2); p > 0; p--) length += pushParagraph(lines, paragraph(material, rng));
  const sections = rng.int(2, 5);
  for (let s = 0; s < sections; s++) {
    lines.push(`## ${heading(material, rng)}`, '');
    const budget = (target - length) / (sections - s);
    let sectionLength = 0;
    do sectionLength += pushParagraph(lines, paragraph(material, rng));
    while (sectionLength < budget);
    length += sectionLength;
  }
  lines.push(`> 来源:合成档案报 第${number}期`, '');
  return lines.join('\n');
}

function frontMatter(rng: Rng, number: number): string[] {
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  return [
    '---',
    `author: 作者${number}`,
    'publication: 合成档案报',
    `date: ${rng.int(2015, 2024)}-${month}-${day}`,
    '---',
    '',
  ];
}

function pushParagraph(lines: string[], text: string): number {
  lines.push(text, '');
  return text.length;
}

const POINT_NUMERALS = ['一', '二', '三', '四', '五'];

/**
 * 3–10 sentences (the speech's paragraphs run 2–14); one in six is a lead sentence followed by
 * 2–5 numbered points (`一是…二是…`) of 1–3 sentences each.
 */
function paragraph(material: Material, rng: Rng): string {
  if (rng.chance(1 / 6)) {
    const suffix = rng.pick(['是', '要']);
    const points = POINT_NUMERALS.slice(0, rng.int(2, 5)).map(
      (numeral) => `${numeral}${suffix}${sentences(material, rng, rng.int(1, 3))}`,
    );
    return sentence(material, rng) + points.join('');
  }
  return sentences(material, rng, rng.int(3, 10));
}

function sentences(material: Material, rng: Rng, count: number): string {
  let text = '';
  for (let n = count; n > 0; n--) text += sentence(material, rng);
  return text;
}

/** Half the time a sentence of the speech as is, else its shape with a third of its words swapped. */
function sentence(material: Material, rng: Rng): string {
  const index = rng.int(0, material.sentences.length - 1);
  if (rng.chance(0.5)) return material.sentences[index] as string;
  const tokens = material.cutSentences[index] ?? [];
  return tokens
    .map((token) => (isHan(token) && rng.chance(0.33) ? rng.pick(material.tokens) : token))
    .join('');
}

function heading(material: Material, rng: Rng): string {
  if (rng.chance(0.5)) return rng.pick(material.headings);
  return `${phrase(material, rng, 3, 6)},${phrase(material, rng, 3, 6)}`;
}

function phrase(material: Material, rng: Rng, min: number, max: number): string {
  let text = '';
  for (let n = rng.int(min, max); n > 0; n--) text += rng.pick(material.vocabulary);
  return text;
}
