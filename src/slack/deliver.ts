import type { Logger, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { errorMessage } from '../errors.ts';
import { slackErrorCode } from './errors.ts';

/**
 * Getting a reply to the user despite Slack's transient refusals. The rules, per kind of call:
 * - a rate limit means Slack did not post: wait as long as it says, then try again;
 * - blocks Slack refuses (`invalid_blocks`, …) would be refused again: send the text alone;
 * - a response_url that answers 429, or cannot be connected to, did not take the message: try
 *   again, within its budget (5 uses in 30 minutes; a reply uses at most
 *   {@link RESPONSE_URL_ATTEMPTS}); a 5xx or no answer at all is tried again only for a message
 *   the asker alone sees (the channel must never see a message twice);
 * - anything else on a post is not retried: Slack may have posted it already.
 */

/**
 * The thread a reply through a response_url belongs in. Slack posts such a reply at the top of
 * the conversation unless it names the thread, so a click inside a thread is answered there. A
 * thread's first message (its `thread_ts` is its own `ts`) is read in the channel, and is
 * answered there.
 *
 * @param clicked the clicked message: a block action's `container`, or a shortcut's message's ts
 * @example inThread({ thread_ts: '9.1', message_ts: '9.2' }) // { thread_ts: '9.1' }
 */
export function inThread(clicked: { thread_ts?: string; message_ts?: string } | undefined): {
  thread_ts?: string;
} {
  const threadTs = clicked?.thread_ts;
  return threadTs && threadTs !== clicked.message_ts ? { thread_ts: threadTs } : {};
}

/** Tries of one message on a response_url; its 5 uses leave room for a follow-up (e.g. delete). */
export const RESPONSE_URL_ATTEMPTS = 3;
/** Tries of one chat.postMessage that Slack keeps rate-limiting. */
export const POST_ATTEMPTS = 3;
/** Longest single wait for a retry; a longer Retry-After is cut to this. */
const MAX_WAIT_MS = 30_000;

/** Errors for which the same blocks would be refused again, while the text alone would not. */
export const BLOCK_ERRORS: ReadonlySet<string> = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'too_many_blocks',
  'msg_blocks_too_long',
]);

export interface DeliveryOptions {
  logger: Logger;
  /** Waits between tries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type PostArguments = webApi.ChatPostMessageArguments & { text: string };

/**
 * Posts a reply with chat.postMessage: waits out rate limits, and falls back to the text alone
 * when Slack refuses the blocks.
 *
 * @throws the last error when the reply could not be delivered
 */
export async function postReply(
  client: Pick<webApi.WebClient, 'chat'>,
  message: PostArguments,
  options: DeliveryOptions,
): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  let current: webApi.ChatPostMessageArguments = message;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.chat.postMessage(current);
      return;
    } catch (error) {
      const { code, retryAfterMs } = slackErrorCode(error);
      if (code === 'ratelimited' && attempt < POST_ATTEMPTS) {
        const waitMs = Math.min(retryAfterMs ?? 1_000, MAX_WAIT_MS);
        options.logger.warn(`chat.postMessage rate-limited in ${message.channel}; retrying in ${waitMs} ms`);
        await sleep(waitMs);
        continue;
      }
      if (BLOCK_ERRORS.has(code) && 'blocks' in current) {
        options.logger.warn(
          `chat.postMessage refused the blocks (${code}) in ${message.channel}; sending the text alone`,
        );
        current = textOnly(message);
        continue;
      }
      throw error;
    }
  }
}

/** The same message without blocks: what the user reads when the blocks cannot be shown. */
function textOnly(message: PostArguments): webApi.ChatPostMessageArguments {
  return {
    channel: message.channel,
    text: message.text,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
  } as webApi.ChatPostMessageArguments;
}

/**
 * Sends a message to the response_url, trying again (after 1 s, then 4 s) when Slack answers
 * 5xx or 429 or cannot be reached, up to {@link RESPONSE_URL_ATTEMPTS} times; blocks refused
 * (HTTP 400) are followed by the text alone, once: one POST more at most, within the 5 uses.
 *
 * @throws the last error when every try failed, or at once for a refusal (4xx) that would repeat
 */
export async function respondReliably(
  respond: RespondFn,
  message: string | RespondArguments,
  options: DeliveryOptions,
): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  let current = message;
  for (let attempt = 1; ; attempt++) {
    try {
      await respond(current);
      return;
    } catch (error) {
      // 400 is Slack refusing the message itself (its blocks, as chat.postMessage's invalid_blocks):
      // the text alone gets through, once. A message with no blocks is refused for something else.
      if (statusOf(error) === 400 && hasBlocks(current)) {
        options.logger.warn('response_url refused the blocks (HTTP 400); sending the text alone');
        current = responseTextOnly(current);
        continue;
      }
      const visibleToAll = typeof current === 'object' && current.response_type === 'in_channel';
      if (!retryableResponseUrlFailure(error, visibleToAll) || attempt >= RESPONSE_URL_ATTEMPTS) throw error;
      // Bolt keeps no Retry-After from a response_url: back off 1 s, then 4 s.
      const waitMs = 1_000 * 4 ** (attempt - 1);
      options.logger.warn(`response_url failed (${describe(error)}); retrying in ${waitMs} ms`);
      await sleep(waitMs);
    }
  }
}

function hasBlocks(message: string | RespondArguments): message is RespondArguments {
  const blocks = typeof message === 'object' ? (message as { blocks?: unknown }).blocks : undefined;
  return Array.isArray(blocks) && blocks.length > 0;
}

/** A response_url message without its blocks: the text, and where and how it goes. */
function responseTextOnly(message: RespondArguments): RespondArguments {
  const { blocks: _blocks, ...rest } = message as RespondArguments & { blocks?: unknown };
  return rest;
}

/**
 * Whether a failed response_url POST may be tried again: Slack limited us (429), or the
 * request never reached it. A 5xx, a timeout or a dropped connection may come after Slack
 * posted: tried again only for what the asker alone sees (a duplicate there is replaced, or
 * harmless), never for a message the whole channel sees.
 */
function retryableResponseUrlFailure(error: unknown, visibleToAll: boolean): boolean {
  if (statusOf(error) === 429 || neverReachedSlack(error)) return true;
  return !visibleToAll && mayHavePosted(error);
}

/**
 * Whether Slack may have taken a message whose response_url POST failed: it answered 5xx, or
 * it never answered (a timeout, a dropped connection) after the request was sent. A 4xx is a
 * refusal; a connection never opened sent nothing.
 */
export function mayHavePosted(error: unknown): boolean {
  // Bolt's respond() throws a RespondError carrying the HTTP status; a fetch that got no answer throws without one.
  const status = statusOf(error);
  if (status !== undefined) return status >= 500;
  return !neverReachedSlack(error);
}

/** Network errors (fetch's `cause`) that mean no connection was made, so nothing was sent. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverReachedSlack(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && NOT_CONNECTED.has(cause.code);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return `HTTP ${status}`;
  return errorMessage(error);
}
