import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, LogLevel } from '@slack/bolt';
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

/** `GET /healthz`: 200 while the process runs; load balancers and orchestrators poll it. */
const healthz: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/**
 * The Bolt app with every listener registered. Socket Mode or HTTP (`/slack/events`) by config;
 * both serve `/healthz` on `config.port`. Start it with `app.start()`.
 */
export function createSlackApp(config: Config & { slack: SlackConfig }, deps: SlackDeps): App {
  const { slack } = config;
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  const common = {
    token: slack.botToken,
    logLevel: LOG_LEVELS[config.logLevel],
    clientOptions,
    customRoutes: [healthz],
  };
  const app =
    slack.mode === 'socket'
      ? new App({
          ...common,
          socketMode: true,
          appToken: slack.appToken ?? '',
          // Socket Mode serves custom routes on installerOptions.port; repeat clientOptions
          // there, as the receiver's own client takes them from installerOptions.
          installerOptions: { port: config.port, clientOptions },
        })
      : new App({ ...common, signingSecret: slack.signingSecret ?? '', port: config.port });

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
