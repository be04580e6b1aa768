/**
 * Remembers ids seen recently, so a retried delivery of the same Slack event (HTTP
 * `X-Slack-Retry-Num`, Socket Mode `retry_attempt`) is handled once. Slack retries within
 * minutes, so ids are kept for `ttlMs` (default 15 minutes), at most `max` of them.
 *
 * In one process only: several replicas would need the store to share this.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * True the first time an id is offered (within the TTL), false for a repeat.
   * @example const ids = new RecentIds(); ids.firstTime('Ev1'); ids.firstTime('Ev1') // false
   */
  firstTime(id: string): boolean {
    const now = this.now();
    this.evict(now);
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }

  private evict(now: number): void {
    // Map iterates in insertion order, so the oldest entries come first.
    for (const [id, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size <= this.max) break;
      this.seen.delete(id);
    }
  }
}
