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
 * final `limit`-th eligible score beats that remaining bound.
 *
 * Confidence is bounded the same way: a passage never accumulated can only hold the words and
 * bigrams of the units applied after admission stopped. When that bound is under the confidence
 * every answer needs, no such passage is eligible, and the answers found are all there are, even
 * fewer than `limit`. A query that proves to have none is ranked for its closest passages, by
 * MaxScore again with `closest` as the depth. Only when neither bound settles it is the query
 * scored again without pruning.
 */
import type { CorpusField, PassageIndex } from './passage-index.ts';
import type { Postings } from './postings.ts';
import type { NoteMatch, QueryEvidence, RankingOptions, WeighedTerm } from './rank.ts';
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
  /**
   * No passage under this confidence is eligible, whatever `eligible` says (0: any may be;
   * `Infinity`: none is). What lets pruning prove that a passage it never accumulated cannot be
   * an answer.
   */
  minConfidence: number;
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
export function rankPassages(given: RankRequest): Ranking {
  // The floor is what pruning relies on: whatever `eligible` says, nothing under it is an answer.
  const request: RankRequest = {
    ...given,
    eligible: (position, confidence) =>
      confidence >= given.minConfidence && given.eligible(position, confidence),
  };
  const scratch = scratchFor(request.index);
  // Highest credit first: the first field to reach a passage sets its credit for a term.
  const fields = weightedFields(request.weighed, request.options).sort((a, b) => b.credit - a.credit);
  const plan: RankPlan = {
    units: scoreUnits(request, fields).sort((a, b) => b.bound - a.bound),
    coverage: coveragePlan(request, fields),
  };
  if (!request.prune) return accumulate(request, plan, scratch, 'answers', false).ranking;
  if (request.minConfidence !== Number.POSITIVE_INFINITY) {
    const pruned = accumulate(request, plan, scratch, 'answers', true);
    if (pruned.exact) return pruned.ranking;
    const noAnswer = pruned.ranking.answers.length === 0 && pruned.outsideConfidence < request.minConfidence;
    if (!noAnswer) return accumulate(request, plan, scratch, 'answers', false).ranking;
  }
  // No passage is eligible: what is left to rank is the closest passages, a top-k of its own.
  const closest = accumulate(request, plan, scratch, 'closest', true);
  return closest.exact ? closest.ranking : accumulate(request, plan, scratch, 'answers', false).ranking;
}

/** What every pass over one query uses: its units, best bound first, and its coverage lists. */
interface RankPlan {
  units: readonly Unit[];
  coverage: CoveragePlan;
}

/** Per-passage arrays reused from query to query; a stamp says which entries are this query's. */
class Scratch extends TouchedPositions {
  readonly score: Float64Array;
  readonly boostConfidence: Float64Array;
  // Coverage, when gathered for every accumulated passage (see {@link Confidences}): the typed
  // words' credited evidence, what the unmet factor added for them, and the bigrams' evidence.
  readonly matched: Float64Array;
  readonly typedAdjust: Float64Array;
  readonly gramMatched: Float64Array;
  /** Per passage, the last mark that credited it: "already credited for this word". */
  readonly mark: Int32Array;
  /** The best partial score so far: no point looking for the `k`-th best while bounds exceed it. */
  bestScore = 0;
  private marks = 0;

  constructor(size: number) {
    super(size);
    this.score = new Float64Array(size);
    this.boostConfidence = new Float64Array(size);
    this.matched = new Float64Array(size);
    this.typedAdjust = new Float64Array(size);
    this.gramMatched = new Float64Array(size);
    this.mark = new Int32Array(size);
  }

  override begin(): void {
    super.begin();
    this.bestScore = 0;
  }

  /** A fresh mark, for "this passage was already credited for this word". */
  nextMark(): number {
    if (this.marks >= 0x3fffffff) {
      this.mark.fill(0);
      this.marks = 0;
    }
    return ++this.marks;
  }

  /** Adds to a passage's score, keeping the best score so far. */
  add(passage: number, value: number): void {
    const total = (this.score[passage] as number) + value;
    this.score[passage] = total;
    if (total > this.bestScore) this.bestScore = total;
  }

