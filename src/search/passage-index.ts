import type { Passage, SpeechDocument } from '../content/types.ts';
import { type Analyzer, analyzeText, normalizedTerms } from './analyzer.ts';
import { compact } from './phrase.ts';
import { Postings, PostingsBuilder, type PostingsData } from './postings.ts';

/**
 * Where a passage's searchable text comes from: the passage itself (in the document's language or
 * a translation's) or the notes written about it. Notes weigh less and are never quoted.
 */
export type FieldSource = 'text' | 'notes';

export interface IndexedPassage {
  passage: Passage;
  /** The passage in each translation's language, by language code. */
  translations: ReadonlyMap<string, string>;
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
  /** `passage` is the position in `PassageIndex.entries` of the passage the question is about. */
  questions: Array<{ passage: number; anchor?: string }>;
  /** Term → positions in `questions` of the questions that hold it. */
  words: Map<string, number[]>;
  grams: Map<string, number[]>;
}

/** One kind of term (words or bigrams) in one field, over the whole corpus. */
export interface FieldTerms {
  postings: Postings;
  /** Terms in each passage's field, by passage position (0 when the passage has no such field). */
  lengths: Uint32Array;
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
  words: FieldTerms;
  grams: FieldTerms;
}

/** What goes into the index; each part can be left out to measure what it brings. */
export interface IndexOptions {
  /** Index the passage notes. @default true */
  notes: boolean;
  /** Index the translations. @default true */
  translations: boolean;
  /**
   * Analyses of texts known beforehand (`npm run build` stores those of `content/`, see
   * `stored-index.ts`), by {@link analysisKey}. The index takes a text's analysis from here
   * when it is there and adds the ones it makes, so a build can store them all. Without it,
   * analyses are not kept.
   */
  analyses?: Map<string, TextAnalysis>;
  /**
   * The derived parts of an index built before over the same documents with the same options
   * and analyzers ({@link PassageIndex.toData}; `npm run build` stores it, see `stored-index.ts`):
   * used as they are, nothing is analyzed or built.
   */
  data?: IndexData;
}

/** One kind of term in one field, as plain data. */
interface FieldTermsData {
  postings: PostingsData;
  lengths: Uint32Array;
  averageLength: number;
  background: Set<string>;
}

/** An index's parts derived from the documents, as plain data (Maps, Sets, typed arrays). */
export interface IndexData {
  fields: Array<{
    key: string;
    lang: string;
    source: FieldSource;
    words: FieldTermsData;
    grams: FieldTermsData;
  }>;
  headings: Array<[lang: string, PostingsData]>;
  vocabulary: Map<string, Set<string>>;
  noteQuestions: Map<string, NoteQuestionIndex>;
}

/** A text's terms as an analyzer makes them: its words, and its bigrams (none for a heading). */
export interface TextAnalysis {
  words: string[];
  grams: string[];
}

/** Where a text's analysis is kept: by language, by use (text, or heading: unique words), by text. */
export const analysisKey = (lang: string, use: 'text' | 'heading', text: string): string =>
  `${lang}\u0000${use}\u0000${text}`;

export const fieldKey = (lang: string, source: FieldSource): string => `${lang}:${source}`;

/** What one passage contributes to a language's fields, analyzed once. */
interface AnalyzedPassage {
  entry: IndexedPassage;
  /** Words and bigrams by field key. */
  fields: Map<string, { words: string[]; grams: string[] }>;
  /** Words of the section heading, by language: context a question may name ("根本任务是什么"). */
  headingWords: Map<string, string[]>;
  noteQuestions: Map<string, NoteQuestion[]>;
}

/**
 * The searchable form of every passage, for every language an analyzer is given for: per field
 * (`zh:text`, `zh:notes`, `en:text`, …) inverted lists of words and character bigrams with their
 * counts and the fields' lengths, which is all BM25 and its upper bounds need; the section
 * headings' words; and the note questions.
 */
export class PassageIndex {
  readonly entries: IndexedPassage[];
  readonly fields: Map<string, CorpusField>;
  /** Per language: which passages' section headings hold each word (counts are 1). */
  readonly headings: Map<string, Postings>;
  /**
   * Every term a language's fields, headings and front matter use: a query word outside it is one
   * the content never speaks of.
   */
  readonly vocabulary: Map<string, Set<string>>;
  /** Note questions by language, for finding the one closest to a query without scanning all. */
  readonly noteQuestions: Map<string, NoteQuestionIndex>;
  private readonly compacted: Array<string | undefined> = [];

  constructor(
    documents: readonly SpeechDocument[],
    readonly analyzers: readonly Analyzer[],
    options: IndexOptions = { notes: true, translations: true },
  ) {
    const parts = options.data
      ? restoreParts(documents, options, options.data)
      : buildParts(documents, analyzers, options);
    this.entries = parts.entries;
    this.fields = parts.fields;
    this.headings = parts.headings;
    this.vocabulary = parts.vocabulary;
    this.noteQuestions = parts.noteQuestions;
  }

