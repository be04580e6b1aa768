import { Encoder, Index } from 'flexsearch';
import type { Passage, SpeechDocument } from '../content/types.ts';
import { type Analyzer, analyzeText, normalizedTerms } from './analyzer.ts';
import { compact } from './phrase.ts';

/** Term statistics of one field of one passage. */
export interface FieldStats {
  tf: Map<string, number>;
  length: number;
}

/**
 * Where a passage's searchable text comes from: the passage itself (in the document's language or
 * a translation's) or the notes written about it. Notes weigh less and are never quoted.
 */
export type FieldSource = 'text' | 'notes';

/** One searchable field of a passage: its words and (for Chinese) its character bigrams. */
export interface PassageField {
  words: FieldStats;
  grams: FieldStats;
}

export interface IndexedPassage {
  passage: Passage;
  /** Fields by `lang:source`, e.g. `zh:text`, `en:notes`. */
  fields: Map<string, PassageField>;
  /** Words of the section heading, by language: context a question may name ("根本任务是什么"). */
  headingWords: Map<string, Set<string>>;
  /** The passage in each translation's language, by language code. */
  translations: Map<string, string>;
  /** The passage's text without punctuation or spaces, where quoted and remembered phrases are sought. */
  compactText: string;
}

/** One note question, analyzed, and the part of the passage it is about. */
interface NoteQuestion {
  words: string[];
  grams: string[];
  /** Verbatim words of the passage the question is about, for a note on one part of it. */
  anchor?: string;
}

/** Every note question of a language, and which questions hold each word and bigram. */
export interface NoteQuestionIndex {
  questions: Array<{ entry: IndexedPassage; anchor?: string }>;
  /** Term → positions in `questions` of the questions that hold it. */
  words: Map<string, number[]>;
  grams: Map<string, number[]>;
}

/** Corpus-wide statistics for one kind of term in one field. */
export interface FieldCorpus {
  df: Map<string, number>;
  averageLength: number;
  /**
   * Terms that describe the documents themselves (title, author, role, publication): a query
   * naming them ("湖北省档案馆…") says little about which passage answers.
   */
  background: Set<string>;
}

export interface CorpusField {
  key: string;
  lang: string;
  source: FieldSource;
  words: FieldCorpus;
  grams: FieldCorpus;
}

/** What goes into the index; each part can be left out to measure what it brings. */
export interface IndexOptions {
  /** Index the passage notes. @default true */
  notes: boolean;
  /** Index the translations. @default true */
  translations: boolean;
}

export const fieldKey = (lang: string, source: FieldSource): string => `${lang}:${source}`;

/**
 * The searchable form of every passage, for every language an analyzer is given for: a FlexSearch
 * index per language that finds candidates fast, plus the statistics the ranker needs and
 * FlexSearch does not keep (term and document frequency, lengths).
 */
export class PassageIndex {
  readonly entries: IndexedPassage[];
  readonly fields: Map<string, CorpusField>;
  /**
   * Every term a language's fields, headings and front matter use: a query word outside it is one
   * the content never speaks of.
   */
  readonly vocabulary: Map<string, Set<string>>;
  /** Note questions by language, for finding the one closest to a query without scanning all. */
  readonly noteQuestions: Map<string, NoteQuestionIndex>;
  private readonly flex = new Map<string, Index>();

