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

  /**
   * @param lists per term, `[passage, count, passage, count, …]` in ascending passages
   * @param lengths each passage's field length, for the shortest field holding a term
   */
  static fromLists(lists: ReadonlyMap<string, readonly number[]>, lengths: Uint32Array): Postings {
    const slots = new Map<string, number>();
    const starts = new Uint32Array(lists.size + 1);
    const maxCounts = new Uint16Array(lists.size);
    const minLengths = new Uint32Array(lists.size);
    let total = 0;
    for (const list of lists.values()) total += list.length / 2;
    const passages = new Int32Array(total);
    const counts = new Uint16Array(total);
    let at = 0;
    let slot = 0;
    for (const [term, list] of lists) {
      slots.set(term, slot);
      starts[slot] = at;
      let maxCount = 0;
      let minLength = Number.MAX_SAFE_INTEGER;
      for (let i = 0; i < list.length; i += 2) {
        const passage = list[i] as number;
        const count = Math.min(list[i + 1] as number, 0xffff);
        passages[at] = passage;
        counts[at] = count;
        at++;
        if (count > maxCount) maxCount = count;
        const length = lengths[passage] ?? 0;
        if (length < minLength) minLength = length;
      }
      maxCounts[slot] = maxCount;
      minLengths[slot] = minLength;
      slot++;
    }
    starts[slot] = at;
    return new Postings({ slots, starts, passages, counts, maxCounts, minLengths });
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
    const slot = this.slot(term);
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

  private countIn(slot: number, passage: number): number {
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
 * {@link Postings}. Lists are kept as flat `[passage, count, passage, count, …]` arrays.
 */
export class PostingsBuilder {
  private readonly lists = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  /** Adds one passage's terms (repeats counted); passages must come in ascending order. */
  add(passage: number, terms: readonly string[]): void {
    for (const term of terms) {
      const list = this.lists.get(term);
      if (!list) this.lists.set(term, [passage, 1]);
      // The list's last entry is this passage's when the term was already seen in it.
      else if (list[list.length - 2] === passage)
        list[list.length - 1] = (list[list.length - 1] as number) + 1;
      else list.push(passage, 1);
    }
    this.lengths[passage] = terms.length;
  }

  /**
   * @param size how many passages the corpus has (those never added have length 0)
   */
  build(size: number): { postings: Postings; lengths: Uint32Array } {
    const lengths = new Uint32Array(size);
    this.lengths.forEach((length, passage) => {
      lengths[passage] = length;
    });
    return { postings: Postings.fromLists(this.lists, lengths), lengths };
  }
}
