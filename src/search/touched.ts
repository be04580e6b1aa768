/**
 * The positions (passages, note questions) one query has touched, in the order first touched,
 * kept in typed arrays reused from query to query: a stamp per position says whether it is this
 * query's, so nothing is cleared between queries. Subclasses keep their per-position figures
 * beside it and reset a position's when it is first touched.
 */
export class TouchedPositions {
  /** The positions touched by this query, `touched[0 … touchedCount - 1]`. */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(size: number) {
    this.touched = new Int32Array(size);
    this.stamp = new Int32Array(size);
  }

  /** A new query: no position is touched. */
  begin(): void {
    if (this.generation >= 0x3fffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    this.generation++;
    this.touchedCount = 0;
  }

  has(position: number): boolean {
    return this.stamp[position] === this.generation;
  }

  /** Marks a position not yet touched by this query as touched. */
  protected touch(position: number): void {
    this.stamp[position] = this.generation;
    this.touched[this.touchedCount++] = position;
  }
}
