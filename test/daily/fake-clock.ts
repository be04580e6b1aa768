import type { Timers } from '../../src/daily/scheduler.ts';

/**
 * A manual clock with timers that fire only when the test advances time, so scheduler tests
 * never sleep. Every delay handed to `setTimeout` is recorded for assertions.
 */
export class FakeClock {
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  /** Every delay passed to setTimeout, in order. */
  readonly delays: number[] = [];

  constructor(start: Date | string) {
    this.time = new Date(start).getTime();
  }

  readonly clock = { now: (): Date => new Date(this.time) };

  readonly timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = this.nextId++;
      this.delays.push(ms);
      this.pending.set(id, { at: this.time + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout: (handle) => {
      this.pending.delete(handle as number);
    },
  };

  now(): Date {
    return new Date(this.time);
  }

  /** How many timers are armed. */
  get armed(): number {
    return this.pending.size;
  }

  /** Moves the clock without firing anything, like a system clock change or a sleeping laptop. */
  set(to: Date | string): void {
    this.time = new Date(to).getTime();
  }

  /** Advances to `to`, firing due timers in order and letting the work they start settle. */
  async advanceTo(to: Date | string): Promise<void> {
    const target = new Date(to).getTime();
    await settle();
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!due) break;
      const [id, timer] = due;
      this.pending.delete(id);
      this.time = Math.max(this.time, timer.at);
      timer.callback();
      await settle();
    }
    this.time = Math.max(this.time, target);
  }

  /** Advances by `ms`. */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.time + ms));
  }
}

/** Lets every promise chain started so far run to completion (the store resolves synchronously). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
