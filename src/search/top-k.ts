/**
 * Ranking every passage a query touches, exactly, without scoring them all: term-at-a-time
 * accumulation over the inverted lists with MaxScore pruning.
 *
 * The score is a sum of non-negative parts, one per "unit": a query word in a field, a bigram in
 * a field, a word found in a section heading, the closest note question, a remembered phrase.
 * Each unit has an upper bound (BM25 saturates: a word counted `maxCount` times in the shortest
 * field holding it scores most). Units are applied in decreasing order of bound. Once the bounds
 * still to come add up to less than the `limit`-th best partial score, no passage outside the
 * accumulators can reach the top: later units only update passages already accumulated. A
 * passage's partial score never exceeds its final one, so the answer is exact as long as the
 * final `limit`-th eligible score beats that remaining bound; when it does not (too few
 * answers pass the confidence bar), the query is scored again without pruning.
 */
import type { CorpusField, PassageIndex } from './passage-index.ts';
import type { Postings } from './postings.ts';
import type { NoteMatch, QueryEvidence, RankingOptions } from './rank.ts';
import { TouchedPositions } from './touched.ts';

/** A synonym is weaker evidence than the word itself: the paraphrase may mean something else. */
const SYNONYM_CREDIT = 0.75;

/** Evidence for one passage found outside the term lists (a phrase it nearly holds). */
export interface Boost {
  passage: number;
  score: number;
  /** The least confidence the passage gets from it. */
  confidence: number;
}

export interface RankedPassage {
  /** Position in `PassageIndex.entries`. */
  position: number;
  score: number;
  /** Share of the query matched, 0–1: max of word coverage and bigram coverage (or a boost's). */
  confidence: number;
}

export interface RankRequest {
  weighed: QueryEvidence;
  index: PassageIndex;
  options: RankingOptions;
  /** The closest note question of each passage that has one sharing the query's terms. */
  notes: ReadonlyMap<number, NoteMatch>;
  /** Groups of boosts, each a unit of its own (e.g. one remembered phrase). */
  boosts: ReadonlyArray<readonly Boost[]>;
  /** Whether a passage may be an answer; only eligible passages count toward `limit`. */
  eligible(position: number, confidence: number): boolean;
  /** How many of the best eligible passages must be exact. */
  limit: number;
  /** MaxScore pruning; `false` accumulates every passage sharing any term (the reference). */
  prune: boolean;
  /** How many of the best passages to return when none is eligible. */
  closest: number;
}

export interface Ranking {
  /** The best eligible passages, at most `limit`, best first (ties in document order). */
  answers: RankedPassage[];
  /** Only when no passage is eligible: the best `closest` passages touched, best first (where to look instead). */
  closest: RankedPassage[];
  /** How many passages were scored: every one sharing a term with the query, less what pruning skipped. */
  scored: number;
}

/**
 * Ranks the passages a query touches. The answers are exactly those of scoring every passage
 * that shares a term with the query, with the same scores, ties broken by document order.
 */
export function rankPassages(request: RankRequest): Ranking {
  const scratch = scratchFor(request.index);
  if (request.prune) {
    const pruned = accumulate(request, scratch, true);
    if (pruned.exact) return pruned.ranking;
  }
  return accumulate(request, scratch, false).ranking;
}

/** Per-passage arrays reused from query to query; a stamp says which entries are this query's. */
class Scratch extends TouchedPositions {
  readonly mark: Int32Array;
  readonly score: Float64Array;
  readonly matched: Float64Array;
  readonly typedAdjust: Float64Array;
  readonly gramMatched: Float64Array;
  readonly boostConfidence: Float64Array;
  /** The best partial score so far: no point looking for the `k`-th best while bounds exceed it. */
  bestScore = 0;
  private marks = 0;

  constructor(size: number) {
    super(size);
    this.mark = new Int32Array(size);
    this.score = new Float64Array(size);
    this.matched = new Float64Array(size);
    this.typedAdjust = new Float64Array(size);
    this.gramMatched = new Float64Array(size);
    this.boostConfidence = new Float64Array(size);
  }

  override begin(): void {
    super.begin();
    this.bestScore = 0;
  }

  /** A fresh mark, for "this passage was already credited for this term". */
  nextMark(): number {
    if (this.marks >= 0x3fffffff) {
      this.mark.fill(0);
      this.marks = 0;
    }
    return ++this.marks;
  }

  admit(passage: number): void {
    this.touch(passage);
    this.score[passage] = 0;
    this.matched[passage] = 0;
    this.typedAdjust[passage] = 0;
    this.gramMatched[passage] = 0;
    this.boostConfidence[passage] = 0;
  }
}

