import { Server } from 'node:http';
import type { App, Logger } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import type { Config, SlackConfig } from './config.ts';
import { tableOfContents } from './content/toc.ts';
import { CONFIGURED_BY, dailyStatus } from './daily/describe.ts';
import { type DailyLogger, DailyScheduler, type Timers } from './daily/scheduler.ts';
import { dailyUnits } from './daily/units.ts';
import { finishesWithin } from './deadline.ts';
import { errorMessage } from './errors.ts';
import type { SpeechSearch } from './search/engine.ts';
import { type BotIdentity, createSlackApp, LOG_LEVELS } from './slack/app.ts';
import { type AuthTestAnswer, authTest } from './slack/auth-test.ts';
import { slackClients } from './slack/clients.ts';
import type { SlackDeps } from './slack/context.ts';
import {
  createDailyCommandHandler,
  notifyPaused,
  postDailyExcerpt,
  visibleSubscriptions,
} from './slack/daily.ts';
import { slackErrorCode } from './slack/errors.ts';
import { renderSubscriptions } from './slack/render/daily.ts';
import { openStore, type Store } from './store/index.ts';
import { EVENT_TTL_MS, reportUnfinishedClaims, startPruning } from './store/maintenance.ts';

/** A started bot: Slack app, daily scheduler and store; `stop()` shuts them down in order. */
export interface RunningBot {
  app: App;
  scheduler: DailyScheduler;
  store: Store;
  /** The port `/healthz` (and in HTTP mode `/slack/events`) listens on; differs from config when it was 0. */
  port: number;
  stop(): Promise<void>;
}

function dailyLogger(logger: Logger): DailyLogger {
  const line = (message: string, details?: Record<string, unknown>) =>
    details ? `${message} ${JSON.stringify(details)}` : message;
  return {
    info: (message, details) => logger.info(line(message, details)),
    warn: (message, details) => logger.warn(line(message, details)),
    error: (message, details) => logger.error(line(message, details)),
  };
}

/** For tests and embedders: the scheduler's clock and timers, and Bolt's logger. */
export interface BotOptions {
  clock?: { now(): Date };
  timers?: Timers;
  logger?: Logger;
}

/** Slack could not be reached or refused the credentials; the message says which and what to do. */
export class SlackAccessError extends Error {
  override name = 'SlackAccessError';
}

/**
 * Checks the bot token with one quick `auth.test` before anything starts, so a wrong token or
 * an unreachable Slack is one clear error instead of minutes of silent retries.
 */
export async function checkSlackAccess(slack: SlackConfig): Promise<BotIdentity> {
  const url = slack.apiUrl ?? 'https://slack.com/api/';
  let identity: AuthTestAnswer;
  try {
    identity = await authTest(url, slack.botToken);
  } catch (error) {
    throw new SlackAccessError(
      `Cannot reach Slack at ${url} (${errorMessage(error)}). Check the network, or SLACK_API_URL.`,
    );
  }
  if (!identity.ok) {
    throw new SlackAccessError(
      `Slack refused SLACK_BOT_TOKEN (${identity.error ?? 'no reason given'}). Copy the Bot User OAuth Token (xoxb-…) again from api.slack.com/apps → your app → OAuth & Permissions.`,
    );
  }
  if (!identity.bot_id || !identity.user_id) {
    throw new SlackAccessError(
      'SLACK_BOT_TOKEN is not a bot token: auth.test names no bot. Use the Bot User OAuth Token (xoxb-…).',
    );
  }
  return { botId: identity.bot_id, botUserId: identity.user_id };
}

/** Slack's answers to `apps.connections.open` that mean the app-level token is wrong, not that Slack is down. */
const REFUSED_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
  'missing_scope',
]);

/**
 * In Socket Mode the app-level token is first used when the socket opens: a refusal then names
 * SLACK_APP_TOKEN and where to make a new one, as a refused bot token names SLACK_BOT_TOKEN.
 */