  /** The parts derived from the documents, as plain data for storing (see {@link IndexOptions.data}). */
  toData(): IndexData {
    const terms = ({ postings, lengths, averageLength, background }: FieldTerms): FieldTermsData => ({
      postings: postings.toData(),
      lengths,
      averageLength,
      background,
    });
    return {
      fields: [...this.fields.values()].map(({ key, lang, source, words, grams }) => ({
        key,
        lang,
        source,
        words: terms(words),
        grams: terms(grams),
      })),
      headings: [...this.headings].map(([lang, postings]) => [lang, postings.toData()]),
      vocabulary: this.vocabulary,
      noteQuestions: this.noteQuestions,
    };
  }

  /**
   * A passage's text without punctuation or spaces, where quoted and remembered phrases are
   * sought; made the first time a phrase is compared with the passage.
   */
  compactText(position: number): string {
    let text = this.compacted[position];
    if (text === undefined) {
      text = compact(this.entries[position]?.passage.text ?? '');
      this.compacted[position] = text;
    }
    return text;
  }

  /** The fields of one language, e.g. `zh:text` and `zh:notes`. */
  fieldsOf(lang: string): CorpusField[] {
    return [...this.fields.values()].filter((field) => field.lang === lang);
  }
}

/** The parts of a {@link PassageIndex}. */
interface IndexParts {
  entries: IndexedPassage[];
  fields: Map<string, CorpusField>;
  headings: Map<string, Postings>;
  vocabulary: Map<string, Set<string>>;
  noteQuestions: Map<string, NoteQuestionIndex>;
}

/** Analyzes every passage and builds the inverted lists. */
function buildParts(
  documents: readonly SpeechDocument[],
  analyzers: readonly Analyzer[],
  options: IndexOptions,
): IndexParts {
  const byLang = new Map(analyzers.map((analyzer) => [analyzer.lang, analyzer]));
  // Without analyses given, texts are not kept (on a large corpus their words should die
  // young), but passages of one section share their heading: it is analyzed once.
  const analyses = options.analyses;
  const headingAnalyses = analyses ?? new Map<string, TextAnalysis>();
  // Each passage's words go into the lists as soon as it is analyzed, so the word arrays die young.
  const builders = new Map<string, { words: PostingsBuilder; grams: PostingsBuilder }>();
  const headingBuilders = new Map(analyzers.map((analyzer) => [analyzer.lang, new PostingsBuilder()]));
  const notesByPassage: Array<Map<string, NoteQuestion[]>> = [];
  const entries: IndexedPassage[] = [];
  for (const document of documents) {
    for (const passage of document.passages) {
      const position = entries.length;
      const analyzed = analyzePassage(document, passage, byLang, options, { analyses, headingAnalyses });
      entries.push(analyzed.entry);
      notesByPassage.push(analyzed.noteQuestions);
      for (const [key, { words, grams }] of analyzed.fields) {
        let builder = builders.get(key);
        if (!builder) {
          builder = { words: new PostingsBuilder(), grams: new PostingsBuilder() };
          builders.set(key, builder);
        }
        builder.words.add(position, words);
        builder.grams.add(position, grams);
      }
      for (const [lang, words] of analyzed.headingWords) headingBuilders.get(lang)?.add(position, words);
    }
  }
  const size = entries.length;
  const fields = new Map<string, CorpusField>();
  const headings = new Map<string, Postings>();
  const vocabularies = new Map<string, Set<string>>();
  const noteQuestions = new Map(
    analyzers.map((analyzer) => [analyzer.lang, indexNoteQuestions(notesByPassage, analyzer.lang)]),
  );
  for (const analyzer of analyzers) {
    const background = documents
      .flatMap((document) => backgroundText(document, analyzer.lang))
      .map((text) => analyzeOnce(analyzer, text, analyses));
    const backgroundWords = new Set(background.flatMap(({ words }) => words));
    const backgroundGrams = new Set(background.flatMap(({ grams }) => grams));
    const vocabulary = new Set<string>(backgroundWords);
    for (const source of ['text', 'notes'] as const) {
      const key = fieldKey(analyzer.lang, source);
      const builder = builders.get(key);
      if (!builder) continue;
      const field: CorpusField = {
        key,
        lang: analyzer.lang,
        source,
        words: fieldTerms(builder.words, size, backgroundWords),
        grams: fieldTerms(builder.grams, size, backgroundGrams),
      };
      fields.set(key, field);
      for (const term of field.words.postings.terms()) vocabulary.add(term);
    }
    const headingPostings = (headingBuilders.get(analyzer.lang) ?? new PostingsBuilder()).build(
      size,
    ).postings;
    for (const word of headingPostings.terms()) vocabulary.add(word);
    headings.set(analyzer.lang, headingPostings);
    vocabularies.set(analyzer.lang, vocabulary);
  }
  return { entries, fields, headings, vocabulary: vocabularies, noteQuestions };
}

