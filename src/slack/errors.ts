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
