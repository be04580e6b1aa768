import { Encoder, Index } from 'flexsearch';
import type { Passage } from '../content/types.ts';
import { bigrams, words } from './segment.ts';
import { STOPWORDS } from './stopwords.ts';

/** Term statistics of one field (words or bigrams) of one passage. */
export interface FieldStats {
  tf: Map<string, number>;
  length: number;
}

export interface IndexedPassage {
  passage: Passage;
  words: FieldStats;
  bigrams: FieldStats;
  /** Words of the section heading: context that a question may name ("根本任务是什么"). */
  headingWords: Set<string>;
}

/** Corpus-wide statistics for one field. */
export interface FieldCorpus {
  df: Map<string, number>;
  averageLength: number;
  /**
   * Terms that describe the documents themselves (title, author, role, publication): a query
   * naming them ("湖北省档案馆…") says little about which passage answers.
   */
  background: Set<string>;
}

/**
 * The searchable form of every passage: two FlexSearch indexes (jieba words, Han bigrams) that
 * find candidates fast, plus the term statistics the ranker needs and FlexSearch does not keep
 * (term frequency, document frequency, lengths).
 */
export class PassageIndex {
  readonly entries: IndexedPassage[];
  readonly wordCorpus: FieldCorpus;
  readonly bigramCorpus: FieldCorpus;
  private readonly wordIndex = createFlexIndex();
  private readonly bigramIndex = createFlexIndex();

  /**
   * @param passages what to search
   * @param backgroundText text about the documents (titles, authors, publications) whose words
   *   are weak evidence, see {@link FieldCorpus.background}
   */
  constructor(passages: readonly Passage[], backgroundText: readonly string[] = []) {
    this.entries = passages.map((passage) => indexPassage(passage));
    this.entries.forEach((entry, id) => {
      this.wordIndex.add(id, [...entry.words.tf.keys(), ...entry.headingWords].join(' '));
      this.bigramIndex.add(id, [...entry.bigrams.tf.keys()].join(' '));
    });
    this.wordCorpus = corpusStats(
      this.entries.map((entry) => entry.words),
      backgroundText.flatMap((text) => words(text)),
    );
    this.bigramCorpus = corpusStats(
      this.entries.map((entry) => entry.bigrams),
      backgroundText.flatMap((text) => bigrams(text)),
    );
  }

  /**
   * Passages containing any of the words or bigrams, as positions in `entries`. FlexSearch's
   * `suggest` mode returns partial matches too, which questions need: no passage holds every
   * word of "主题教育的总要求是什么".
   */
  candidates(queryWords: readonly string[], queryBigrams: readonly string[], limit: number): number[] {
    const found = new Set<number>();
    const search = (index: Index, terms: readonly string[]) => {
      if (terms.length === 0) return;
      for (const id of index.search(terms.join(' '), { limit, suggest: true })) found.add(Number(id));
    };
    search(this.wordIndex, queryWords);
    search(this.bigramIndex, queryBigrams);
    return [...found];
  }
}

function createFlexIndex(): Index {
  // Terms arrive already segmented and space-separated, so the encoder only splits on spaces:
  // FlexSearch's default encoder would treat a whole Chinese clause as one token.
  return new Index({
    tokenize: 'strict',
    encoder: new Encoder({ split: ' ', normalize: false, dedupe: false }),
  });
}

function indexPassage(passage: Passage): IndexedPassage {
  const passageWords = words(passage.text).filter((word) => !STOPWORDS.has(word));
  return {
    passage,
    words: fieldStats(passageWords),
    bigrams: fieldStats(bigrams(passage.text)),
    headingWords: new Set(words(passage.heading).filter((word) => !STOPWORDS.has(word))),
  };
}

function fieldStats(terms: readonly string[]): FieldStats {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return { tf, length: terms.length };
}

function corpusStats(fields: readonly FieldStats[], background: readonly string[]): FieldCorpus {
  const df = new Map<string, number>();
  let total = 0;
  for (const field of fields) {
    total += field.length;
    for (const term of field.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { df, averageLength: fields.length ? total / fields.length : 0, background: new Set(background) };
}
