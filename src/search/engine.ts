import { ContentError } from '../content/errors.ts';
import type { Passage, SpeechDocument } from '../content/types.ts';
import { type Analyzer, pickAnalyzer } from './analyzer.ts';
import { chineseAnalyzer } from './chinese.ts';
import {
  answerDocumentQuestion,
  type DocumentAnswer,
  speakerBeyondFrontMatter,
} from './document-questions.ts';
import { englishAnalyzer } from './english.ts';
import { asksForFigure, statesFigure } from './figures.ts';
import { hasSearchableText, MAX_QUERY_LENGTH, normalizeQuery } from './normalize.ts';
import {
  fieldKey,
  type IndexData,
  type IndexedPassage,
  PassageIndex,
  type TextAnalysis,
} from './passage-index.ts';
import { quotedPhrases } from './phrase.ts';
import { phraseBoosts } from './phrase-evidence.ts';
import {
  isEnglishQuery,
  type PlaceRequest,
  parsePlaceRequest,
  type ResolvedPlace,
  resolvePlace,
} from './place-request.ts';
import { type AnalyzedQuery, analyzeQuery } from './query.ts';
import {
  closestNoteQuestions,
  DEFAULT_RANKING,
  type NoteMatch,
  type QueryEvidence,
  type RankingOptions,
  termSpecificity,
  weighQuery,
} from './rank.ts';
import { DEFAULT_QUOTE, makeQuote, outlineQuote, type QuoteOptions, type WeightedTerm } from './snippet.ts';
import type { IndexedWith } from './stored-index.ts';
import type { SynonymMap } from './synonyms.ts';
import { type RankedPassage, type Ranking, rankPassages } from './top-k.ts';
import type { SearchHit, SearchResult, SearchStatus } from './types.ts';

/** Weight of one matched query bigram, next to a word's general IDF (≈ 4–12), when choosing a quote. */
const BIGRAM_QUOTE_WEIGHT = 3;

/** How much longer a quote may be for a question asked in a translation's language. */
const TRANSLATED_QUOTE_FACTOR = 3;

/** Least share of a query a note question must share for the quote to show the part it is about. */
const NOTED_PART_SIMILARITY = 0.5;

/** Weight of that part when choosing the quote, above any query word's. */
const NOTED_PART_WEIGHT = 50;

/** Weight of a phrase the user quoted when choosing the quote, as a noted part's. */
const QUOTED_PHRASE_WEIGHT = NOTED_PART_WEIGHT;

/** The mechanisms of search that can be switched off, to measure what each brings. */
export interface SearchFeatures {
  /** Index passage notes. */
  notes: boolean;
  /** Index translations, so questions in their language find the original. */
  translations: boolean;
  /** Quoted phrases and half-remembered phrases. */
  phrases: boolean;
  /** Questions about the document: speaker, publication, title, parts. */
  documentQuestions: boolean;
}

/** Options of {@link SpeechSearch}. Every field has a default. */
export interface SearchOptions {
  /**
   * Expressions users say → words the speech uses (from `content/synonyms.txt`), applied to
   * queries in the content's own language.
   * @default new Map()
   */
  synonyms: SynonymMap;
  /**
   * Least confidence (share of the query the best passage covers, 0–1) for an answer; below
   * it the query is "not found". Raising it trades recall for fewer off-topic answers.
   * @default 0.15
   */
  minConfidence: number;
  /**
   * Skip passages that cannot reach the top answers (MaxScore, see `top-k.ts`). The answers are
   * the same either way; `false` scores every passage sharing a term with the query, which the
   * benchmark uses as the reference.
   * @default true
   */
  pruning: boolean;
  /** One analyzer per language the content, its translations or its notes are written in. */
  analyzers: readonly Analyzer[];
  /**
   * Analyses of the content's texts made beforehand (`readStoredAnalyses`), used instead of
   * analyzing them again; the index adds the ones it makes. @default undefined: none kept
   */
  analyses?: Map<string, TextAnalysis>;
  /**
   * The index built before over these documents with these features and analyzers
   * (`readStoredIndex` checks that), used instead of building it. @default undefined: built
   */
  storedIndex?: IndexData;
  features: SearchFeatures;
  ranking: RankingOptions;
  quote: QuoteOptions;
}

