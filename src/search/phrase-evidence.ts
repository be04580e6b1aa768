import { topicalRuns } from './chinese.ts';
import type { PassageIndex } from './passage-index.ts';
import { allowedErrors, approximateDistance, quotedPhrases } from './phrase.ts';
import type { Postings } from './postings.ts';
import { bigrams } from './segment.ts';
import type { Boost } from './top-k.ts';
import { TouchedPositions } from './touched.ts';

/** A phrase quoted verbatim puts its passage first. */
const QUOTED_BONUS = 100;

/** Score added per share of the query a remembered phrase covers: a near-verbatim phrase outranks shared words. */
const PHRASE_WEIGHT = 4;

/** A remembered phrase that nearly matches more passages than this is a common expression, not a quote. */
const MAX_PHRASE_PASSAGES = 2;

/** Shortest verbatim span of a longer run that counts as quoted (see {@link sharedSpanBoosts}). */
const MIN_SPAN_LENGTH = 7;

/** Shortest run of characters that phrase recall looks for. */
const MIN_PHRASE_LENGTH = 4;

/**
 * Passages compared character by character with a remembered phrase: those holding most of its
 * bigrams. A near-verbatim span holds most of them, so on a large corpus the rest (passages
 * sharing one common bigram such as 责任) need not be compared.
 */
const MAX_RECALL_CANDIDATES = 32;

/**
 * What the user quoted, as boosts for the ranker: a phrase in quotation marks found verbatim
 * puts its passages first; a run of four or more characters found with a character or two wrong
 * (隔靴挠痒) counts as much of the query as it covers. A run that nearly matches many passages is
 * a common expression, not a quote, and counts for nothing.
 *
 * Passages are looked up through the bigrams of the content's own text (`textField`): a phrase
 * is compared character by character only with the passages holding most of its bigrams.
 */
export function phraseBoosts(normalizedQuery: string, index: PassageIndex, textField: string): Boost[][] {
  const grams = index.fields.get(textField)?.grams.postings;
  if (!grams) return [];
  const groups: Boost[][] = [];
  for (const phrase of quotedPhrases(normalizedQuery)) {
    const holders = verbatimHolders(index, grams, phrase);
    groups.push(holders.map((passage) => ({ passage, score: QUOTED_BONUS, confidence: 1 })));
  }
  const runs = topicalRuns(normalizedQuery);
  const topicalLength = runs.reduce((sum, run) => sum + [...run].length, 0);
  for (const run of runs) {
    const characters = [...run];
    const length = characters.length;
    if (length < MIN_PHRASE_LENGTH) continue;
    const maxErrors = allowedErrors(length);
    const matches: Boost[] = [];
    const held = runCharacters.of(characters);
    const candidates = mostBigramsOf(grams, run, index.entries.length);
    for (const passage of candidates) {
      const text = index.compactText(passage);
      // Each edit loses at most one of the phrase's characters: a text lacking more cannot hold it.
      if (held.heldIn(text) < length - maxErrors) continue;
      // Verbatim is distance 0, found without the edit distance's table (a common expression is
      // verbatim in most of its candidates, and three of them end the search).
      const distance = text.includes(run) ? 0 : approximateDistance(run, text, maxErrors);
      if (distance > maxErrors) continue;
      const share = (length - distance) / topicalLength;
      matches.push({ passage, score: PHRASE_WEIGHT * share, confidence: Math.min(1, share) });
      if (matches.length > MAX_PHRASE_PASSAGES) break;
    }
    if (matches.length > 0 && matches.length <= MAX_PHRASE_PASSAGES) groups.push(matches);
    else if (matches.length === 0) {
      const spans = sharedSpanBoosts(run, candidates, index, grams, topicalLength);
      if (spans.length > 0) groups.push(spans);
    }
  }
  return groups;
}

/**
 * A question that quotes part of a sentence among words of its own (馆长希望锤炼忠诚干净担当):
 * the run as a whole matches nothing, but the longest span of it that one or two passages hold
 * verbatim, if long enough to be a quote rather than a common expression, counts like a
 * remembered phrase. A longer span that many passages hold (习近平新时代中国特色社会主义思想)
 * says nothing about which one is meant, and does not hide a rarer one.
 */