function appTokenRefusal(slack: SlackConfig, error: unknown): SlackAccessError | undefined {
  const { code } = slackErrorCode(error);
  if (slack.mode !== 'socket' || !REFUSED_TOKEN.has(code)) return undefined;
  return new SlackAccessError(
    `Slack refused SLACK_APP_TOKEN (${code}). Make an app-level token with the connections:write scope at api.slack.com/apps → your app → Basic Information → App-Level Tokens, and put it (xapp-…) in SLACK_APP_TOKEN.`,
  );
}

/**
 * Wires everything together and starts it: the store (created, migrated and checked), the Slack
 * app, the daily scheduler (which first posts what was missed today), and the DAILY_CHANNEL
 * subscription. Each part is built complete, before the part that uses it.
 */
export async function startBot(
  config: Config & { slack: SlackConfig },
  search: SpeechSearch,
  options: BotOptions = {},
): Promise<RunningBot> {
  // The store opens while auth.test is on its way to Slack and back, rather than after: with
  // PostgreSQL start-up pays for the slower of the two, not both. A refused token is still the
  // first problem reported.
  const access = checkSlackAccess(config.slack);
  access.catch(() => undefined); // handled below; not an unhandled rejection while the store opens
  const clock = options.clock ?? { now: () => new Date() };
  const now = () => clock.now();
  const logger = options.logger ?? consoleLogger(config.logLevel);
  let store: Store;
  try {
    store = await openStore(config, now);
  } catch (error) {
    await access;
    throw error;
  }
  try {
    return await startWithStore(config, search, store, { ...options, logger, now, identity: await access });
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function startWithStore(
  config: Config & { slack: SlackConfig },
  search: SpeechSearch,
  store: Store,
  options: BotOptions & { logger: Logger; now: () => Date; identity: BotIdentity },
): Promise<RunningBot> {
  const { logger, now, identity } = options;
  const clients = slackClients(config.slack.botToken, config.slack.apiUrl, logger);
  const units = dailyUnits(search.documents);
  const scheduler = new DailyScheduler({
    store,
    units: () => units,
    post: (subscription, excerpt) => postDailyExcerpt(clients.posting, subscription, excerpt, logger),
    onPaused: (subscription, error) =>
      notifyPaused(clients.posting, subscription, error, config.slashCommand),
    logger: dailyLogger(logger),
    clock: { now },
    // Another replica's new subscription is seen within a minute (a pass reads the subscriptions).
    maxWaitMs: 60_000,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const deps: SlackDeps = {
    search,
    toc: tableOfContents(search.documents),
    command: config.slashCommand,
    daily: createDailyCommandHandler({
      store,
      scheduler,
      client: clients.reading,
      defaultTimeZone: config.defaultTimeZone,
      command: config.slashCommand,
      ...(config.dailyChannel ? { configuredChannel: config.dailyChannel.channelId } : {}),
      now,
    }),
    homeSections: async ({ teamId, userId }) => {
      const inWorkspace = (await store.listSubscriptions()).filter(
        (subscription) => subscription.teamId === null || subscription.teamId === teamId,
      );
      const { visible, unchecked } = await visibleSubscriptions(clients.reading, inWorkspace, userId);
      const at = now();
      const listed = await Promise.all(
        visible.map(async (subscription) => ({
          subscription,
          status: await dailyStatus(store, subscription, at),
        })),
      );
      return renderSubscriptions(listed, config.slashCommand, unchecked);
    },
  };
  const health = cachedHealth(store, logger);
  const app = createSlackApp(config, deps, {
    identity,
    logger,
    health,
    // Slack may redeliver an event to another replica: the shared store lets one of them answer.
    claimEvent: (eventId) => store.claimEvent(eventId, EVENT_TTL_MS),
  });
  await applyConfiguredChannel(store, config.dailyChannel, logger);
  await reportUnfinishedClaims(store, now(), logger);

  const server: unknown = await app.start().catch((error: unknown) => {
    throw appTokenRefusal(config.slack, error) ?? error;
  });
  // The catch-up pass runs on; `stop()` waits for it. Awaiting it here would leave the process
  // serving without its shutdown handlers for as long as the missed posts take.
  void scheduler.start();
  const pruning = startPruning(store, now, logger);
  return {
    app,
    scheduler,
    store,
    port: listeningPort(server) ?? config.port,
    stop: async () => {
      // Nothing new starts (no post, no request); what was started finishes within the drain time.
      pruning.stop();
      await Promise.all([scheduler.stop(config.shutdownDrainMs), app.stop()]);
      await store.close();
    },
  };
}

/**
 * Makes the store's configured daily excerpt what DAILY_CHANNEL says now: that channel's is
 * written again (resuming it if it was paused), and one that an earlier DAILY_CHANNEL set up, in
 * a channel no longer named, is removed. Subscriptions made with `/speech daily` are left alone.
 */
async function applyConfiguredChannel(
  store: Store,
  channel: Config['dailyChannel'],
  logger: Logger,
): Promise<void> {
  if (channel) await store.upsertSubscription({ ...channel, teamId: null, createdBy: CONFIGURED_BY });
  for (const subscription of await store.listSubscriptions()) {
    if (subscription.createdBy !== CONFIGURED_BY || subscription.channelId === channel?.channelId) continue;
    await store.deleteSubscription(subscription.channelId);
    logger.info(
      `Daily excerpt in ${subscription.channelId} removed: it was set by DAILY_CHANNEL, which now ${channel ? `names ${channel.channelId}` : 'is not set'}.`,
    );
  }
}

/**
 * `/healthz` from the store's check, asked at most every few seconds: the check writes, and a
 * load balancer polling several times a second must not keep the database busy. The problem is
 * logged, not shown: the endpoint is public. It is logged when it starts or changes, not at every
 * poll, and its end is logged too: a database down for an hour is one error, then one line.
 *
 * @param maxAgeMs how long a result answers polls (tests pass a short one)
 */
export function cachedHealth(
  store: Pick<Store, 'checkHealth'>,
  logger: Pick<Logger, 'error' | 'info'>,
  maxAgeMs = 5_000,
): () => Promise<{ ok: boolean }> {
  let last: { at: number; ok: boolean } | undefined;
  // One check at a time: polls that come while it runs wait for it rather than start their own.
  let running: Promise<boolean> | undefined;
  // What the last failed check said, while the checks fail.
  let failing: string | undefined;
  const check = async (): Promise<boolean> => {
    try {
      if (!(await finishesWithin(store.checkHealth(), HEALTH_DEADLINE_MS))) {
        throw new Error(`the store did not answer within ${HEALTH_DEADLINE_MS / 1000} s`);
      }
      if (failing !== undefined) logger.info('Health check passes again.');
      failing = undefined;
      return true;
    } catch (error) {
      const reason = errorMessage(error);
      if (reason !== failing) logger.error('Health check failed:', error);
      failing = reason;
      return false;
    }
  };
  return async () => {
    if (last && Date.now() - last.at < maxAgeMs) return { ok: last.ok };
    running ??= check().then((ok) => {
      last = { at: Date.now(), ok };
      running = undefined;
      return ok;
    });
    return { ok: await running };
  };
}

/**
 * Longest a health check waits for the store: a load balancer gives up after a few seconds, and a
 * store that takes longer is not healthy.
 */
const HEALTH_DEADLINE_MS = 3_000;

/** Bolt's console logger at the configured level, shared by the app and the scheduler. */
export function consoleLogger(level: Config['logLevel']): Logger {
  const logger = new ConsoleLogger();
  logger.setLevel(LOG_LEVELS[level]);
  return logger;
}

/** The port of the `http.Server` that `app.start()` resolves with, if it is one. */
function listeningPort(server: unknown): number | undefined {
  if (!(server instanceof Server)) return undefined;
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}