  constructor(
    documents: readonly SpeechDocument[],
    readonly analyzers: readonly Analyzer[],
    options: IndexOptions = { notes: true, translations: true },
  ) {
    const byLang = new Map(analyzers.map((analyzer) => [analyzer.lang, analyzer]));
    const indexed = documents.flatMap((document) =>
      document.passages.map((passage) => indexPassage(document, passage, byLang, options)),
    );
    this.entries = indexed.map(({ entry }) => entry);
    this.fields = new Map();
    this.vocabulary = new Map();
    this.noteQuestions = new Map(
      analyzers.map((analyzer) => [analyzer.lang, indexNoteQuestions(indexed, analyzer.lang)]),
    );
    for (const analyzer of analyzers) {
      const background = documents
        .flatMap((document) => backgroundText(document, analyzer.lang))
        .map((text) => analyzeOnce(analyzer, text));
      const backgroundWords = background.flatMap(({ words }) => words);
      const backgroundGrams = background.flatMap(({ grams }) => grams);
      const vocabulary = new Set<string>(backgroundWords);
      for (const source of ['text', 'notes'] as const) {
        const key = fieldKey(analyzer.lang, source);
        const present = this.entries.map((entry) => entry.fields.get(key));
        if (present.every((field) => field === undefined)) continue;
        const words = corpusStats(
          present.map((field) => field?.words),
          backgroundWords,
        );
        const grams = corpusStats(
          present.map((field) => field?.grams),
          backgroundGrams,
        );
        this.fields.set(key, { key, lang: analyzer.lang, source, words, grams });
        for (const term of words.df.keys()) vocabulary.add(term);
      }
      for (const entry of this.entries)
        for (const word of entry.headingWords.get(analyzer.lang) ?? []) vocabulary.add(word);
      this.vocabulary.set(analyzer.lang, vocabulary);
      const flex = createFlexIndex();
      this.entries.forEach((entry, id) => {
        const terms = new Set<string>(entry.headingWords.get(analyzer.lang));
        for (const source of ['text', 'notes'] as const) {
          const field = entry.fields.get(fieldKey(analyzer.lang, source));
          for (const term of field?.words.tf.keys() ?? []) terms.add(term);
          for (const gram of field?.grams.tf.keys() ?? []) terms.add(gram);
        }
        if (terms.size > 0) flex.add(id, [...terms].join(' '));
      });
      this.flex.set(analyzer.lang, flex);
    }
  }

  /** The fields of one language, e.g. `zh:text` and `zh:notes`. */
  fieldsOf(lang: string): CorpusField[] {
    return [...this.fields.values()].filter((field) => field.lang === lang);
  }

  /**
   * Passages holding any of the terms in a language's fields, as positions in `entries`.
   * FlexSearch's `suggest` mode returns partial matches too, which questions need: no passage
   * holds every word of "主题教育的总要求是什么".
   */
  candidates(lang: string, terms: readonly string[], limit: number): number[] {
    const flex = this.flex.get(lang);
    if (!flex || terms.length === 0) return [];
    return flex.search(terms.join(' '), { limit, suggest: true }).map(Number);
  }
}

function indexNoteQuestions(
  indexed: ReadonlyArray<{ entry: IndexedPassage; noteQuestions: ReadonlyMap<string, NoteQuestion[]> }>,
  lang: string,
): NoteQuestionIndex {
  const index: NoteQuestionIndex = { questions: [], words: new Map(), grams: new Map() };
  const post = (postings: Map<string, number[]>, term: string, position: number) => {
    const list = postings.get(term);
    if (list) list.push(position);
    else postings.set(term, [position]);
  };
  for (const { entry, noteQuestions } of indexed) {
    for (const { words, grams, anchor } of noteQuestions.get(lang) ?? []) {
      const position = index.questions.length;
      index.questions.push({ entry, ...(anchor ? { anchor } : {}) });
      for (const word of new Set(words)) post(index.words, word, position);
      for (const gram of new Set(grams)) post(index.grams, gram, position);
    }
  }
  return index;
}

function createFlexIndex(): Index {
  // Terms arrive already analyzed and space-separated, so the encoder only splits on spaces:
  // FlexSearch's default encoder would treat a whole Chinese clause as one token.
  return new Index({
    tokenize: 'strict',
    encoder: new Encoder({ split: ' ', normalize: false, dedupe: false }),
  });
}

