import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, type CustomRoute, type Logger, LogLevel, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Config, SlackConfig } from '../config.ts';
import type { SlackDeps } from './context.ts';
import { RecentIds } from './dedupe.ts';
import { register as registerActions } from './listeners/actions/index.ts';
import { register as registerCommands } from './listeners/commands/index.ts';
import { register as registerEvents } from './listeners/events/index.ts';

const LOG_LEVELS: Record<Config['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

const HEALTHZ_PATH = '/healthz';

/** `GET /healthz`: 200 while the process runs; load balancers and orchestrators poll it. */
function healthz(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

const healthzRoute: CustomRoute = { path: HEALTHZ_PATH, method: ['GET'], handler: healthz };

/**
 * Socket Mode, plus an HTTP server for `/healthz` on `port`. (Bolt's SocketModeReceiver starts
 * its custom-route server without waiting for it or handling its errors: a port in use crashes
 * the process with an uncaught EADDRINUSE, and with port 0 nobody can learn the port.) `start()`
 * waits until the server listens, rejects if it cannot, and resolves with the `http.Server`,
 * as Bolt's HTTPReceiver does; `stop()` waits for the socket and the server to close.
 */
class SocketModeWithHealthz implements Receiver {
  private readonly socket: SocketModeReceiver;
  private server: Server | undefined;

  constructor(
    options: ConstructorParameters<typeof SocketModeReceiver>[0],
    private readonly port: number,
  ) {
    this.socket = new SocketModeReceiver(options);
  }

  init(app: App): void {
    this.socket.init(app);
  }

  async start(): Promise<Server> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === HEALTHZ_PATH && req.method === 'GET') healthz(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    try {
      await this.socket.start();
    } catch (error) {
      await this.closeServer();
      throw error;
    }
    return server;
  }

  async stop(): Promise<void> {
    await this.socket.client.disconnect();
    await this.closeServer();
  }

  private closeServer(): Promise<void> {
    const { server } = this;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** Options for tests and embedders. */
export interface SlackAppOptions {
  /** Where Bolt, its Web API client and the listeners log (default: Bolt's console logger). */
  logger?: Logger;
}

/**
 * The Bolt app with every listener registered. Socket Mode or HTTP (`/slack/events`) by config;
 * both serve `/healthz` on `config.port`. Start it with `app.start()`, which resolves with the
 * `http.Server` in both modes (its `address()` gives the port when `config.port` is 0).
 */
export function createSlackApp(
  config: Config & { slack: SlackConfig },
  deps: SlackDeps,
  options: SlackAppOptions = {},
): App {
  const { slack } = config;
  const { logger } = options;
  const logLevel = LOG_LEVELS[config.logLevel];
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  const common = { token: slack.botToken, logLevel, clientOptions, ...(logger ? { logger } : {}) };
  const app =
    slack.mode === 'socket'
      ? new App({
          ...common,
          receiver: new SocketModeWithHealthz(
            {
              appToken: slack.appToken ?? '',
              logLevel,
              ...(logger ? { logger } : {}),
              // The receiver's own Web API client (apps.connections.open) needs the API URL too.
              installerOptions: { clientOptions },
            },
            config.port,
          ),
        })
      : new App({
          ...common,
          signingSecret: slack.signingSecret ?? '',
          port: config.port,
          customRoutes: [healthzRoute],
        });

  // Slack redelivers an event it thinks was lost; answer each event id once.
  const seen = new RecentIds();
  app.use(async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !seen.firstTime(eventId)) return;
    await next();
  });

  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);

  // A listener's failure is logged; it never takes the process down.
  app.error(async (error) => {
    app.logger.error('Slack listener failed:', error);
  });
  return app;
}
