import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
} from '@slack/bolt';
import { errorMessage } from '../../errors.ts';
import type { InFlight } from '../in-flight.ts';
import { type HealthCheck, listen, serveHealth, stopServer } from './server.ts';

/** Slack's guidance: refuse a request whose timestamp is further than this from our clock, either way. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const EVENTS_PATH = '/slack/events';
/** Slack's payloads are small; a larger body is refused before it is parsed. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpReceiverOptions {
  signingSecret: string;
  port: number;
  health: HealthCheck;
  /** Accepted requests, counted until their listeners finish; shutdown waits for them. */
  inFlight: InFlight;
  /** How long `stop()` waits for accepted requests to finish. */
  drainMs: number;
  /** The clock the timestamps are checked against (tests move it). */
  now?: () => number;
}

/** A request that is answered with a status and no body, and why (for the log). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * HTTP mode: `POST /slack/events` and `GET /healthz`. Unlike Bolt's HTTPReceiver, a signed body
 * that is not a JSON object (`null`, a number, a list) is refused with 400 instead of reaching
 * the listeners, timestamps from the future are refused like stale ones, and `stop()` stops
 * accepting requests and waits (up to `drainMs`) for the accepted ones to be answered.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private stopping = false;
  private readonly now: () => number;

  constructor(private readonly options: HttpReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  private get logger() {
    if (!this.app) throw new Error('SlackHttpReceiver used before App.init');
    return this.app.logger;
  }

  async start(): Promise<Server> {
    const server = createServer((req, res) => this.route(req, res));
    await listen(server, this.options.port);
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const { server } = this;
    this.server = undefined;
    this.stopping = true;
    if (server) await stopServer(server, this.options.inFlight, this.options.drainMs, this.logger);
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === EVENTS_PATH && req.method === 'POST') {
      // A request on a connection kept alive past shutdown: Slack retries it (on another replica).
      if (this.stopping) {
        res.writeHead(503, { connection: 'close' }).end();
        return;
      }
      void this.options.inFlight.run(() => this.handleEvent(req, res));
    } else if (!serveHealth(path, req, res, this.options.health)) {
      res.writeHead(404).end();
    }
  }

  /** Never rejects: every failure becomes an HTTP status and a log line. */
  private async handleEvent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this;
    let request: BufferedIncomingMessage;
    let body: Record<string, unknown>;
    try {
      request = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT_BYTES);
      body = this.verifiedBody(request);
    } catch (error) {
      const refusal =
        error instanceof Refusal
          ? error
          : HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413
            ? new Refusal(413, `request body over ${BODY_LIMIT_BYTES} bytes`)
            : new Refusal(400, `unreadable request: ${errorMessage(error)}`);
      logger.warn(`Refused a request to ${EVENTS_PATH} (${refusal.status}): ${refusal.message}`);
      if (!res.headersSent) res.writeHead(refusal.status).end();
      return;
    }
    if (body.ssl_check === '1') {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return;
    }
    if (body.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }
    // Slack's notice that it is dropping this app's events (over 30,000 an hour for a workspace):
    // no event for Bolt, and a delivery Slack wants answered with 200 like any other.
    if (body.type === 'app_rate_limited') {
      logger.warn(
        `Slack is dropping this app's events for workspace ${String(body.team_id)}: over its limit of events per hour${since(body.minute_rate_limited)}.`,
      );
      res.writeHead(200).end();
      return;
    }
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: request,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await this.app?.processEvent({
        body,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (error) {
      const acked = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: undefined,
      });
      if (acked) ack.ack();
    }
  }

  /** The parsed body of a request Slack signed, or a Refusal saying why not. */
  private verifiedBody(request: BufferedIncomingMessage): Record<string, unknown> {
    const formEncoded = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
    // Slack's SSL check is unsigned; nothing else in it is read. (Most bodies are not one: the
    // substring test spares parsing them twice.)
    if (formEncoded && request.rawBody.includes('ssl_check=')) {
      if (new URLSearchParams(request.rawBody.toString('utf8')).get('ssl_check') === '1') {
        return { ssl_check: '1' };
      }
    }

    const signature = request.headers['x-slack-signature'];
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isInteger(timestamp)) {
      throw new Refusal(401, 'missing x-slack-signature or x-slack-request-timestamp');
    }
    if (Math.abs(this.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
      throw new Refusal(401, `timestamp ${timestamp} is more than 5 minutes from this server's clock`);
    }
    if (!signedBySlack(this.options.signingSecret, timestamp, request.rawBody, signature)) {
      throw new Refusal(401, 'signature mismatch');
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(request);
    } catch (error) {
      throw new Refusal(400, `malformed body: ${errorMessage(error)}`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const kind = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
      throw new Refusal(400, `the body is ${kind}, not a JSON object`);
    }
    return body as Record<string, unknown>;
  }
}

/**
 * Slack's v0 signature: `v0=` and the hex HMAC-SHA256, keyed with the signing secret, of
 * `v0:<timestamp>:<raw body>`, compared in constant time. (Bolt's `verifySlackRequest` compares
 * with tsscmp, which draws random bytes and hashes both sides again on every request.)
 */
function signedBySlack(
  signingSecret: string,
  timestamp: number,
  rawBody: Buffer,
  signature: string,
): boolean {
  if (signingSecret === '') return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** When Slack started dropping events (`minute_rate_limited`, Unix seconds), for the log. */
function since(minute: unknown): string {
  return typeof minute === 'number' && Number.isFinite(minute)
    ? ` (since ${new Date(minute * 1000).toISOString()})`
    : '';
}