/** The parts of an index stored as data; only the entries are made again, from the documents. */
function restoreParts(
  documents: readonly SpeechDocument[],
  options: IndexOptions,
  data: IndexData,
): IndexParts {
  const terms = ({ postings, ...rest }: FieldTermsData): FieldTerms => ({
    postings: new Postings(postings),
    ...rest,
  });
  return {
    entries: documents.flatMap((document) =>
      document.passages.map((passage) => indexedPassage(document, passage, options)),
    ),
    fields: new Map(
      data.fields.map(({ key, lang, source, words, grams }) => [
        key,
        { key, lang, source, words: terms(words), grams: terms(grams) },
      ]),
    ),
    headings: new Map(data.headings.map(([lang, postings]) => [lang, new Postings(postings)])),
    vocabulary: data.vocabulary,
    noteQuestions: data.noteQuestions,
  };
}

/** A passage and its translations (those the options index). */
function indexedPassage(document: SpeechDocument, passage: Passage, options: IndexOptions): IndexedPassage {
  const translations = new Map<string, string>();
  if (options.translations) {
    for (const translation of document.translations) {
      const text = translation.passages.get(passage.id);
      if (text !== undefined) translations.set(translation.lang, text);
    }
  }
  return { passage, translations: translations.size > 0 ? translations : NO_TRANSLATIONS };
}

function fieldTerms(builder: PostingsBuilder, size: number, background: Set<string>): FieldTerms {
  const { postings, lengths } = builder.build(size);
  let total = 0;
  let counted = 0;
  for (const length of lengths) {
    if (length === 0) continue;
    total += length;
    counted++;
  }
  return { postings, lengths, averageLength: counted ? total / counted : 0, background };
}

function indexNoteQuestions(
  notesByPassage: ReadonlyArray<ReadonlyMap<string, NoteQuestion[]>>,
  lang: string,
): NoteQuestionIndex {
  const index: NoteQuestionIndex = { questions: [], words: new Map(), grams: new Map() };
  const post = (postings: Map<string, number[]>, term: string, position: number) => {
    const list = postings.get(term);
    if (list) list.push(position);
    else postings.set(term, [position]);
  };
  notesByPassage.forEach((noteQuestions, passage) => {
    for (const { words, grams, anchor } of noteQuestions.get(lang) ?? []) {
      const position = index.questions.length;
      index.questions.push({ passage, ...(anchor ? { anchor } : {}) });
      for (const word of new Set(words)) post(index.words, word, position);
      for (const gram of new Set(grams)) post(index.grams, gram, position);
    }
  });
  return index;
}

/** Passages without a translation share one empty map. */
const NO_TRANSLATIONS: ReadonlyMap<string, string> = new Map();

function analyzePassage(
  document: SpeechDocument,
  passage: Passage,
  analyzers: ReadonlyMap<string, Analyzer>,
  options: IndexOptions,
  {
    analyses,
    headingAnalyses,
  }: { analyses: Map<string, TextAnalysis> | undefined; headingAnalyses: Map<string, TextAnalysis> },
): AnalyzedPassage {
  const fields = new Map<string, { words: string[]; grams: string[] }>();
  const headingWords = new Map<string, string[]>();
  const noteQuestions = new Map<string, NoteQuestion[]>();
  const add = (lang: string, source: FieldSource, texts: readonly string[]) => {
    const analyzer = analyzers.get(lang);
    if (!analyzer || texts.length === 0) return [];
    const analyzed = texts.map((text) => analyzeOnce(analyzer, text, analyses));
    fields.set(fieldKey(lang, source), {
      words: analyzed.flatMap(({ words }) => words),
      grams: analyzed.flatMap(({ grams }) => grams),
    });
    return analyzed;
  };
  const heading = (lang: string, text: string) => {
    const analyzer = analyzers.get(lang);
    if (!analyzer) return;
    const key = analysisKey(lang, 'heading', text);
    let analysis = headingAnalyses.get(key);
    if (!analysis) {
      analysis = { words: [...new Set(analyzeText(analyzer, text))], grams: [] };
      headingAnalyses.set(key, analysis);
    }
    const { words } = analysis;
    headingWords.set(lang, words);
  };
  const entry = indexedPassage(document, passage, options);
  add(document.lang, 'text', [passage.text]);
  heading(document.lang, passage.heading);
  for (const translation of document.translations) {
    const text = entry.translations.get(translation.lang);
    if (text === undefined) continue;
    add(translation.lang, 'text', [text]);
    heading(translation.lang, translation.headings.get(passage.place.section) ?? translation.title);
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
    entry,
    fields,
    headingWords,
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

/** A text's words and bigrams, normalizing it once; from `analyses`, and kept there, when given. */
function analyzeOnce(
  analyzer: Analyzer,
  text: string,
  analyses: Map<string, TextAnalysis> | undefined,
): TextAnalysis {
  const key = analyses ? analysisKey(analyzer.lang, 'text', text) : '';
  const known = analyses?.get(key);
  if (known) return known;
  const normalized = analyzer.normalize(text);
  const analysis = { words: normalizedTerms(analyzer, normalized), grams: analyzer.grams(normalized) };
  analyses?.set(key, analysis);
  return analysis;
}
