import { errorMessage } from '../errors.ts';
import { CLAIM_IN_FLIGHT_MS, type Store } from './types.ts';

/**
 * How long an event id is remembered. Slack redelivers an unanswered event three times within
 * about an hour; a retry after that is treated as new.
 */
export const EVENT_TTL_MS = 2 * 60 * 60_000;
/**
 * Post-log rows older than this are removed. The log is the daily rotation's memory, so it keeps
 * well over one full cycle through the speech (a cycle is under a year even on weekends).
 */
export const POST_LOG_DAYS = 730;
/** How often expired rows are pruned. */
const PRUNE_EVERY_MS = 6 * 60 * 60_000;
/** Claims lost in the last days are reported at start. */
const REPORT_DAYS = 2;

export interface MaintenanceLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The `YYYY-MM-DD` date `days` days before `now`, in UTC: post-log dates older than it are pruned. */
export function pruneBefore(now: Date, days = POST_LOG_DAYS): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Prunes now and then every few hours, so the event and post-log tables do not grow forever.
 * Every replica may run it: deleting what is expired is the same whoever does it.
 *
 * @returns stop(), which cancels the timer
 */
export function startPruning(store: Store, now: () => Date, logger: MaintenanceLogger): { stop(): void } {
  const prune = async () => {
    try {
      const { events, posts } = await store.prune(pruneBefore(now()));
      if (events + posts > 0)
        logger.info(`store: pruned ${events} expired event id(s), ${posts} old post-log row(s)`);
    } catch (error) {
      logger.error(`store: pruning failed: ${errorMessage(error)}`);
    }
  };
  void prune();
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Logs every claim whose outcome was never recorded: a process died mid-post, so that day's
 * excerpt may not have reached its channel, and it is not retried (a double post would be worse).
 * The operator sees at start what was lost.
 */
export async function reportUnfinishedClaims(
  store: Store,
  now: Date,
  logger: MaintenanceLogger,
): Promise<number> {
  const all = await store.unfinishedClaims(new Date(now.getTime() - CLAIM_IN_FLIGHT_MS));
  // Older losses were reported at earlier starts; the log stays readable.
  const claims = all.filter((claim) => now.getTime() - claim.claimedAt.getTime() < REPORT_DAYS * 86_400_000);
  for (const claim of claims) {
    logger.warn(
      `daily: the excerpt for ${claim.channelId} on ${claim.channelDate} (${claim.unitId}) was claimed by ${claim.instanceId} at ${claim.claimedAt.toISOString()} and its outcome never recorded: it may not have been posted, and is not retried`,
    );
  }
  return claims.length;
}
