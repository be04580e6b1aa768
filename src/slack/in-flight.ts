/**
 * Work that was accepted and must finish before the process exits: acked requests whose answer
 * is still being posted, events being handled. Shutdown waits for it, within a deadline.
 *
 * @example
 * const work = new InFlight();
 * void work.run(() => handle(request));
 * await work.drained(10_000); // true when everything finished in time
 */
export class InFlight {
  private running = 0;
  private waiters: Array<() => void> = [];

  /** How many pieces of work are running now. */
  get count(): number {
    return this.running;
  }

  /** Runs `work`, counting it until it settles; its result or rejection passes through. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) this.wake();
    }
  }

  /**
   * Resolves when no work is running, or after `timeoutMs`, whichever is first.
   * @returns whether everything finished in time
   */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