/** What an index built with these options depends on besides its documents (for `readStoredIndex`). */
export function indexedWith({
  features,
  analyzers,
}: Pick<SearchOptions, 'features' | 'analyzers'>): IndexedWith {
  return {
    notes: features.notes,
    translations: features.translations,
    langs: analyzers.map(({ lang }) => lang),
  };
}

export const DEFAULT_SEARCH: SearchOptions = {
  synonyms: new Map(),
  minConfidence: 0.15,
  pruning: true,
  analyzers: [chineseAnalyzer, englishAnalyzer],
  features: { notes: true, translations: true, phrases: true, documentQuestions: true },
  ranking: DEFAULT_RANKING,
  quote: DEFAULT_QUOTE,
};

/**
 * Search over the passages of one or more documents, in the language of the question.
 *
 * @example
 * const search = new SpeechSearch(loadDocuments('content'), { synonyms: loadSynonyms('content/synonyms.txt') });
 * const result = search.search('档案安全', { limit: 3 });
 * result.hits[0]?.quote.text // '…严守档案安全底线不到位…'
 */
export class SpeechSearch {
  readonly documents: readonly SpeechDocument[];
  readonly passages: readonly Passage[];
  private readonly index: PassageIndex;
  private readonly byId: Map<string, IndexedPassage>;
  /** The points of each paragraph that lists points, by paragraph id, in order. */
  private readonly pointsOf: Map<string, Passage[]>;
  private readonly options: SearchOptions;
  /** Whether each passage asked about so far names someone, by id (see {@link namesPeople}). */
  private readonly namingPassages = new Map<string, boolean>();
  /** Each document's background names, by document id (see {@link backgroundNames}). */
  private readonly backgroundNames = new Map<string, Set<string>>();
  /** The language most passages are written in: answers and fallbacks default to it. */
  private readonly contentLang: string;
  /** The synonym list's entries by the language each is written in: a question gets its own language's. */
  private readonly synonymsByLang: Map<string, SynonymMap>;
  /** Each document's language, by document id: a hit is quoted around the question's words in it. */
  private readonly langOf: Map<string, string>;