function sharedSpanBoosts(
  run: string,
  candidates: readonly number[],
  index: PassageIndex,
  grams: Postings,
  topicalLength: number,
): Boost[] {
  // Where each character starts, in UTF-16 units: pieces are slices of the run, not joined arrays.
  const starts = characterStarts(run);
  if (starts.length - 1 <= MIN_SPAN_LENGTH) return [];
  const spans = new Set<string>();
  for (const passage of candidates) {
    for (const span of sharedSpans(run, starts, index.compactText(passage), MIN_SPAN_LENGTH)) spans.add(span);
  }
  for (const span of [...spans].sort((a, b) => b.length - a.length)) {
    // Every passage holding the span, not only the candidates: a common one must not pass for a quote.
    const holders = verbatimHolders(index, grams, span);
    if (holders.length > MAX_PHRASE_PASSAGES) continue;
    const share = [...span].length / topicalLength;
    return holders.map((passage) => ({
      passage,
      score: PHRASE_WEIGHT * share,
      confidence: Math.min(1, share),
    }));
  }
  return [];
}

/**
 * The maximal pieces of `run` (its characters starting at `starts`, see {@link characterStarts}),
 * at least `atLeast` characters long, that `text` holds verbatim:
 * from each start, as far as the text follows, leaving out a piece that ends no further than the
 * one before it (it is part of that one).
 */
function sharedSpans(run: string, starts: readonly number[], text: string, atLeast: number): string[] {
  const count = starts.length - 1;
  const piece = (start: number, end: number) => run.slice(starts[start], starts[end]);
  const spans: string[] = [];
  let lastEnd = 0;
  for (let start = 0; start + atLeast <= count; start++) {
    let end = start + atLeast;
    if (!text.includes(piece(start, end))) continue;
    while (end < count && text.includes(piece(start, end + 1))) end++;
    if (end <= lastEnd) continue;
    spans.push(piece(start, end));
    lastEnd = end;
  }
  return spans;
}

/** The UTF-16 offset where each character of a text starts, and the text's length last. */
function characterStarts(text: string): number[] {
  const starts: number[] = [];
  for (let offset = 0; offset < text.length; ) {
    starts.push(offset);
    offset += (text.codePointAt(offset) as number) > 0xffff ? 2 : 1;
  }
  starts.push(text.length);
  return starts;
}

/**
 * A run's characters, marked in a table reused from run to run, to count how many of them a
 * text holds in one pass over the text (no table filled per text).
 */
class RunCharacters {
  /** How often the run has each UTF-16 unit (a character outside the BMP by its first unit). */
  private readonly wanted = new Uint8Array(0x10000);
  private readonly units: number[] = [];
  private readonly counts: number[] = [];
  private total = 0;

  /** Forgets the last run's characters and marks these. */
  of(characters: readonly string[]): this {
    for (const unit of this.units) this.wanted[unit] = 0;
    this.units.length = 0;
    this.counts.length = 0;
    for (const character of characters) {
      const unit = character.charCodeAt(0);
      if (this.wanted[unit] === 0) this.units.push(unit);
      this.wanted[unit] = (this.wanted[unit] as number) + 1;
    }
    for (const unit of this.units) this.counts.push(this.wanted[unit] as number);
    this.total = characters.length;
    return this;
  }

  /**
   * How many of the run's characters the text holds, each as often as the run has it (a
   * character outside the BMP counts by its first unit, which can only let a text through).
   */
  heldIn(text: string): number {
    const { wanted } = this;
    let held = 0;
    for (let i = 0; i < text.length && held < this.total; i++) {
      const unit = text.charCodeAt(i);
      const count = wanted[unit] as number;
      if (count > 0) {
        held += count;
        wanted[unit] = 0;
      }
    }
    this.units.forEach((unit, u) => {
      wanted[unit] = this.counts[u] as number;
    });
    return held;
  }
}

