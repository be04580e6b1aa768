/**
 * The Slack side of `npm run bench:bot`, as lean as it can be so it does not slow what it
 * measures: the Web API calls a starting app makes (`auth.test`; anything else answers
 * `{"ok":true}`), and response_urls that count the replies.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const RESPONSE_PATH = '/response/';

export class BenchSlack {
  private nextResponseId = 0;
  private readonly waiting = new Map<string, () => void>();
  /** Replies that came to a response_url nobody waited for (a bug in the app or the bench). */
  unexpectedResponses = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<BenchSlack> {
    let slack: BenchSlack | undefined;
    const server = createServer((req, res) => {
      void readBody(req).then(() => {
        const path = req.url ?? '/';
        if (path.startsWith(RESPONSE_PATH)) slack?.responded(path.slice(RESPONSE_PATH.length));
        const body = path === '/api/auth.test' ? AUTH_TEST : '{"ok":true}';
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    slack = new BenchSlack(server, (server.address() as AddressInfo).port);
    return slack;
  }

  /** `SLACK_API_URL` for the apps. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url and a promise that resolves when the app POSTs to it. */
  responseUrl(): { url: string; answered: Promise<void> } {
    const id = String(this.nextResponseId++);
    const answered = new Promise<void>((resolve) => this.waiting.set(id, resolve));
    return { url: `http://127.0.0.1:${this.port}${RESPONSE_PATH}${id}`, answered };
  }

  private responded(id: string): void {
    const resolve = this.waiting.get(id);
    if (!resolve) {
      this.unexpectedResponses++;
      return;
    }
    this.waiting.delete(id);
    resolve();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const AUTH_TEST = JSON.stringify({
  ok: true,
  url: 'https://bench.slack.com/',
  team: 'Bench',
  user: 'speechbot',
  team_id: 'T0BENCH',
  user_id: 'U0BOT',
  bot_id: 'B0BOT',
  is_enterprise_install: false,
});

function readBody(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.resume();
    req.on('end', resolve);
    req.on('error', () => resolve());
  });
}