  constructor(documents: readonly SpeechDocument[], options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH, ...options };
    checkLanguages(documents, this.options.analyzers);
    this.documents = documents;
    this.passages = documents.flatMap((document) => document.passages);
    const { notes, translations } = this.options.features;
    const { analyses, storedIndex } = this.options;
    this.index = new PassageIndex(documents, this.options.analyzers, {
      notes,
      translations,
      ...(analyses ? { analyses } : {}),
      ...(storedIndex ? { data: storedIndex } : {}),
    });
    this.byId = new Map(this.index.entries.map((entry) => [entry.passage.id, entry]));
    this.pointsOf = groupPoints(this.passages);
    this.contentLang = mostPassagesLang(documents);
    this.synonymsByLang = synonymsByLanguage(this.options.synonyms, this.options.analyzers);
    this.langOf = new Map(documents.map((document) => [document.id, document.lang]));
  }

  /**
   * Finds the passages that answer a query, best first.
   *
   * @param query what the user typed, in any form: keywords, a question, Traditional script,
   *   English, with emoji (a chat's markup, such as Slack's mentions, is taken out by the caller)
   * @param limit how many hits at most (default 3)
   */
  search(query: string, { limit = 3 }: { limit?: number } = {}): SearchResult {
    const none = (status: SearchStatus, normalizedQuery = '', lang = this.contentLang): SearchResult => ({
      query,
      normalizedQuery,
      lang,
      status,
      hits: [],
      nearby: [],
    });
    // Far too long to be a question; do not even normalize megabytes of input.
    if (query.length > MAX_QUERY_LENGTH * 4) return none('too_long');
    const normalizedQuery = normalizeQuery(query);
    if (normalizedQuery.length > MAX_QUERY_LENGTH) return none('too_long', normalizedQuery);
    if (!hasSearchableText(normalizedQuery)) return none('empty', normalizedQuery);
    const analyzer = this.analyzerFor(normalizedQuery);
    // Read once: a whole part is a document question, a paragraph or point a place to quote.
    const request = this.options.features.documentQuestions ? parsePlaceRequest(normalizedQuery) : undefined;
    if (this.options.features.documentQuestions) {
      // 黄国雄之前在哪任职: the document names its speaker and says no more of him.
      const speaker = speakerBeyondFrontMatter(normalizedQuery, this.documents);
      if (speaker) {
        const notFound = none('not_found', normalizedQuery, analyzer.lang);
        return { ...notFound, nearby: [speaker.passage], known: speaker.text };
      }
      const answer = answerDocumentQuestion(normalizedQuery, this.documents, request ?? null);
      if (answer?.absent) return { ...none('not_found', normalizedQuery, analyzer.lang), known: answer.text };
      if (answer) return this.factResult(query, normalizedQuery, analyzer.lang, answer);
    }
    // 第二部分第三段讲了什么, 一要是什么: the place is the answer; other words only choose within it.
    const place = request && this.resolvedPlace(request, normalizedQuery);
    if (place && !place.found) {
      return { ...none('not_found', normalizedQuery, analyzer.lang), known: place.reason };
    }
    if (place?.rest === '')
      return this.placeResult(query, normalizedQuery, analyzer.lang, place.passages, limit);
    const synonyms = this.synonymsByLang.get(analyzer.lang) ?? new Map();
    // A question asked of a paragraph is searched without the place's words, which only choose among
    // its points (第三 of 第二部分第三段 is no evidence). Of a whole part they are kept: measured on the
    // blind sets, two questions about a part were lost without them and none gained.
    const ranking = this.rank(place?.narrow ? place.remainder : normalizedQuery, normalizedQuery, analyzer, {
      synonyms,
      place,
      limit,
    });
    if (!ranking) return none('not_found', normalizedQuery, analyzer.lang);
    const { analyzed, notes, ranked } = ranking;
    const confident = ranked.answers;
    // 导语提到足球吗: nothing there says it; the place is where to look. 第一部分提到足球吗: a whole
    // part's words rank its passages, but are no evidence that it says the rest.
    if (
      place &&
      (confident.length === 0 || (!place.narrow && !this.answersWithin(place, analyzer, synonyms)))
    ) {
      return { ...none('not_found', normalizedQuery, analyzer.lang), nearby: place.passages.slice(0, 1) };
    }
    if (confident.length === 0) {
      const nearby = distinctSections(
        ranked.closest.map((hit) => this.entry(hit).passage),
        NEARBY_SECTIONS,
      );
      return { ...none('not_found', normalizedQuery, analyzer.lang), nearby };
    }
    const quoteTerms = [...this.quoteTerms(analyzed), ...this.quotedTerms(normalizedQuery)];
    // A question in a translation's language matched the translation, not the original's words:
    // quote the original whole (its translation is shown with it) rather than a guessed excerpt.
    const translatedQuote = {
      ...this.options.quote,
      maxLength: this.options.quote.maxLength * TRANSLATED_QUOTE_FACTOR,
    };
    const hits: SearchHit[] = confident.map((hit) => {
      const { passage, translations } = this.entry(hit);
      const inQuestionLang = this.langOf.get(passage.docId) === analyzed.lang;
      // A note on part of the passage names that part in the passage's own words, whatever the question's language.
      const noted = this.notedPart(notes.get(hit.position));
      const terms = inQuestionLang ? [...quoteTerms, ...noted] : noted;
      return {
        passage,
        score: Number(hit.score.toFixed(4)),
        confidence: Number(hit.confidence.toFixed(3)),
        quote: this.quote(passage, terms, inQuestionLang ? this.options.quote : translatedQuote),
        matchedTerms: this.matchedTerms(analyzed, hit.position),
        translations,
      };
    });
    return { query, normalizedQuery, lang: analyzer.lang, status: 'found', hits, nearby: [] };
  }

  /**
   * Ranks the passages for a question's words (`text`), with phrase recall over `phraseText`;
   * only the place's passages may answer when a place is named. `undefined`: no word to search.
   */
  private rank(
    text: string,
    phraseText: string,
    analyzer: Analyzer,
    { synonyms, place, limit }: { synonyms: SynonymMap; place: FoundPlace | undefined; limit: number },
  ):
    | { analyzed: AnalyzedQuery; weighed: QueryEvidence; notes: Map<number, NoteMatch>; ranked: Ranking }
    | undefined {
    const analyzed = analyzeQuery(text, analyzer, synonyms);
    if (analyzed.terms.length === 0 && analyzed.grams.length === 0) return undefined;
    const weighed = weighQuery(
      analyzed,
      this.index,
      this.options.ranking,
      (words) => analyzer.focusWords?.(words) ?? [],
    );
    const notes = closestNoteQuestions(weighed, this.index);
    const eligibility = place
      ? this.withinPlace(place, this.eligibility(weighed, analyzer))
      : this.eligibility(weighed, analyzer);
    const ranked = rankPassages({
      weighed,
      index: this.index,
      options: this.options.ranking,
      notes,
      boosts:
        this.options.features.phrases && analyzer.lang === chineseAnalyzer.lang
          ? phraseBoosts(phraseText, this.index, fieldKey(analyzer.lang, 'text'))
          : [],
      eligible: eligibility.accepts,
      minConfidence: eligibility.minConfidence,
      limit,
      prune: this.options.pruning,
      closest: NEARBY_POOL,
    });
    return { analyzed, weighed, notes, ranked };
  }

  /**
   * Whether a whole part answers the question without the words that name the part (第一 of
   * 第一部分 also opens its paragraph 第一,…): one of its passages does, or its heading holds as
   * much of the question as an answer must (第三部分说要提供什么保证: 为主题教育提供坚强组织保证).
   * A question with nothing else to search is answered.
   */
  private answersWithin(place: FoundPlace, analyzer: Analyzer, synonyms: SynonymMap): boolean {
    const ranking = this.rank(place.remainder, place.remainder, analyzer, { synonyms, place, limit: 1 });
    if (!ranking || ranking.ranked.answers.length > 0) return true;
    return this.headingCoverage(ranking.weighed, place) >= this.options.minConfidence;
  }

  /** The share of the question's own words (by evidence) the heading of the place's part holds. */
  private headingCoverage(weighed: QueryEvidence, place: FoundPlace): number {
    const headings = this.index.headings.get(weighed.query.lang);
    const first = place.passages[0];
    const position = this.index.entries.findIndex((entry) => entry.passage.id === first?.id);
    if (!headings || position < 0) return 0;
    let total = 0;
    let held = 0;
    weighed.query.terms.forEach(({ term, synonym }, t) => {
      if (synonym) return;
      const evidence = weighed.words[t]?.evidence ?? 0;
      total += evidence;
      if (headings.count(term, position) > 0) held += evidence;
    });
    return total > 0 ? held / total : 0;
  }

  private entry(hit: RankedPassage): IndexedPassage {
    const entry = this.index.entries[hit.position];
    if (!entry) throw new Error(`no passage at position ${hit.position}`);
    return entry;
  }

  /** The query's words (typed or from synonyms) that the passage's own text holds, in query order. */
  private matchedTerms(analyzed: AnalyzedQuery, position: number): string[] {
    const text = this.index.fields.get(fieldKey(analyzed.lang, 'text'))?.words.postings;
    if (!text) return [];
    return analyzed.terms.map(({ term }) => term).filter((term) => text.count(term, position) > 0);
  }

  /**
   * The part of the passage a note on one part of it asks about, when the query asks nearly the
   * same (then the quote shows that part): as a quote term that outweighs the query's words.
   */
  private notedPart(match: NoteMatch | undefined): WeightedTerm[] {
    return match?.anchor && match.similarity >= NOTED_PART_SIMILARITY
      ? [{ term: match.anchor, weight: NOTED_PART_WEIGHT }]
      : [];
  }

  /**
   * What the user put in quotation marks (「抓落实」是什么意思), as quote terms that outweigh the
   * rest of the question: the quote shows where the passage says it, first where a sentence
   * opens with it (抓落实,就是要…).
   */
  private quotedTerms(normalizedQuery: string): WeightedTerm[] {
    return quotedPhrases(normalizedQuery).map((term) => ({ term, weight: QUOTED_PHRASE_WEIGHT }));
  }

  /** The part of a passage to show: a lead that announces points is quoted with their openings. */
  private quote(passage: Passage, terms: readonly WeightedTerm[], options: QuoteOptions) {
    const points = passage.kind === 'lead' ? this.pointsOf.get(passage.paragraphId) : undefined;
    if (points && passage.text.length < options.maxLength) {
      return outlineQuote(
        passage.text,
        points.map((point) => point.text),
        terms,
        options,
      );
    }
    return makeQuote(passage.text, terms, options);
  }

  /** The index's parts derived from the documents, for `storeIndex` (what `npm run build` stores). */
  indexData(): IndexData {
    return this.index.toData();
  }

  /** A passage by id, e.g. for the "next result" and "full paragraph" buttons. */
  passage(id: string): Passage | undefined {
    return this.byId.get(id)?.passage;
  }

  /** A passage's translation into a language, if the content has one. */
  translation(id: string, lang: string): string | undefined {
    return this.byId.get(id)?.translations.get(lang);
  }

  /**
   * Which ranked passages can answer: confident enough, and for a question asking for a figure,
   * one that states a figure; a question set in a time or place the content never names (今年,
   * 湖南省) has none.
   */
  private eligibility(weighed: QueryEvidence, analyzer: Analyzer): Eligibility {
    const { minConfidence } = this.options;
    const none: Eligibility = { minConfidence: Number.POSITIVE_INFINITY, accepts: () => false };
    const vocabulary = this.index.vocabulary.get(analyzer.lang);
    // Only a word the content never uses can set the question elsewhere: no need to tag otherwise.
    const settings = weighed.unknown.size > 0 ? (analyzer.settingWords?.(weighed.query.text) ?? []) : [];
    if (vocabulary && settings.some((word) => !vocabulary.has(word.toLowerCase()))) return none;
    // Set among another body (国家档案局): the content says nothing of it.
    const organizations =
      weighed.unknown.size > 0 ? (analyzer.organizationNames?.(weighed.query.text) ?? []) : [];
    if (vocabulary && organizations.some((name) => !namesOrganization(name, vocabulary))) return none;
    // What the question asks for (什么证件, 组长是谁) is a word the content never uses: it does not say.
    if (weighed.unknownFocus.size > 0) return none;
    // The source line's figures are the publication's, which questions about the document answer.
    const figure = asksForFigure(weighed.query.text);
    // 具体是哪几位同志: a passage that names no one cannot say.
    const names = analyzer.asksForNames?.(weighed.query.text) ?? false;
    const accepts = (position: number, confidence: number): boolean => {
      if (confidence < minConfidence) return false;
      if (!figure && !names) return true;
      const passage = this.index.entries[position]?.passage;
      if (!passage) return false;
      if (figure && (passage.kind === 'source' || !statesFigure(passage.text))) return false;
      return !names || this.namesPeople(passage);
    };
    return { minConfidence, accepts };
  }

  /**
   * Whether a passage names someone besides the people its document names throughout (the
   * speech's 习近平, in the name of the Thought it studies), by the document's own analyzer.
   * Remembered: the text is fixed.
   */
  private namesPeople(passage: Passage): boolean {
    let names = this.namingPassages.get(passage.id);
    if (names === undefined) {
      const document = this.documents.find((candidate) => candidate.id === passage.docId);
      const analyzer = this.options.analyzers.find((candidate) => candidate.lang === document?.lang);
      if (!document || !analyzer?.personNames) {
        names = true;
      } else {
        let background = this.backgroundNames.get(document.id);
        if (!background) {
          background = backgroundNames(document, analyzer.personNames);
          this.backgroundNames.set(document.id, background);
        }
        names = analyzer.personNames(passage.text).some((name) => !background.has(name));
      }
      this.namingPassages.set(passage.id, names);
    }
    return names;
  }

  /** The analyzer for the query's language, if any field is in it; else the content's own. */
  private analyzerFor(normalizedQuery: string): Analyzer {
    const picked = pickAnalyzer(normalizedQuery, this.options.analyzers);
    if (this.index.fieldsOf(picked.lang).length > 0) return picked;
    return this.options.analyzers.find((analyzer) => analyzer.lang === this.contentLang) ?? picked;
  }

  /**
   * Sentences are chosen by the words that set a passage apart, not the speech's everywhere-words
   * (档案, 工作), and contiguous phrases count through their bigrams.
   */
  private quoteTerms(analyzed: AnalyzedQuery) {
    const fields = this.index.fieldsOf(analyzed.lang).filter((field) => field.source === 'text');
    const size = this.index.entries.length;
    return [
      ...analyzed.terms.map(({ term, weight }) => ({
        term,
        weight: weight * termSpecificity(term, fields, size),
      })),
      ...analyzed.grams.map((term) => ({
        term,
        weight: BIGRAM_QUOTE_WEIGHT * termSpecificity(term, fields, size, true),
      })),
    ];
  }

  /** Where a request points in the first document (see `place-request.ts`), with what else it asks. */
  private resolvedPlace(
    request: PlaceRequest,
    normalizedQuery: string,
  ): (ResolvedPlace & { rest: string; remainder: string }) | undefined {
    const [document] = this.documents;
    if (!document) return undefined;
    return {
      ...resolvePlace(request, document, isEnglishQuery(normalizedQuery)),
      rest: request.rest,
      remainder: request.remainder,
    };
  }

  /**
   * Answers only from the place asked about: a paragraph or point whatever the question's words
   * score there (the user named it), a whole part as any question is answered.
   */
  private withinPlace(place: FoundPlace, eligibility: Eligibility): Eligibility {
    const ids = new Set(place.passages.map((passage) => passage.id));
    return {
      minConfidence: place.narrow ? 0 : eligibility.minConfidence,
      accepts: (position, confidence) => {
        const passage = this.index.entries[position]?.passage;
        if (!passage || !ids.has(passage.id)) return false;
        return place.narrow || eligibility.accepts(position, confidence);
      },
    };
  }

  /** The passages at a place, in reading order, quoted from their start. */
  private placeResult(
    query: string,
    normalizedQuery: string,
    lang: string,
    passages: readonly Passage[],
    limit: number,
  ): SearchResult {
    const hits = passages.slice(0, limit).map(
      (passage): SearchHit => ({
        passage,
        score: 1,
        confidence: 1,
        quote: this.quote(passage, [], this.options.quote),
        matchedTerms: [],
        translations: this.byId.get(passage.id)?.translations ?? new Map(),
        placed: true,
      }),
    );
    return { query, normalizedQuery, lang, status: 'found', hits, nearby: [] };
  }

  private factResult(
    query: string,
    normalizedQuery: string,
    lang: string,
    answer: DocumentAnswer,
  ): SearchResult {
    const hit: SearchHit = {
      passage: answer.passage,
      score: 1,
      confidence: 1,
      quote: { text: answer.text, highlights: [], truncated: false },
      matchedTerms: [],
      // The fact is the answer, already in the question's language; the passage is only its place.
      translations: new Map(),
      fact: answer.fact,
    };
    return { query, normalizedQuery, lang, status: 'found', hits: [hit], nearby: [] };
  }
}