/** Reused from run to run, never by two at once (search is synchronous). */
const runCharacters = new RunCharacters();

/** How many of a run's bigrams each passage holds, for the passages holding any (see {@link TouchedPositions}). */
class BigramsHeld extends TouchedPositions {
  readonly held: Uint16Array;

  constructor(size: number) {
    super(size);
    this.held = new Uint16Array(size);
  }

  add(passage: number): void {
    if (!this.has(passage)) {
      this.touch(passage);
      this.held[passage] = 0;
    }
    this.held[passage] = (this.held[passage] as number) + 1;
  }
}

/** One per bigram index: reused from query to query, never shared by two at once (search is synchronous). */
const bigramsHeld = new WeakMap<Postings, BigramsHeld>();

/**
 * Up to {@link MAX_RECALL_CANDIDATES} passages holding the most distinct bigrams of a run, most
 * first, ties in document order; none when the content holds none of them.
 */
function mostBigramsOf(grams: Postings, run: string, size: number): number[] {
  const slots = [...new Set(bigrams(run))].map((gram) => grams.slot(gram)).filter((slot) => slot >= 0);
  if (slots.length === 0) return [];
  let counts = bigramsHeld.get(grams);
  if (!counts) {
    counts = new BigramsHeld(size);
    bigramsHeld.set(grams, counts);
  }
  counts.begin();
  for (const slot of slots) {
    const end = grams.end(slot);
    for (let i = grams.start(slot); i < end; i++) counts.add(grams.passages[i] as number);
  }
  const { held, touched, touchedCount } = counts;
  const holders = new Uint32Array(slots.length + 1);
  for (let i = 0; i < touchedCount; i++) {
    const count = held[touched[i] as number] as number;
    holders[count] = (holders[count] as number) + 1;
  }
  // The fewest bigrams a chosen passage holds: take counts from the top until enough passages.
  let least = slots.length;
  let taken = holders[least] as number;
  while (least > 1 && taken < MAX_RECALL_CANDIDATES) taken += holders[--least] as number;
  // Those above the least count are fewer than the limit; of those at it, the first in the document.
  const above: number[] = [];
  const atLeast: number[] = [];
  const room = MAX_RECALL_CANDIDATES - (taken - (holders[least] as number));
  for (let i = 0; i < touchedCount; i++) {
    const passage = touched[i] as number;
    const count = held[passage] as number;
    if (count > least) above.push(passage);
    else if (count === least) keepFirst(atLeast, passage, room);
  }
  above.sort((a, b) => (held[b] as number) - (held[a] as number) || a - b);
  return [...above, ...atLeast];
}

/** Adds a position to an ascending list that keeps only the `room` first positions. */
function keepFirst(list: number[], position: number, room: number): void {
  if (list.length >= room && position > (list[list.length - 1] as number)) return;
  let at = list.length;
  while (at > 0 && (list[at - 1] as number) > position) at--;
  list.splice(at, 0, position);
  if (list.length > room) list.pop();
}

/** The passages that hold a phrase verbatim (punctuation and spaces aside). */
function verbatimHolders(index: PassageIndex, grams: Postings, phrase: string): number[] {
  return holdersOfRarestBigram(index, grams, phrase).filter((passage) =>
    index.compactText(passage).includes(phrase),
  );
}

/**
 * The passages that may hold a phrase verbatim: those holding its rarest indexed bigram. A phrase
 * without one (Latin letters, a single character) may be anywhere.
 */
function holdersOfRarestBigram(index: PassageIndex, grams: Postings, phrase: string): number[] {
  let rarest = -1;
  let rarestCount = Number.POSITIVE_INFINITY;
  for (const gram of bigrams(phrase)) {
    const slot = grams.slot(gram);
    if (slot < 0) continue;
    const count = grams.end(slot) - grams.start(slot);
    if (count < rarestCount) {
      rarest = slot;
      rarestCount = count;
    }
  }
  if (rarest < 0) return index.entries.map((_, position) => position);
  return [...grams.passages.subarray(grams.start(rarest), grams.end(rarest))];
}
