import { type Logger, webApi } from '@slack/bolt';

/**
 * The Web API clients, each with the retry policy its calls can bear. A post is not idempotent:
 * if Slack answered 500 after posting, a retry would post twice, so posts are never retried
 * automatically (a rate limit, which Slack answers without posting, is retried by the caller).
 * A read can be retried, briefly, so a user still gets an answer while Slack is slow.
 */
export interface SlackClients {
  /** Daily posts and notices. */
  posting: webApi.WebClient;
  /** Reads made while a user waits (`conversations.info`, `users.info`). */
  reading: webApi.WebClient;
}

/** No Web API call may hang longer than this. */
export const API_TIMEOUT_MS = 10_000;
/** A read made while the user waits gives up sooner: the reply must come quickly. */
const READ_TIMEOUT_MS = 2_000;

/**
 * Options for a client whose calls post: no automatic retry, a rate limit comes back to the
 * caller, and no call hangs.
 *
 * @param apiUrl Slack's Web API base URL, when not the public one (tests, GovSlack)
 */
export function postingOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // Bolt's respond() (response_url) uses this fetch too: without a deadline a silent Slack would
    // hold a reply, and shutdown, for Node's five-minute default.
    fetch: timedFetch(API_TIMEOUT_MS),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: API_TIMEOUT_MS,
  };
}

/** Options for a client that reads while a user waits: one quick retry, logged, then give up. */
export function readingOptions(apiUrl: string | undefined, logger: Logger): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    logger,
    retryConfig: loggedRetries(logger, 'read', { retries: 1, minTimeout: 300, maxTimeout: 1_000 }),
    // A rate-limited read fails at once: waiting out Retry-After would leave the user without an answer.
    rejectRateLimitedCalls: true,
    timeout: READ_TIMEOUT_MS,
  };
}

/** The clients the bot's own code uses (listeners get Bolt's, made with {@link postingOptions}). */
export function slackClients(botToken: string, apiUrl: string | undefined, logger: Logger): SlackClients {
  return {
    posting: new webApi.WebClient(botToken, { ...postingOptions(apiUrl), logger }),
    reading: new webApi.WebClient(botToken, readingOptions(apiUrl, logger)),
  };
}

/** A retry policy whose every retry leaves a log line (the client's own policy retries silently). */
function loggedRetries(logger: Logger, kind: string, policy: webApi.RetryOptions): webApi.RetryOptions {
  // p-retry, which the Web API client runs its calls through, calls `onFailedAttempt` before each retry.
  return {
    ...policy,
    onFailedAttempt: (error: { attemptNumber: number; retriesLeft: number; message: string }) => {
      if (error.retriesLeft > 0) {
        logger.warn(`Slack ${kind} failed (attempt ${error.attemptNumber}: ${error.message}); retrying`);
      }
    },
  } as webApi.RetryOptions;
}

/** `fetch` that gives up after `timeoutMs` unless the caller set a signal of its own. */
function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}