/** A synonym list split by the language of each expression (老百姓 is Chinese, "red tape" English). */
function synonymsByLanguage(synonyms: SynonymMap, analyzers: readonly Analyzer[]): Map<string, SynonymMap> {
  const byLang = new Map<string, Map<string, readonly string[]>>();
  for (const [expression, words] of synonyms) {
    const { lang } = pickAnalyzer(expression, analyzers);
    const entries = byLang.get(lang) ?? new Map<string, readonly string[]>();
    entries.set(expression, words);
    byLang.set(lang, entries);
  }
  return byLang;
}

/** The language most passages are in (the first document's on a tie); Chinese without content. */
function mostPassagesLang(documents: readonly SpeechDocument[]): string {
  const counts = new Map<string, number>();
  for (const { lang, passages } of documents) counts.set(lang, (counts.get(lang) ?? 0) + passages.length);
  let best = documents[0]?.lang ?? chineseAnalyzer.lang;
  for (const [lang, count] of counts) if (count > (counts.get(best) ?? 0)) best = lang;
  return best;
}

/**
 * Every document and translation is in a language an analyzer reads: text in another would load
 * and never be found.
 * @throws ContentError naming the file and its language
 */
function checkLanguages(documents: readonly SpeechDocument[], analyzers: readonly Analyzer[]): void {
  const langs = analyzers.map(({ lang }) => lang);
  for (const { file, lang, langLine } of documents.flatMap((document) => [
    document,
    ...document.translations,
  ])) {
    if (!langs.includes(lang)) {
      throw new ContentError(
        file,
        langLine,
        `its "lang: ${lang}" is not a language the search reads (${langs.join(', ')}); correct the code, or leave the file out`,
      );
    }
  }
}