const scratches = new WeakMap<PassageIndex, Scratch>();

function scratchFor(index: PassageIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = new Scratch(index.entries.length);
    scratches.set(index, scratch);
  }
  return scratch;
}

/** One part of the score: its bound, and how to add it (admitting new passages or not). */
interface Unit {
  bound: number;
  apply(scratch: Scratch, admit: boolean): void;
}

function accumulate(
  request: RankRequest,
  scratch: Scratch,
  prune: boolean,
): { ranking: Ranking; exact: boolean } {
  const limit = Math.max(1, request.limit);
  scratch.begin();
  // Highest credit first: the first field to reach a passage sets its credit for a term.
  const fields = weightedFields(request.weighed, request.options).sort((a, b) => b.credit - a.credit);
  const units = scoreUnits(request, fields).sort((a, b) => b.bound - a.bound);
  let remaining = units.reduce((sum, unit) => sum + unit.bound, 0);
  let admitting = true;
  let boundOutside = 0;
  for (const unit of units) {
    if (prune && admitting && remaining < scratch.bestScore && remaining < kthBestScore(scratch, limit)) {
      admitting = false;
      boundOutside = remaining;
    }
    unit.apply(scratch, admitting);
    remaining -= unit.bound;
  }
  addCoverageAndHeadings(request, fields, scratch);
  const confidence = confidenceOf(request, scratch);
  const answers = best(scratch, confidence, limit, request.eligible);
  // With no answer, nothing was pruned (see below): every touched passage was a contender.
  const closest = answers.length > 0 ? [] : best(scratch, confidence, request.closest, () => true);
  const ranking: Ranking = { answers, closest, scored: scratch.touchedCount };
  const last = answers[limit - 1];
  return { ranking, exact: admitting || (last !== undefined && boundOutside < last.score) };
}

function byScore(a: RankedPassage, b: RankedPassage): number {
  return b.score - a.score || a.position - b.position;
}

