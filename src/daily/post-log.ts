import type { PostRecord } from '../store/types.ts';

/**
 * Whether a channel-day is still open to a post, given its row in the post log: there is none
 * yet, or a failure recorded as one that may be tried again because nothing reached the channel
 * (Slack limited the post, or refused it: the bot had been removed, and the channel was
 * subscribed again since). A post made or claimed, or one that failed after Slack may have taken
 * it, closes the day: a channel gets one excerpt per date, whatever its settings become.
 *
 * @example dayStillOpen(undefined) // true
 * @example dayStillOpen({ status: 'posted', retryAt: null }) // false
 */
export function dayStillOpen(record: Pick<PostRecord, 'status' | 'retryAt'> | undefined): boolean {
  return record === undefined || (record.status === 'failed' && record.retryAt !== null);
}