/** A place the question names that the document has, with the question's other words. */
type FoundPlace = Extract<ResolvedPlace, { found: true }> & { rest: string; remainder: string };

/** Which ranked passages can answer, and the least confidence any of them needs. */
interface Eligibility {
  /** No passage under it is accepted (`Infinity`: none is); lets pruning skip passages safely. */
  minConfidence: number;
  accepts(position: number, confidence: number): boolean;
}

const NEARBY_SECTIONS = 3;

/** Passages looked at for those sections: the best ones of a query nothing answers. */
const NEARBY_POOL = 64;

/**
 * Whether the content names an organization: by its whole name, or by the end of it (党 for
 * 中国共产党, 省委 for 湖北省委, 中央 for 中共中央), as a text shortens a body it names throughout.
 */
function namesOrganization(name: string, vocabulary: ReadonlySet<string>): boolean {
  const characters = [...name.toLowerCase()];
  return characters.some((_, start) => vocabulary.has(characters.slice(start).join('')));
}

function groupPoints(passages: readonly Passage[]): Map<string, Passage[]> {
  const groups = new Map<string, Passage[]>();
  for (const passage of passages) {
    if (passage.kind !== 'point') continue;
    const group = groups.get(passage.paragraphId) ?? [];
    group.push(passage);
    groups.set(passage.paragraphId, group);
  }
  return groups;
}

