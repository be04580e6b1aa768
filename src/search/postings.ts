/** What {@link Postings} is made of: a term → slot map and flat typed arrays. */
export interface PostingsData {
  slots: Map<string, number>;
  starts: Uint32Array;
  passages: Int32Array;
  counts: Uint16Array;
  maxCounts: Uint16Array;
  minLengths: Uint32Array;
}

/**
 * Inverted lists in a few flat typed arrays: for each term, the passages holding it (ascending
 * positions) and how often. One `Map` from term to slot is the only per-term object, so a corpus
 * of thousands of documents costs a few bytes per occurrence instead of a hash map per passage.
 * Each term also keeps what bounds its score: its highest count and the shortest field holding it.
 */
export class Postings {
  private readonly slots: Map<string, number>;
  /** Slot `s` owns `passages[starts[s]] … passages[starts[s + 1] - 1]`. */
  private readonly starts: Uint32Array;
  readonly passages: Int32Array;
  readonly counts: Uint16Array;
  private readonly maxCounts: Uint16Array;
  private readonly minLengths: Uint32Array;

  /** Lists as {@link toData} gave them (e.g. stored by the build and read back). */
  constructor(data: PostingsData) {
    this.slots = data.slots;
    this.starts = data.starts;
    this.passages = data.passages;
    this.counts = data.counts;
    this.maxCounts = data.maxCounts;
    this.minLengths = data.minLengths;
  }

  /** The lists as plain data (a Map and typed arrays), which `v8.serialize` stores whole. */
  toData(): PostingsData {
    const { slots, starts, passages, counts, maxCounts, minLengths } = this;
    return { slots, starts, passages, counts, maxCounts, minLengths };
  }

  /** The term's slot, or -1 when no passage holds it. */
  slot(term: string): number {
    return this.slots.get(term) ?? -1;
  }

  start(slot: number): number {
    return this.starts[slot] ?? 0;
  }

  end(slot: number): number {
    return this.starts[slot + 1] ?? 0;
  }

  /** How many passages hold the term. */
  df(term: string): number {
    return this.length(this.slot(term));
  }

  /** How many passages the list of a slot holds (0 for -1, no list). */
  length(slot: number): number {
    return slot < 0 ? 0 : this.end(slot) - this.start(slot);
  }

  /** The highest count of the term in one passage (0 when none holds it). */
  maxCount(slot: number): number {
    return this.maxCounts[slot] ?? 0;
  }

  /** The shortest field among the passages holding the term. */
  minLength(slot: number): number {
    return this.minLengths[slot] ?? 0;
  }

  /** How often a passage holds the term (binary search in its list). */
  count(term: string, passage: number): number {
    const slot = this.slot(term);
    return slot < 0 ? 0 : this.countIn(slot, passage);
  }

  /** Whether a passage holds the term of a slot. */
  holds(slot: number, passage: number): boolean {
    return this.countIn(slot, passage) > 0;
  }

  /** How often a passage holds the term of a slot (binary search in its list). */
  countIn(slot: number, passage: number): number {
    let low = this.start(slot);
    let high = this.end(slot) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.passages[middle] as number;
      if (found === passage) return this.counts[middle] as number;
      if (found < passage) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  terms(): IterableIterator<string> {
    return this.slots.keys();
  }
}

/**
 * Collects postings passage by passage, in ascending positions, then freezes them into
 * {@link Postings}. Every (term, passage, count) entry goes into a few growing typed arrays
 * rather than an array per term: on a large corpus that is hundreds of thousands of small arrays
 * less for the garbage collector, and the freeze is a counting sort by term.
 */
export class PostingsBuilder {
  private readonly slots = new Map<string, number>();
  /** Per slot: its last entry, so a term repeated in one passage counts up in place. */
  private lastEntry = new Int32Array(1024);
  private entrySlots = new Int32Array(4096);
  private entryPassages = new Int32Array(4096);
  private entryCounts = new Uint32Array(4096);
  private entries = 0;
  private readonly lengths: number[] = [];
  /** Set by {@link build}, which hands the slots to the lists it makes: no term may come after. */
  private built = false;

  /** Adds one passage's terms (repeats counted); passages must come in ascending order. */
  add(passage: number, terms: readonly string[]): void {
    if (this.built) throw new Error('PostingsBuilder: add() after build()');
    if (passage < this.lengths.length - 1) {
      throw new Error(`PostingsBuilder: passage ${passage} added after ${this.lengths.length - 1}`);
    }
    for (const term of terms) {
      let slot = this.slots.get(term);
      if (slot === undefined) {
        slot = this.slots.size;
        this.slots.set(term, slot);
        if (slot === this.lastEntry.length) this.lastEntry = grown(this.lastEntry);
        this.lastEntry[slot] = -1;
      }
      const last = this.lastEntry[slot] as number;
      if (last >= 0 && this.entryPassages[last] === passage) {
        this.entryCounts[last] = (this.entryCounts[last] as number) + 1;
        continue;
      }
      if (this.entries === this.entrySlots.length) {
        this.entrySlots = grown(this.entrySlots);
        this.entryPassages = grown(this.entryPassages);
        this.entryCounts = grown(this.entryCounts);
      }
      const entry = this.entries++;
      this.entrySlots[entry] = slot;
      this.entryPassages[entry] = passage;
      this.entryCounts[entry] = 1;
      this.lastEntry[slot] = entry;
    }
    this.lengths[passage] = terms.length;
  }

  /**
   * @param size how many passages the corpus has (those never added have length 0)
   */
  build(size: number): { postings: Postings; lengths: Uint32Array } {
    if (size < this.lengths.length) {
      throw new Error(
        `PostingsBuilder: a corpus of ${size} passages cannot hold passage ${this.lengths.length - 1}`,
      );
    }
    this.built = true;
    const lengths = new Uint32Array(size);
    this.lengths.forEach((length, passage) => {
      lengths[passage] = length;
    });
    const terms = this.slots.size;
    const starts = new Uint32Array(terms + 1);
    for (let e = 0; e < this.entries; e++) {
      const slot = this.entrySlots[e] as number;
      starts[slot + 1] = (starts[slot + 1] as number) + 1;
    }
    for (let slot = 0; slot < terms; slot++)
      starts[slot + 1] = (starts[slot + 1] as number) + (starts[slot] as number);
    // Entries were added in ascending passages, so each term's list comes out in ascending order.
    const next = starts.slice(0, terms);
    const passages = new Int32Array(this.entries);
    const counts = new Uint16Array(this.entries);
    const maxCounts = new Uint16Array(terms);
    const minLengths = new Uint32Array(terms).fill(0xffffffff);
    for (let e = 0; e < this.entries; e++) {
      const slot = this.entrySlots[e] as number;
      const at = next[slot] as number;
      next[slot] = at + 1;
      const passage = this.entryPassages[e] as number;
      const count = Math.min(this.entryCounts[e] as number, 0xffff);
      passages[at] = passage;
      counts[at] = count;
      if (count > (maxCounts[slot] as number)) maxCounts[slot] = count;
      const length = lengths[passage] as number;
      if (length < (minLengths[slot] as number)) minLengths[slot] = length;
    }
    return {
      postings: new Postings({ slots: this.slots, starts, passages, counts, maxCounts, minLengths }),
      lengths,
    };
  }
}

/** A typed array twice as long, holding the same values. */
function grown<T extends Int32Array | Uint32Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}
