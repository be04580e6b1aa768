import { App, type Logger, LogLevel } from '@slack/bolt';
import type { Config, SlackConfig } from '../config.ts';
import { EVENT_TTL_MS } from '../store/maintenance.ts';
import { postingOptions } from './clients.ts';
import type { SlackDeps } from './context.ts';
import { InFlight } from './in-flight.ts';
import { registerListeners } from './listeners/index.ts';
import { SlackHttpReceiver } from './receivers/http.ts';
import type { HealthCheck } from './receivers/server.ts';
import { SocketModeWithHealthz } from './receivers/socket.ts';

export const LOG_LEVELS: Record<Config['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Who the bot is, from the `auth.test` made at start-up (Bolt would otherwise ask again). */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/** What the app needs besides the configuration and the listeners' deps. */
export interface SlackAppOptions {
  /**
   * The bot's ids. Given, Bolt makes no `auth.test` of its own in the constructor, whose failure
   * it would cache and hand to every later event.
   */
  identity: BotIdentity;
  /** Where Bolt, its Web API client and the listeners log (default: Bolt's console logger). */
  logger?: Logger;
  /** What `/healthz` reports beyond "the process serves" (the bot passes the store's check). */
  health?: HealthCheck;
  /**
   * Claims an event id: `true` for the first delivery, `false` for Slack's redelivery of an event
   * already being handled (by this process or, through a shared store, by another replica).
   */
  claimEvent: (eventId: string) => Promise<boolean>;
  /**
   * How long a claim is remembered. An edit to a mention older than that cannot be told from the
   * first mention of its message, so it is not answered (default: the store's two hours).
   */
  claimsKeptMs?: number;
  /** Clock for request timestamps and a mention's age (tests). */
  now?: () => number;
}

const healthy: HealthCheck = async () => ({ ok: true });

/**
 * The Bolt app with every listener registered. Socket Mode or HTTP (`/slack/events`) by config;
 * both serve `/healthz` on `config.port`. Start it with `app.start()`, which resolves with the
 * `http.Server` in both modes (its `address()` gives the port when `config.port` is 0).
 */
export function createSlackApp(
  config: Config & { slack: SlackConfig },
  deps: SlackDeps,
  options: SlackAppOptions,
): App {
  const { slack } = config;
  const logLevel = LOG_LEVELS[config.logLevel];
  const { logger } = options;
  // Listeners answer mentions and DMs with posts: no automatic retry (see clients.ts).
  const clientOptions = postingOptions(slack.apiUrl);
  const inFlight = new InFlight();
  const serving = {
    port: config.port,
    health: options.health ?? healthy,
    inFlight,
    drainMs: config.shutdownDrainMs,
  };
  const receiver =
    slack.mode === 'socket'
      ? new SocketModeWithHealthz({
          ...serving,
          socket: {
            appToken: slack.appToken ?? '',
            logLevel,
            ...(logger ? { logger } : {}),
            // The receiver's own Web API client (apps.connections.open) needs the API URL too.
            installerOptions: { clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {} },
          },
        })
      : new SlackHttpReceiver({
          ...serving,
          signingSecret: slack.signingSecret ?? '',
          ...(options.now ? { now: options.now } : {}),
        });
  const app = new App({
    token: slack.botToken,
    ...options.identity,
    logLevel,
    clientOptions,
    receiver,
    // Bolt's conversation store is unused here, and costs every request a failed lookup (an Error).
    convoStore: false,
    ...(logger ? { logger } : {}),
  });

  // Shutdown waits for events being handled. The HTTP receiver counts each request itself, until
  // its listeners finish; Socket Mode has no request to count.
  if (slack.mode === 'socket') app.use(({ next }) => inFlight.run(next));

  // Slack redelivers an event it thinks was lost; answer each event id once. It also sends a
  // mention again, with a new id, when its message is edited: answer each message once, the
  // first time it mentions the bot (which may be the edit that added the mention).
  const claimsKeptMs = options.claimsKeptMs ?? EVENT_TTL_MS;
  const now = options.now ?? Date.now;
  app.use(async ({ body, next, logger: log }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !(await firstDelivery(options.claimEvent, eventId, log))) return;
    const mention = mentionedMessage(body);
    if (mention) {
      // Its first mention may have been answered, and forgotten since: a second answer in the
      // thread, for a typo fixed in an old question, is worse than none for a mention added late.
      if (mention.edited && now() - mention.postedMs > claimsKeptMs) return;
      if (!(await firstDelivery(options.claimEvent, mention.key, log))) return;
    }
    await next();
  });

  registerListeners(app, deps);

  // A listener's failure is logged; it never takes the process down.
  app.error(async (error) => {
    app.logger.error('Slack listener failed:', error);
  });
  return app;
}

/**
 * The message an `app_mention` event is about: a key for the event store
 * (`app_mention:C123:1700000000.000100`), when it was posted, and whether this is an edit of it;
 * `undefined` for other bodies.
 */
function mentionedMessage(body: unknown): { key: string; postedMs: number; edited: boolean } | undefined {
  const event = (body as { event?: { type?: unknown; channel?: unknown; ts?: unknown; edited?: unknown } })
    .event;
  if (event?.type !== 'app_mention' || typeof event.channel !== 'string' || typeof event.ts !== 'string') {
    return undefined;
  }
  return {
    key: `app_mention:${event.channel}:${event.ts}`,
    postedMs: Number(event.ts) * 1000,
    edited: typeof event.edited === 'object' && event.edited !== null,
  };
}

/**
 * Whether this is the first delivery of an event. When the store cannot say, the event is
 * handled: a rare duplicate answer is better than a question left unanswered.
 */
async function firstDelivery(
  claimEvent: (eventId: string) => Promise<boolean>,
  eventId: string,
  logger: Logger,
): Promise<boolean> {
  try {
    return await claimEvent(eventId);
  } catch (error) {
    logger.error(`could not record event ${eventId} in the store; handling it anyway:`, error);
    return true;
  }
}