/** The first passage of each section, in the given order, up to `count`; the source line is no suggestion. */
function distinctSections(passages: readonly Passage[], count: number): Passage[] {
  const seen = new Set<string>();
  const found: Passage[] = [];
  for (const passage of passages) {
    if (found.length === count) break;
    const key = `${passage.docId}#${passage.place.section}`;
    if (passage.kind === 'source' || seen.has(key)) continue;
    seen.add(key);
    found.push(passage);
  }
  return found;
}

/**
 * A name in more than this share of a document's passages, and in more than
 * {@link BACKGROUND_NAME_PASSAGES} of them, is its background, not an answer.
 */
const BACKGROUND_NAME_SHARE = 0.2;
const BACKGROUND_NAME_PASSAGES = 2;

/** Its author, and the people a document names in many of its passages (see {@link BACKGROUND_NAME_SHARE}). */
function backgroundNames(document: SpeechDocument, personNames: (text: string) => string[]): Set<string> {
  const passagesNaming = new Map<string, number>();
  for (const passage of document.passages) {
    for (const name of new Set(personNames(passage.text))) {
      passagesNaming.set(name, (passagesNaming.get(name) ?? 0) + 1);
    }
  }
  const most = Math.max(BACKGROUND_NAME_PASSAGES, document.passages.length * BACKGROUND_NAME_SHARE);
  const background = [...passagesNaming].filter(([, count]) => count > most).map(([name]) => name);
  // The author's byline names the speaker, whom questions about the document answer.
  return new Set(document.meta.author ? [...background, document.meta.author] : background);
}
