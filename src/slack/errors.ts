import { webApi } from '@slack/bolt';

/** The error code of a failed Web API call (`not_in_channel`, `ratelimited`, …). */
export function slackErrorCode(error: unknown): { code: string; retryAfterMs?: number } {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    if (code === webApi.ErrorCode.RateLimitedError) {
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      return {
        code: 'ratelimited',
        retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : 30_000,
      };
    }
    if (code === webApi.ErrorCode.PlatformError) {
      const data = (error as { data?: { error?: unknown } }).data;
      return { code: typeof data?.error === 'string' ? data.error : 'platform_error' };
    }
    if (typeof code === 'string') return { code };
  }
  return { code: 'unknown_error' };
}

/**
 * Errors meaning the bot cannot post to the channel until someone acts: besides a channel the
 * bot left or lost, posting restricted by the channel's or the workspace's settings
 * (announcement-only or read-only channels, thread-only ones).
 */
export const CHANNEL_CLOSED_ERRORS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
]);

/**
 * Errors Slack returns *without* having posted, so trying again cannot post twice. Errors like
 * `internal_error` or a network failure are left out on purpose: Slack may have posted.
 */
export const NOT_POSTED_ERRORS: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'service_unavailable',
  'request_timeout',
]);