function indexPassage(
  document: SpeechDocument,
  passage: Passage,
  analyzers: ReadonlyMap<string, Analyzer>,
  options: IndexOptions,
): { entry: IndexedPassage; noteQuestions: Map<string, NoteQuestion[]> } {
  const fields = new Map<string, PassageField>();
  const headingWords = new Map<string, Set<string>>();
  const translations = new Map<string, string>();
  const noteQuestions = new Map<string, NoteQuestion[]>();
  const add = (lang: string, source: FieldSource, texts: readonly string[]) => {
    const analyzer = analyzers.get(lang);
    if (!analyzer || texts.length === 0) return [];
    const analyzed = texts.map((text) => analyzeOnce(analyzer, text));
    fields.set(fieldKey(lang, source), {
      words: fieldStats(analyzed.flatMap(({ words }) => words)),
      grams: fieldStats(analyzed.flatMap(({ grams }) => grams)),
    });
    return analyzed;
  };
  const heading = (lang: string, text: string) => {
    const analyzer = analyzers.get(lang);
    if (analyzer) headingWords.set(lang, new Set(analyzeText(analyzer, text)));
  };
  add(document.lang, 'text', [passage.text]);
  heading(document.lang, passage.heading);
  if (options.translations) {
    for (const translation of document.translations) {
      const text = translation.passages.get(passage.id);
      if (text === undefined) continue;
      translations.set(translation.lang, text);
      add(translation.lang, 'text', [text]);
      heading(translation.lang, translation.headings.get(passage.sectionIndex) ?? translation.title);
    }
  }
  const notes = options.notes ? document.notes.get(passage.id) : undefined;
  if (notes) {
    const langs = new Set([
      ...Object.keys(notes.summary),
      ...Object.keys(notes.questions),
      ...notes.parts.flatMap((part) => Object.keys(part.questions)),
    ]);
    for (const lang of langs) {
      const analyzer = analyzers.get(lang);
      if (!analyzer) continue;
      const whole = [notes.summary[lang] ?? '', ...(notes.questions[lang] ?? [])].filter(Boolean);
      const asked: Array<{ text: string; anchor?: string }> = [
        ...whole.map((text) => ({ text })),
        ...notes.parts.flatMap(({ anchor, questions }) =>
          (questions[lang] ?? []).map((text) => ({ text, anchor })),
        ),
      ];
      const analyzed = add(
        lang,
        'notes',
        asked.map(({ text }) => text),
      );
      noteQuestions.set(
        lang,
        asked.map(({ anchor }, i) => ({
          words: [],
          grams: [],
          ...analyzed[i],
          ...(anchor ? { anchor } : {}),
        })),
      );
    }
  }
  return {
    entry: { passage, fields, headingWords, translations, compactText: compact(passage.text) },
    noteQuestions,
  };
}

/** What a document says about itself, in a language: its title and publication facts. */
function backgroundText(document: SpeechDocument, lang: string): string[] {
  const sources =
    document.lang === lang
      ? [{ title: document.title, meta: document.meta }]
      : document.translations.filter((translation) => translation.lang === lang);
  return sources.flatMap(({ title, meta }) =>
    [title, meta.headline, meta.subtitle, meta.author, meta.role, meta.publication].filter(
      (text) => text !== undefined,
    ),
  );
}

/** A text's words and bigrams, normalizing it once. */
function analyzeOnce(analyzer: Analyzer, text: string): { words: string[]; grams: string[] } {
  const normalized = analyzer.normalize(text);
  return { words: normalizedTerms(analyzer, normalized), grams: analyzer.grams(normalized) };
}

function fieldStats(terms: readonly string[]): FieldStats {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return { tf, length: terms.length };
}

function corpusStats(
  fields: readonly (FieldStats | undefined)[],
  background: readonly string[],
): FieldCorpus {
  const df = new Map<string, number>();
  let total = 0;
  let counted = 0;
  for (const field of fields) {
    if (!field) continue;
    total += field.length;
    counted++;
    for (const term of field.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { df, averageLength: counted ? total / counted : 0, background: new Set(background) };
}