/** The `limit` best accumulated passages that pass `keep`, best first, without sorting them all. */
function best(
  scratch: Scratch,
  confidence: (position: number) => number,
  limit: number,
  keep: (position: number, confidence: number) => boolean,
): RankedPassage[] {
  if (limit <= 0) return [];
  const best: RankedPassage[] = [];
  for (let i = 0; i < scratch.touchedCount; i++) {
    const position = scratch.touched[i] as number;
    const score = scratch.score[position] as number;
    const worst = best[limit - 1];
    if (worst && (score < worst.score || (score === worst.score && position > worst.position))) continue;
    const passageConfidence = confidence(position);
    if (!keep(position, passageConfidence)) continue;
    const candidate = { position, score, confidence: passageConfidence };
    let at = best.length;
    while (at > 0 && byScore(candidate, best[at - 1] as RankedPassage) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The `k`-th best partial score among the accumulated passages (0 when fewer). */
function kthBestScore(scratch: Scratch, k: number): number {
  const size = Math.max(1, k);
  if (scratch.touchedCount < size) return 0;
  const best: number[] = [];
  for (let i = 0; i < scratch.touchedCount; i++) {
    const score = scratch.score[scratch.touched[i] as number] as number;
    if (best.length === size && score <= (best[size - 1] as number)) continue;
    let at = best.length < size ? best.length : size - 1;
    while (at > 0 && (best[at - 1] as number) < score) {
      if (at < size) best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = score;
  }
  return best[size - 1] ?? 0;
}

/** BM25's term-frequency part for a count in a field of `length` terms. */
function saturation(count: number, length: number, averageLength: number, options: RankingOptions): number {
  const lengthRatio = averageLength > 0 ? length / averageLength : 1;
  return (count * (options.k1 + 1)) / (count + options.k1 * (1 - options.b + options.b * lengthRatio));
}

/** A unit over one term's inverted list in one field: BM25 times `factor`. */
function postingsUnit(
  postings: Postings,
  slot: number,
  lengths: Uint32Array,
  averageLength: number,
  factor: number,
  options: RankingOptions,
): Unit {
  return {
    bound: factor * saturation(postings.maxCount(slot), postings.minLength(slot), averageLength, options),
    apply(scratch, admit) {
      const { passages, counts } = postings;
      const { score } = scratch;
      const end = postings.end(slot);
      for (let i = postings.start(slot); i < end; i++) {
        const passage = passages[i] as number;
        if (!scratch.has(passage)) {
          if (!admit) continue;
          scratch.admit(passage);
        }
        const total =
          (score[passage] as number) +
          factor * saturation(counts[i] as number, lengths[passage] as number, averageLength, options);
        score[passage] = total;
        if (total > scratch.bestScore) scratch.bestScore = total;
      }
    },
  };
}

/** A unit that only admits the passages of a list; what they earn is added later. */
function admittingUnit(postings: Postings, slot: number, bound: number): Unit {
  return {
    bound,
    apply(scratch, admit) {
      if (!admit) return;
      const { passages } = postings;
      const end = postings.end(slot);
      for (let i = postings.start(slot); i < end; i++) {
        const passage = passages[i] as number;
        if (!scratch.has(passage)) scratch.admit(passage);
      }
    },
  };
}

/** The fields a query is scored in, with their weight and the credit a match there earns. */
interface WeightedField {
  field: CorpusField;
  /** Position in `weighed.fields` (and in each term's `idf`). */
  index: number;
  weight: number;
  credit: number;
}

function weightedFields(weighed: QueryEvidence, options: RankingOptions): WeightedField[] {
  return weighed.fields
    .map((field, index) => ({
      field,
      index,
      weight: field.source === 'notes' ? options.notesWeight : 1,
      credit: field.source === 'notes' ? options.notesCredit : 1,
    }))
    .filter(({ weight }) => weight !== 0);
}

function scoreUnits(request: RankRequest, fields: readonly WeightedField[]): Unit[] {
  const { weighed, index, options, notes, boosts } = request;
  const { query } = weighed;
  const units: Unit[] = [];
  for (const { field, index: f, weight } of fields) {
    if (weighed.typedWeight > 0) {
      query.terms.forEach(({ term, weight: termWeight }, t) => {
        const slot = field.words.postings.slot(term);
        if (slot < 0) return;
        const idf = weighed.words[t]?.idf[f] ?? 0;
        const factor = (weight * termWeight * idf) / weighed.typedWeight;
        units.push(
          postingsUnit(
            field.words.postings,
            slot,
            field.words.lengths,
            field.words.averageLength,
            factor,
            options,
          ),
        );
      });
    }
    if (query.grams.length > 0) {
      for (const { term, idf } of weighed.grams) {
        const slot = field.grams.postings.slot(term);
        if (slot < 0) continue;
        const factor = (options.bigramWeight * weight * (idf[f] ?? 0)) / query.grams.length;
        units.push(
          postingsUnit(
            field.grams.postings,
            slot,
            field.grams.lengths,
            field.grams.averageLength,
            factor,
            options,
          ),
        );
      }
    }
  }
  const headings = index.headings.get(query.lang);
  if (headings && weighed.typedWeight > 0) {
    query.terms.forEach(({ term, weight }, t) => {
      const slot = headings.slot(term);
      if (slot < 0) return;
      units.push(admittingUnit(headings, slot, headingCredit(weighed, options, weight, t)));
    });
  }
  if (notes.size > 0 && options.questionWeight !== 0) {
    let closest = 0;
    for (const { similarity } of notes.values()) closest = Math.max(closest, similarity);
    units.push({
      bound: options.questionWeight * closest,
      apply(scratch, admit) {
        for (const [passage, { similarity }] of notes) {
          if (!scratch.has(passage)) {
            if (!admit) continue;
            scratch.admit(passage);
          }
          const total = (scratch.score[passage] as number) + options.questionWeight * similarity;
          scratch.score[passage] = total;
          if (total > scratch.bestScore) scratch.bestScore = total;
        }
      },
    });
  }
  for (const group of boosts) {
    if (group.length === 0) continue;
    units.push({
      bound: Math.max(...group.map((boost) => boost.score)),
      apply(scratch, admit) {
        for (const { passage, score, confidence } of group) {
          if (!scratch.has(passage)) {
            if (!admit) continue;
            scratch.admit(passage);
          }
          const total = (scratch.score[passage] as number) + score;
          scratch.score[passage] = total;
          if (total > scratch.bestScore) scratch.bestScore = total;
          scratch.boostConfidence[passage] = Math.max(scratch.boostConfidence[passage] as number, confidence);
        }
      },
    });
  }
  return units;
}

/** What a query word found only in a passage's section heading adds to its score. */
function headingCredit(weighed: QueryEvidence, options: RankingOptions, weight: number, t: number): number {
  return (weight * (weighed.headingIdf[t] ?? 0) * options.headingWeight) / weighed.typedWeight;
}

/**
 * For the accumulated passages: which typed words each covers, and with what credit (1 in the
 * text, less in notes or through a synonym), for the confidence; and the heading credit of the
 * words a passage does not cover.
 */
function addCoverageAndHeadings(
  request: RankRequest,
  fields: readonly WeightedField[],
  scratch: Scratch,
): void {
  const { weighed, index, options } = request;
  const { query } = weighed;
  const headings = index.headings.get(query.lang);
  query.terms.forEach(({ term, weight, synonym }, t) => {
    const mark = scratch.nextMark();
    if (!synonym) {
      const evidence = weighed.words[t]?.evidence ?? 0;
      const unmet = unmetFactor(weighed, options, term);
      const sources: Array<{ postings: Postings; term: string; credit: number }> = [];
      for (const { field, credit } of fields) {
        sources.push({ postings: field.words.postings, term, credit });
        for (const other of query.terms) {
          if (other.covers?.includes(term)) {
            sources.push({
              postings: field.words.postings,
              term: other.term,
              credit: credit * SYNONYM_CREDIT,
            });
          }
        }
      }
      // Highest credit first: the first source to reach a passage sets its credit for the word.
      sources.sort((a, b) => b.credit - a.credit);
      for (const source of sources) {
        forEachAccumulated(source.postings, source.term, scratch, (passage) => {
          if (scratch.mark[passage] === mark) return;
          scratch.mark[passage] = mark;
          scratch.matched[passage] = (scratch.matched[passage] as number) + evidence * source.credit;
          scratch.typedAdjust[passage] = (scratch.typedAdjust[passage] as number) + evidence * (unmet - 1);
        });
      }
    }
    if (!headings || weighed.typedWeight <= 0) return;
    const credit = headingCredit(weighed, options, weight, t);
    forEachAccumulated(headings, term, scratch, (passage) => {
      if (scratch.mark[passage] === mark) return;
      scratch.score[passage] = (scratch.score[passage] as number) + credit;
    });
  });
  weighed.grams.forEach(({ term, evidence }) => {
    const mark = scratch.nextMark();
    for (const { field, credit } of fields) {
      forEachAccumulated(field.grams.postings, term, scratch, (passage) => {
        if (scratch.mark[passage] === mark) return;
        scratch.mark[passage] = mark;
        scratch.gramMatched[passage] = (scratch.gramMatched[passage] as number) + evidence * credit;
      });
    }
  });
}

/**
 * Visits the accumulated passages holding a term: by walking its list, or, when far fewer
 * passages are accumulated than the list is long (a pruned query and a common word), by looking
 * each one up in it.
 */
function forEachAccumulated(
  postings: Postings,
  term: string,
  scratch: Scratch,
  visit: (passage: number) => void,
): void {
  const slot = postings.slot(term);
  if (slot < 0) return;
  const start = postings.start(slot);
  const end = postings.end(slot);
  if (scratch.touchedCount * Math.log2(end - start + 1) < end - start) {
    for (let i = 0; i < scratch.touchedCount; i++) {
      const passage = scratch.touched[i] as number;
      if (postings.holds(slot, passage)) visit(passage);
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const passage = postings.passages[i] as number;
    if (scratch.has(passage)) visit(passage);
  }
}

/**
 * How much more a typed word the content never uses weighs in the confidence while a passage
 * does not cover it: `unmetFactor`, times `focusFactor` when it is what the question asks for.
 */
function unmetFactor(weighed: QueryEvidence, options: RankingOptions, term: string): number {
  if (!weighed.unknown.has(term)) return 1;
  return options.unmetFactor * (weighed.unknownFocus.has(term) ? options.focusFactor : 1);
}

/** Each accumulated passage's confidence, from the coverage gathered in the scratch arrays. */
function confidenceOf(request: RankRequest, scratch: Scratch): (position: number) => number {
  const { weighed, options } = request;
  const { gramTotal } = weighed;
  let typedTotal = 0;
  weighed.query.terms.forEach(({ term, synonym }, t) => {
    if (!synonym) typedTotal += (weighed.words[t]?.evidence ?? 0) * unmetFactor(weighed, options, term);
  });
  return (position) => {
    const typed = typedTotal - (scratch.typedAdjust[position] as number);
    const wordCoverage = typed > 0 ? Math.min(1, (scratch.matched[position] as number) / typed) : 0;
    const gramCoverage = gramTotal > 0 ? (scratch.gramMatched[position] as number) / gramTotal : 0;
    return Math.max(wordCoverage, gramCoverage, scratch.boostConfidence[position] as number);
  };
}
