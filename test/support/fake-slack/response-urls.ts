/**
 * The response_url half of the fake Slack: `POST /response/<id>` (JSON, as Bolt's `respond()` sends),
 * recorded and answered `{ ok: true }` unless scripted otherwise, optionally after a delay. Reached
 * through {@link FakeSlack}'s `responseUrl`, `responses`, `waitForResponse`, ….
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Recorder } from './recorder.ts';
import { DEFAULT_WAIT_MS, sendJson, sleep, tryParseJson } from './shared.ts';

/** One POST to a response_url. */
export interface RecordedResponse {
  /** The `<id>` in `/response/<id>`. */
  id: string;
  /** The request body: parsed JSON (Bolt's `respond()`), or the raw text when it is not JSON. */
  body: unknown;
}

/** The path prefix of response_urls on the fake. */
export const RESPONSE_PATH = '/response/';

/** The response_urls of the fake: their log, scripted replies and delay. */
export class FakeResponseUrls {
  private readonly responseLog = new Recorder<RecordedResponse>();
  private readonly replies: { status: number; body: unknown; remaining: number }[] = [];
  private delayMs = 0;

  /** @param baseUrl the fake's `http://127.0.0.1:PORT` (read when a URL is made) */
  constructor(private readonly baseUrl: () => string) {}

  /** A response_url on the fake: `http://127.0.0.1:PORT/response/<id>` (random id when omitted). */
  url(id: string = randomUUID()): string {
    return `${this.baseUrl()}${RESPONSE_PATH}${encodeURIComponent(id)}`;
  }

  /** The `id` of a response_url made by {@link url}. */
  static idOf(url: string): string {
    return decodeURIComponent(new URL(url).pathname.replace(/^\/response\//, ''));
  }

  /** POSTs received on response_urls, oldest first; only those for `id` when given. */
  responses(id?: string): RecordedResponse[] {
    return this.responseLog.items.filter((r) => id === undefined || r.id === id);
  }

  /** Like `waitForCall` for response_url POSTs; `id` undefined matches any response_url. */
  waitForResponse(
    id?: string,
    predicate: (response: RecordedResponse) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedResponse> {
    return this.responseLog.waitFor(
      (r) => (id === undefined || r.id === id) && predicate(r),
      timeoutMs,
      () =>
        `a response_url POST${id === undefined ? '' : ` to ${id}`}; recorded: ${this.responseLog.items.length}`,
    );
  }

  /** Makes the next `times` (default 1) response_url POSTs answer `status`/`body` (e.g. 404 `expired_url`). */
  respondWith(reply: { status: number; body?: unknown }, options: { times?: number } = {}): void {
    this.replies.push({
      status: reply.status,
      body: reply.body ?? { ok: false },
      remaining: options.times ?? 1,
    });
  }

  /**
   * Makes every later response_url POST take `ms` before it is recorded and answered, as a slow
   * Slack would: a POST is only in {@link responses} once it has been delivered.
   */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  /** Forgets recorded POSTs and scripted replies (the delay stays). */
  reset(): void {
    this.responseLog.clear();
    this.replies.length = 0;
  }

  /** Fails pending waits with `error`. */
  rejectAll(error: Error): void {
    this.responseLog.rejectAll(error);
  }

  /** Answers `POST /response/<id>`: waits out the delay, records the body, then replies. */
  async handle(id: string, body: string, res: ServerResponse): Promise<void> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    const parsed = tryParseJson(body);
    this.responseLog.push({ id, body: parsed === undefined ? body : parsed });
    const next = this.replies[0];
    if (next !== undefined) {
      next.remaining -= 1;
      if (next.remaining <= 0) this.replies.shift();
      sendJson(res, next.status, next.body);
      return;
    }
    sendJson(res, 200, { ok: true });
  }
}
