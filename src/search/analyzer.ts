/**
 * What search needs to know about a language, passed in as functions (the way MiniSearch takes
 * `tokenize` and `processTerm`), so the index and the ranker stay language-blind.
 */
export interface Analyzer {
  /** The language code documents and notes are tagged with: `zh`, `en`. */
  readonly lang: string;
  /** Folds script and spelling variants both text and queries go through (Traditional → Simplified). */
  normalize(text: string): string;
  /** Splits text into words, in order, repeats kept (term frequency counts). */
  tokenize(text: string): string[];
  /** A word as indexed and searched (stemmed, lower-cased), or `null` to drop it (a stopword). */
  processTerm(word: string): string | null;
  /**
   * How informative a query word is in the language at large, ≈ 1 for glue words up to ≈ 12 for
   * rare ones. It weighs what the user typed, whether or not the speech uses the word.
   */
  termWeight(term: string, allTerms: readonly string[]): number;
  /**
   * Overlapping character pairs for phrase-level matching where words are not delimited (Chinese);
   * `[]` for languages that separate words with spaces. Stopwords are left out.
   */
  grams(text: string): string[];
  /**
   * The words of a normalized question that set it in a time or a place (今年, 周末, 湖南省), as
   * terms. A question set in a time or place the content never names asks about something else.
   * Optional: a language without it never decides "not found" this way.
   */
  settingWords?(text: string): string[];
  /**
   * The organizations a normalized question names (国家档案局, 国务院). One the content never
   * names, even by the last part of its name (党 for 中国共产党, 省委 for 湖北省委), is another
   * body: the question asks about something else. Optional, as {@link settingWords}.
   */
  organizationNames?(text: string): string[];
  /**
   * The words a normalized question asks about: the noun after its question word (什么证件,
   * 哪些条件) or before 是谁. A focus the content never uses weighs most against an answer.
   * Optional.
   */
  focusWords?(text: string): string[];
  /**
   * Whether a normalized question asks for people by name (哪几位同志, 成员名单, "what are their
   * names"): only a passage that names someone can answer it. Optional.
   */
  asksForNames?(text: string): boolean;
  /**
   * The people a text of this language names (黄国雄, 习近平). With {@link asksForNames}, it keeps a
   * passage that names no one from answering a question asked for names. Optional: without it, a
   * passage in the language is taken to name people.
   */
  personNames?(text: string): string[];
}

/** The searchable terms of a text: normalized, tokenized, processed, stopwords dropped. */
export function analyzeText(analyzer: Analyzer, text: string): string[] {
  return normalizedTerms(analyzer, analyzer.normalize(text));
}

/** {@link analyzeText} of a text the analyzer has already normalized. */
export function normalizedTerms(analyzer: Analyzer, normalized: string): string[] {
  const terms: string[] = [];
  for (const word of analyzer.tokenize(normalized)) {
    const term = analyzer.processTerm(word);
    if (term) terms.push(term);
  }
  return terms;
}

/**
 * Picks the analyzer for a query: the language of its letters. Any Han character makes it Chinese
 * ("bot 给我讲讲整改"); Latin letters alone make it English.
 *
 * @example pickAnalyzer('Who wrote this?', analyzers).lang // 'en'
 */
export function pickAnalyzer(query: string, analyzers: readonly Analyzer[]): Analyzer {
  const [first] = analyzers;
  if (!first) throw new Error('pickAnalyzer needs at least one analyzer');
  const lang = /\p{Script=Han}/u.test(query) ? 'zh' : /[A-Za-z]/.test(query) ? 'en' : first.lang;
  return analyzers.find((analyzer) => analyzer.lang === lang) ?? first;
}
