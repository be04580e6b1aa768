/**
 * HTTP-mode helpers: requests from "Slack" to a Bolt HTTPReceiver, signed as Slack signs them and
 * encoded as Slack encodes them (slash commands and interactive payloads form-encoded, events as JSON).
 */
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { type JsonObject, nowSeconds, tryParseJson } from './shared.ts';

/** Headers that authenticate a request to a Bolt HTTP endpoint. */
export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Options for the `post…` helpers that call a Bolt HTTP endpoint. */
export interface SignedPostOptions {
  signingSecret: string;
  /** Unix seconds to sign with (default now). Use an old value to test staleness checks. */
  timestampSeconds?: number;
  /** Sets `x-slack-retry-num` (Slack's HTTP retry header). */
  retryNum?: number;
  /** Sets `x-slack-retry-reason`, e.g. `http_timeout`. */
  retryReason?: string;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
}

/** Result of an HTTP POST made by the helpers. */
export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw response text. */
  body: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = nowSeconds(),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

/** POSTs `rawBody` to `url` with Slack's signature headers (no keep-alive, so servers close promptly). */
export function postSignedRequest(
  url: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedPostOptions,
): Promise<HttpResult> {
  const headers: Record<string, string> = {
    // Bolt compares the content type exactly: no `; charset=…` on form bodies.
    'content-type': contentType,
    ...signSlackRequest(options.signingSecret, rawBody, options.timestampSeconds),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  return httpPost(url, rawBody, { ...headers, ...options.headers });
}

/** POSTs a slash command form-encoded, as Slack does. */
export function postSlashCommand(
  url: string,
  payload: Record<string, string>,
  options: SignedPostOptions,
): Promise<HttpResult> {
  return postSignedRequest(
    url,
    new URLSearchParams(payload).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** POSTs an Events API body (e.g. from `fake.eventCallback`) as JSON, as Slack does. */
export function postEvent(url: string, payload: JsonObject, options: SignedPostOptions): Promise<HttpResult> {
  return postSignedRequest(url, JSON.stringify(payload), 'application/json', options);
}

/**
 * POSTs an interactive payload (e.g. from `fake.blockActions` or `fake.messageShortcut`) as form field
 * `payload=<json>`, as Slack does.
 */
export function postInteractive(
  url: string,
  payload: JsonObject,
  options: SignedPostOptions,
): Promise<HttpResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSignedRequest(url, body, 'application/x-www-form-urlencoded', options);
}

function httpPost(url: string, body: string, headers: Record<string, string>): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            json: text === '' ? undefined : tryParseJson(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