  admit(passage: number): void {
    this.touch(passage);
    this.score[passage] = 0;
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
  /** The inverted list it walks, if it walks one. */
  list?: { postings: Postings; slot: number };
  /** The most confidence it gives a passage by itself (a remembered phrase's). */
  confidence?: number;
}

/**
 * One pass over the units. `goal` says what it ranks: the best eligible passages (and the
 * closest when none is), or only the closest, pruning to that depth.
 */
function accumulate(
  request: RankRequest,
  { units, coverage }: RankPlan,
  scratch: Scratch,
  goal: 'answers' | 'closest',
  prune: boolean,
): { ranking: Ranking; exact: boolean; outsideConfidence: number } {
  const depth = Math.max(1, goal === 'answers' ? request.limit : request.closest);
  scratch.begin();
  let remaining = units.reduce((sum, unit) => sum + unit.bound, 0);
  let admittedUpTo = units.length;
  let boundOutside = 0;
  units.forEach((unit, u) => {
    const admitting = u < admittedUpTo;
    if (admitting && prune && remaining < scratch.bestScore && remaining < kthBestScore(scratch, depth)) {
      admittedUpTo = u;
      boundOutside = remaining;
    }
    unit.apply(scratch, u < admittedUpTo);
    remaining -= unit.bound;
  });
  addHeadingCredits(request, coverage, scratch);
  const confidences = new Confidences(coverage, scratch, request.weighed.gramTotal);
  const answers = goal === 'answers' ? best(scratch, confidences, depth, request.eligible) : [];
  const closest = answers.length > 0 ? [] : best(scratch, confidences, request.closest, everyPassage);
  const ranking: Ranking = { answers, closest, scored: scratch.touchedCount };
  const pruned = admittedUpTo < units.length;
  const outsideConfidence =
    pruned && goal === 'answers' ? confidenceBound(request.weighed, coverage, units, admittedUpTo) : 0;
  const outsideIneligible = outsideConfidence < request.minConfidence;
  // Exact when nothing was left out. Otherwise, ranking the closest (no passage is eligible): when
  // what was left out cannot outscore the last of them. Ranking answers: with some, when what was
  // left out cannot outscore the last or cannot be one at all; with none, when it cannot be one
  // nor outscore the last of the closest.
  let exact = !pruned;
  if (!exact && goal === 'closest') exact = outscores(closest, request.closest, boundOutside);
  else if (!exact && answers.length > 0) exact = outscores(answers, depth, boundOutside) || outsideIneligible;
  else if (!exact) exact = outsideIneligible && outscores(closest, request.closest, boundOutside);
  return { ranking, exact, outsideConfidence };
}

/** Whether the `count`-th of the ranked passages outscores a bound (there must be that many). */
function outscores(ranked: readonly RankedPassage[], count: number, bound: number): boolean {
  const last = ranked[count - 1];
  return last !== undefined && bound < last.score;
}

function everyPassage(): boolean {
  return true;
}

function byScore(a: RankedPassage, b: RankedPassage): number {
  return b.score - a.score || a.position - b.position;
}

/** The `limit` best accumulated passages that pass `keep`, best first, without sorting them all. */
function best(
  scratch: Scratch,
  confidences: Confidences,
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
    const passageConfidence = confidences.of(position);
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

/** BM25's length normalization in one field, its constants worked out once per query, not per posting. */
class LengthNorm {
  private readonly fixed: number;
  private readonly perLength: number;

  constructor(
    /** Each passage's field length, in terms. */
    readonly lengths: Uint32Array,
    averageLength: number,
    readonly k1: number,
    b: number,
  ) {
    this.fixed = averageLength > 0 ? k1 * (1 - b) : k1;
    this.perLength = averageLength > 0 ? (k1 * b) / averageLength : 0;
  }

  /** The share of its highest score a term counted `count` times in a field of `length` terms earns, 0–1. */
  share(count: number, length: number): number {
    return count / (count + this.fixed + this.perLength * length);
  }
}

/** A unit over one term's inverted list in one field: BM25 times `factor`. */
function postingsUnit(postings: Postings, slot: number, norm: LengthNorm, factor: number): Unit {
  // BM25's term part is (k1 + 1) · share. The share grows with the count and shrinks with the
  // length, so the highest count in the shortest field bounds every passage's.
  const scale = factor * (norm.k1 + 1);
  const { lengths } = norm;
  return {
    list: { postings, slot },
    bound: scale * norm.share(postings.maxCount(slot), postings.minLength(slot)),
    apply(scratch, admit) {
      const { passages, counts } = postings;
      const start = postings.start(slot);
      const end = postings.end(slot);
      // Admitting no more, and far fewer passages accumulated than the list is long: look them up.
      if (!admit && scratch.touchedCount * Math.log2(end - start + 1) < end - start) {
        for (let i = 0; i < scratch.touchedCount; i++) {
          const passage = scratch.touched[i] as number;
          const count = postings.countIn(slot, passage);
          if (count > 0) scratch.add(passage, scale * norm.share(count, lengths[passage] as number));
        }
        return;
      }
      for (let i = start; i < end; i++) {
        const passage = passages[i] as number;
        if (!scratch.has(passage)) {
          if (!admit) continue;
          scratch.admit(passage);
        }
        scratch.add(passage, scale * norm.share(counts[i] as number, lengths[passage] as number));
      }
    },
  };
}

/** A unit that only admits the passages of a list; what they earn is added later. */
function admittingUnit(postings: Postings, slot: number, bound: number): Unit {
  return {
    bound,
    list: { postings, slot },
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
    const wordsNorm = new LengthNorm(field.words.lengths, field.words.averageLength, options.k1, options.b);
    const gramsNorm = new LengthNorm(field.grams.lengths, field.grams.averageLength, options.k1, options.b);
    if (weighed.typedWeight > 0) {
      query.terms.forEach(({ weight: termWeight }, t) => {
        const slot = weighed.words[t]?.slots[f] ?? -1;
        if (slot < 0) return;
        const idf = weighed.words[t]?.idf[f] ?? 0;
        const factor = (weight * termWeight * idf) / weighed.typedWeight;
        units.push(postingsUnit(field.words.postings, slot, wordsNorm, factor));
      });
    }
    if (query.grams.length > 0) {
      for (const { slots, idf } of weighed.grams) {
        const slot = slots[f] ?? -1;
        if (slot < 0) continue;
        const factor = (options.bigramWeight * weight * (idf[f] ?? 0)) / query.grams.length;
        units.push(postingsUnit(field.grams.postings, slot, gramsNorm, factor));
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
          scratch.add(passage, options.questionWeight * similarity);
        }
      },
    });
  }
  for (const group of boosts) {
    if (group.length === 0) continue;
    units.push({
      bound: Math.max(...group.map((boost) => boost.score)),
      confidence: Math.max(...group.map((boost) => boost.confidence)),
      apply(scratch, admit) {
        for (const { passage, score, confidence } of group) {
          if (!scratch.has(passage)) {
            if (!admit) continue;
            scratch.admit(passage);
          }
          scratch.add(passage, score);
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

/** Where a passage may hold one query word or bigram, best credit first. */
interface CoverageSource {
  postings: Postings;
  slot: number;
  credit: number;
}

/** The query's words and bigrams, each with the lists that count as holding it. */
interface CoveragePlan {
  words: Array<{ evidence: number; unmet: number; sources: CoverageSource[] }>;
  grams: Array<{ evidence: number; sources: CoverageSource[] }>;
  /** Sum of the typed words' evidence, each times its unmet factor. */
  typedTotal: number;
}

/**
 * Which lists cover each typed word (its own in every field, and those of the synonyms standing
 * for it, at less credit) and each bigram, highest credit first: a passage's credit for a word is
 * that of the first list holding it.
 */
function coveragePlan(request: RankRequest, fields: readonly WeightedField[]): CoveragePlan {
  const { weighed, options } = request;
  const { terms } = weighed.query;
  const plan: CoveragePlan = { words: [], grams: [], typedTotal: 0 };
  terms.forEach(({ term, synonym }, t) => {
    if (synonym) return;
    const evidence = weighed.words[t]?.evidence ?? 0;
    const unmet = unmetFactor(weighed, options, term);
    plan.typedTotal += evidence * unmet;
    const sources: CoverageSource[] = [];
    sourcesOf(fields, weighed.words[t], 1, 'words', sources);
    terms.forEach((other, o) => {
      if (other.covers?.includes(term)) sourcesOf(fields, weighed.words[o], SYNONYM_CREDIT, 'words', sources);
    });
    plan.words.push({ evidence, unmet, sources: sources.sort(byCredit) });
  });
  for (const gram of weighed.grams) {
    const sources: CoverageSource[] = [];
    sourcesOf(fields, gram, 1, 'grams', sources);
    plan.grams.push({ evidence: gram.evidence, sources: sources.sort(byCredit) });
  }
  return plan;
}

/** Postings to walk under which {@link Confidences} gathers at once instead of looking up. */
const SMALL_GATHER = 4096;

/** What {@link creditIn} returns for a passage no source holds (a source's credit may be 0). */
const NOT_HELD = -1;

/** Adds the lists of a weighed term in each field, at the field's credit times `credit`. */
function sourcesOf(
  fields: readonly WeightedField[],
  weighed: WeighedTerm | undefined,
  credit: number,
  lists: 'words' | 'grams',
  into: CoverageSource[],
): void {
  if (!weighed) return;
  for (const { field, index, credit: fieldCredit } of fields) {
    const slot = weighed.slots[index] ?? -1;
    if (slot >= 0) into.push({ postings: field[lists].postings, slot, credit: fieldCredit * credit });
  }
}

function byCredit(a: CoverageSource, b: CoverageSource): number {
  return b.credit - a.credit;
}

/** The credit of the first source holding the passage, {@link NOT_HELD} when none does. */
function creditIn(sources: readonly CoverageSource[], passage: number): number {
  for (const { postings, slot, credit } of sources) if (postings.holds(slot, passage)) return credit;
  return NOT_HELD;
}

/**
 * Adds to each accumulated passage the heading credit of the query words its section heading
 * holds and the passage itself does not (a synonym's always: it covers no typed word itself).
 */
function addHeadingCredits(request: RankRequest, plan: CoveragePlan, scratch: Scratch): void {
  const { weighed, index, options } = request;
  const headings = index.headings.get(weighed.query.lang);
  if (!headings || weighed.typedWeight <= 0) return;
  let typed = 0;
  weighed.query.terms.forEach(({ term, weight, synonym }, t) => {
    const sources = synonym ? [] : (plan.words[typed++]?.sources ?? []);
    const slot = headings.slot(term);
    if (slot < 0) return;
    const credit = headingCredit(weighed, options, weight, t);
    forEachAccumulated(headings, slot, scratch, (passage) => {
      if (creditIn(sources, passage) !== NOT_HELD) return;
      scratch.score[passage] = (scratch.score[passage] as number) + credit;
    });
  });
}

/**
 * Visits each accumulated passage that one of the sources holds, once, with the credit of the
 * first source holding it (the sources come best credit first).
 */
function forEachFirstHolder(
  sources: readonly CoverageSource[],
  scratch: Scratch,
  visit: (passage: number, credit: number) => void,
): void {
  const mark = scratch.nextMark();
  for (const { postings, slot, credit } of sources) {
    forEachAccumulated(postings, slot, scratch, (passage) => {
      if (scratch.mark[passage] === mark) return;
      scratch.mark[passage] = mark;
      visit(passage, credit);
    });
  }
}

/**
 * Visits the accumulated passages holding a term: by walking its list, or, when far fewer
 * passages are accumulated than the list is long (a pruned query and a common word), by looking
 * each one up in it.
 */
function forEachAccumulated(
  postings: Postings,
  slot: number,
  scratch: Scratch,
  visit: (passage: number) => void,
): void {
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

/**
 * Each accumulated passage's confidence: the larger of the share of the typed words it covers
 * (each at the credit of the first list holding it) and of the bigrams, or a boost's. Looked up
 * passage by passage while that costs less than gathering it for every passage accumulated at
 * once (a large corpus, few passages ranked); gathered when the lookups would cost more (a
 * question nothing answers looks at every passage). Both add in the same order: same figures.
 */
class Confidences {
  private lookups = 0;
  private readonly budget: number;
  private gathered = false;

  constructor(
    private readonly plan: CoveragePlan,
    private readonly scratch: Scratch,
    private readonly gramTotal: number,
  ) {
    let lookupCost = 0;
    let gatherCost = 0;
    for (const { sources } of [...plan.words, ...plan.grams]) {
      for (const { postings, slot } of sources) {
        const length = postings.end(slot) - postings.start(slot);
        lookupCost += Math.log2(length + 1);
        gatherCost += Math.min(length, scratch.touchedCount * Math.log2(length + 1));
      }
    }
    // A few hundred passages are gathered at once: looking them up would save next to nothing.
    this.budget =
      gatherCost <= SMALL_GATHER ? 0 : lookupCost > 0 ? gatherCost / lookupCost : Number.POSITIVE_INFINITY;
  }

  of(position: number): number {
    if (!this.gathered && ++this.lookups > this.budget) this.gather();
    const { scratch } = this;
    let matched: number;
    let adjusted: number;
    let grams: number;
    if (this.gathered) {
      matched = scratch.matched[position] as number;
      adjusted = scratch.typedAdjust[position] as number;
      grams = scratch.gramMatched[position] as number;
    } else {
      matched = 0;
      adjusted = 0;
      grams = 0;
      for (const { evidence, unmet, sources } of this.plan.words) {
        const credit = creditIn(sources, position);
        if (credit === NOT_HELD) continue;
        matched += evidence * credit;
        adjusted += evidence * (unmet - 1);
      }
      for (const { evidence, sources } of this.plan.grams) {
        const credit = creditIn(sources, position);
        if (credit !== NOT_HELD) grams += evidence * credit;
      }
    }
    const typed = this.plan.typedTotal - adjusted;
    const wordCoverage = typed > 0 ? Math.min(1, matched / typed) : 0;
    const gramCoverage = this.gramTotal > 0 ? grams / this.gramTotal : 0;
    return Math.max(wordCoverage, gramCoverage, scratch.boostConfidence[position] as number);
  }

  /** Walks each source list once, crediting every accumulated passage it holds. */
  private gather(): void {
    this.gathered = true;
    const { scratch } = this;
    for (let i = 0; i < scratch.touchedCount; i++) {
      const passage = scratch.touched[i] as number;
      scratch.matched[passage] = 0;
      scratch.typedAdjust[passage] = 0;
      scratch.gramMatched[passage] = 0;
    }
    for (const { evidence, unmet, sources } of this.plan.words) {
      forEachFirstHolder(sources, scratch, (passage, credit) => {
        scratch.matched[passage] = (scratch.matched[passage] as number) + evidence * credit;
        scratch.typedAdjust[passage] = (scratch.typedAdjust[passage] as number) + evidence * (unmet - 1);
      });
    }
    for (const { evidence, sources } of this.plan.grams) {
      forEachFirstHolder(sources, scratch, (passage, credit) => {
        scratch.gramMatched[passage] = (scratch.gramMatched[passage] as number) + evidence * credit;
      });
    }
  }
}

/**
 * The most confidence a passage left out of the accumulators can have. It is in none of the
 * lists walked while admitting (`units` before `admittedUpTo`), so each query word or bigram
 * counts at the best credit of its other lists, and a remembered phrase left to the later units
 * at its own confidence.
 */
function confidenceBound(
  weighed: QueryEvidence,
  plan: CoveragePlan,
  units: readonly Unit[],
  admittedUpTo: number,
): number {
  const walked = new Map<Postings, Set<number>>();
  let boost = 0;
  units.forEach(({ list, confidence }, u) => {
    if (u >= admittedUpTo) boost = Math.max(boost, confidence ?? 0);
    else if (list) walked.set(list.postings, (walked.get(list.postings) ?? new Set()).add(list.slot));
  });
  // Sources come best credit first: the first not walked is the best a left-out passage can get.
  const creditOutside = (sources: readonly CoverageSource[]) =>
    sources.find(({ postings, slot }) => !walked.get(postings)?.has(slot))?.credit;
  let matched = 0;
  let adjusted = 0;
  for (const { evidence, unmet, sources } of plan.words) {
    const credit = creditOutside(sources);
    if (credit === undefined) continue;
    matched += evidence * credit;
    // A covered word weighs no more than its evidence: the denominator shrinks by the rest.
    adjusted += Math.max(0, evidence * (unmet - 1));
  }
  const typed = plan.typedTotal - adjusted;
  const words = matched === 0 ? 0 : typed > 0 ? Math.min(1, matched / typed) : 1;
  let grams = 0;
  for (const { evidence, sources } of plan.grams) grams += evidence * (creditOutside(sources) ?? 0);
  const gramShare = weighed.gramTotal > 0 ? grams / weighed.gramTotal : 0;
  return Math.max(words, gramShare, boost);
}
