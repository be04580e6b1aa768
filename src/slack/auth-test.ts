import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What `auth.test` says of a token (the fields the bot reads). */
export interface AuthTestAnswer {
  ok: boolean;
  error?: string;
  bot_id?: string;
  user_id?: string;
}

/** Slack could not be reached, or did not answer with the Web API's JSON (an HTTP error, a proxy's page). */
export class AuthTestUnreachable extends Error {
  override name = 'AuthTestUnreachable';
}

/**
 * Slack's `auth.test` for a token, through Node's own `http`/`https`. Start-up calls it before the
 * bot serves; the Web API client would load `fetch` (undici) for it, ≈40 ms of compiling that the
 * bot's first reply pays instead, as a bare Bolt app's does. One retry after `retryAfterMs` when
 * Slack cannot be reached.
 *
 * @param apiUrl Slack's Web API base URL, ending in `/` (https://slack.com/api/)
 * @throws AuthTestUnreachable when Slack cannot be reached or does not answer with JSON
 */
export async function authTest(
  apiUrl: string,
  token: string,
  { timeoutMs = 10_000, retryAfterMs = 500 } = {},
): Promise<AuthTestAnswer> {
  try {
    return await postAuthTest(apiUrl, token, timeoutMs);
  } catch (error) {
    if (!(error instanceof AuthTestUnreachable)) throw error;
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    return postAuthTest(apiUrl, token, timeoutMs);
  }
}

function postAuthTest(apiUrl: string, token: string, timeoutMs: number): Promise<AuthTestAnswer> {
  const url = new URL('auth.test', apiUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // A deadline for the whole call: a socket timeout only measures silence, and a slow trickle
    // of bytes would hold start-up.
    const deadline = setTimeout(
      () => call.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const answered = (answer: AuthTestAnswer) => {
      clearTimeout(deadline);
      resolve(answer);
    };
    const unreachable = (why: string) => {
      clearTimeout(deadline);
      reject(new AuthTestUnreachable(why));
    };
    const call = send(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': 0,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => unreachable(error.message));
        response.on('end', () => {
          if (response.statusCode !== 200) return unreachable(`HTTP ${response.statusCode}`);
          let answer: AuthTestAnswer;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AuthTestAnswer;
          } catch {
            return unreachable('not a Web API answer');
          }
          if (typeof answer !== 'object' || answer === null || typeof answer.ok !== 'boolean') {
            return unreachable('not a Web API answer');
          }
          answered(answer);
        });
      },
    );
    call.on('error', (error) => unreachable(error.message));
    call.end();
  });
}
