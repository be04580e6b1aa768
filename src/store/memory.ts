import type {
  PostOutcome,
  PostRecord,
  PruneReport,
  Store,
  Subscription,
  SubscriptionInput,
} from './types.ts';

/**
 * `Store` in this process's memory: for unit tests that need no file, and for a quick local run.
 * Everything is lost when the process ends, and nothing is shared with another process, so it
 * gives the `Store` guarantees within one process only. Methods copy what they hand out, so a
 * caller cannot change the stored state by changing a returned object.
 *
 * @example const store = new MemoryStore({ now: () => clock.now() });
 */
export class MemoryStore implements Store {
  private readonly subscriptions = new Map<string, Subscription>();
  /** Keyed by `channelId date`, in insertion order (the order `postedUnitIds` breaks ties by). */
  private readonly posts = new Map<string, PostRecord>();
  private readonly events = new Map<string, number>();
  private readonly now: () => Date;
  private closed = false;

  constructor(options: { now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    this.assertOpen();
    const now = this.now();
    const old = this.subscriptions.get(input.channelId);
    const scheduleChanged =
      !old ||
      old.paused ||
      old.time.hour !== input.time.hour ||
      old.time.minute !== input.time.minute ||
      old.timeZone !== input.timeZone ||
      old.days !== input.days;
    const subscription: Subscription = {
      channelId: input.channelId,
      teamId: input.teamId ?? null,
      time: { ...input.time },
      timeZone: input.timeZone,
      days: input.days,
      createdBy: input.createdBy,
      paused: false,
      pausedReason: null,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      // Re-upserting the same schedule (DAILY_CHANNEL at every start) keeps today's catch-up.
      activeSince: scheduleChanged || !old ? now : old.activeSince,
    };
    this.subscriptions.set(input.channelId, subscription);
    return copySubscription(subscription);
  }

  async getSubscription(channelId: string): Promise<Subscription | undefined> {
    this.assertOpen();
    const subscription = this.subscriptions.get(channelId);
    return subscription && copySubscription(subscription);
  }

  async listSubscriptions(teamId?: string): Promise<Subscription[]> {
    this.assertOpen();
    return [...this.subscriptions.values()]
      .filter((subscription) => teamId === undefined || subscription.teamId === teamId)
      .sort((a, b) => compareText(a.channelId, b.channelId))
      .map(copySubscription);
  }

  async deleteSubscription(channelId: string): Promise<boolean> {
    this.assertOpen();
    return this.subscriptions.delete(channelId);
  }

  async pauseSubscription(channelId: string, reason: string): Promise<boolean> {
    this.assertOpen();
    const subscription = this.subscriptions.get(channelId);
    if (!subscription) return false;
    this.subscriptions.set(channelId, {
      ...subscription,
      paused: true,
      pausedReason: reason,
      updatedAt: this.now(),
    });
    return true;
  }

  async claimPost(
    channelId: string,
    channelDate: string,
    unitId: string,
    instanceId: string,
  ): Promise<boolean> {
    this.assertOpen();
    const key = postKey(channelId, channelDate);
    const existing = this.posts.get(key);
    const now = this.now();
    const claim = {
      unitId,
      instanceId,
      status: 'claimed' as const,
      claimedAt: now,
      ts: null,
      error: null,
      retryAt: null,
    };
    if (!existing) {
      this.posts.set(key, { channelId, channelDate, attempts: 1, ...claim });
      return true;
    }
    const retryable = existing.status === 'failed' && existing.retryAt !== null && existing.retryAt <= now;
    if (!retryable) return false;
    this.posts.set(key, { ...existing, ...claim, attempts: existing.attempts + 1 });
    return true;
  }

  async recordPostOutcome(channelId: string, channelDate: string, outcome: PostOutcome): Promise<boolean> {
    this.assertOpen();
    const key = postKey(channelId, channelDate);
    const existing = this.posts.get(key);
    if (existing?.status !== 'claimed') return false;
    this.posts.set(
      key,
      outcome.status === 'posted'
        ? { ...existing, status: 'posted', ts: outcome.ts, error: null, retryAt: null }
        : {
            ...existing,
            status: 'failed',
            ts: null,
            error: outcome.error,
            retryAt: outcome.retryAt ? new Date(outcome.retryAt) : null,
          },
    );
    return true;
  }

  async getPost(channelId: string, channelDate: string): Promise<PostRecord | undefined> {
    this.assertOpen();
    const post = this.posts.get(postKey(channelId, channelDate));
    return post && copyPost(post);
  }

  async postedUnitIds(channelId: string): Promise<string[]> {
    this.assertOpen();
    // Stable sort: rows of one date keep their insertion order, as SQLite's `ORDER BY channel_date, id`.
    return [...this.posts.values()]
      .filter((post) => post.channelId === channelId && (post.status !== 'failed' || post.retryAt === null))
      .sort((a, b) => compareText(a.channelDate, b.channelDate))
      .map((post) => post.unitId);
  }

  async unfinishedClaims(before: Date): Promise<PostRecord[]> {
    this.assertOpen();
    return [...this.posts.values()]
      .filter((post) => post.status === 'claimed' && post.claimedAt < before)
      .sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime())
      .map(copyPost);
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    const now = this.now().getTime();
    const expiresAt = this.events.get(eventId);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.events.set(eventId, now + ttlMs);
    return true;
  }

  async prune(postsBefore: string): Promise<PruneReport> {
    this.assertOpen();
    const now = this.now().getTime();
    let events = 0;
    for (const [id, expiresAt] of this.events) {
      if (expiresAt <= now && this.events.delete(id)) events++;
    }
    let posts = 0;
    for (const [key, post] of this.posts) {
      if (post.channelDate < postsBefore && this.posts.delete(key)) posts++;
    }
    return { events, posts };
  }

  async checkHealth(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryStore: used after close()');
  }
}

function postKey(channelId: string, channelDate: string): string {
  return `${channelId} ${channelDate}`;
}

/** Code-unit order, as SQLite and PostgreSQL (with the C collation) sort ids and dates. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function copySubscription(subscription: Subscription): Subscription {
  return {
    ...subscription,
    time: { ...subscription.time },
    createdAt: new Date(subscription.createdAt),
    updatedAt: new Date(subscription.updatedAt),
    activeSince: new Date(subscription.activeSince),
  };
}

function copyPost(post: PostRecord): PostRecord {
  return {
    ...post,
    claimedAt: new Date(post.claimedAt),
    retryAt: post.retryAt === null ? null : new Date(post.retryAt),
  };
}
