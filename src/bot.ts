import { Server } from 'node:http';
import { type App, type Logger, webApi } from '@slack/bolt';
import type { Config, SlackConfig } from './config.ts';
import { tableOfContents } from './content/toc.ts';
import { describeSubscription } from './daily/describe.ts';
import { type DailyLogger, DailyScheduler, type Timers } from './daily/scheduler.ts';
import { dailyUnits } from './daily/units.ts';
import type { SpeechSearch } from './search/engine.ts';
import { createSlackApp } from './slack/app.ts';
import type { SlackDeps } from './slack/context.ts';
import { createDailyCommandHandler, notifyPaused, postDailyExcerpt, slackErrorCode } from './slack/daily.ts';
import { renderSubscriptions } from './slack/render/daily.ts';
import { SqliteStore } from './store/sqlite.ts';

/** A started bot: Slack app, daily scheduler and store; `stop()` shuts them down in order. */
export interface RunningBot {
  app: App;
  scheduler: DailyScheduler;
  store: SqliteStore;
  /** The port `/healthz` (and in HTTP mode `/slack/events`) listens on; differs from config when it was 0. */
  port: number;
  stop(): Promise<void>;
}

function dailyLogger(app: App): DailyLogger {
  const line = (message: string, details?: Record<string, unknown>) =>
    details ? `${message} ${JSON.stringify(details)}` : message;
  return {
    info: (message, details) => app.logger.info(line(message, details)),
    warn: (message, details) => app.logger.warn(line(message, details)),
    error: (message, details) => app.logger.error(line(message, details)),
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
export async function checkSlackAccess(slack: SlackConfig): Promise<void> {
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 1000 },
    timeout: 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  const url = slack.apiUrl ?? 'https://slack.com/api/';
  try {
    await client.auth.test();
  } catch (error) {
    const { code } = slackErrorCode(error);
    if (code === webApi.ErrorCode.RequestError || code === webApi.ErrorCode.HTTPError) {
      throw new SlackAccessError(
        `Cannot reach Slack at ${url} (${error instanceof Error ? error.message : code}). Check the network, or SLACK_API_URL.`,
      );
    }
    throw new SlackAccessError(
      `Slack refused SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) again from api.slack.com/apps → your app → OAuth & Permissions.`,
    );
  }
}

/**
 * Wires everything together and starts it: the store (created and migrated), the Slack app, the
 * daily scheduler (which first posts what was missed today), and the DAILY_CHANNEL subscription.
 */
export async function startBot(
  config: Config & { slack: SlackConfig },
  search: SpeechSearch,
  options: BotOptions = {},
): Promise<RunningBot> {
  await checkSlackAccess(config.slack);
  const clock = options.clock ?? { now: () => new Date() };
  const now = () => clock.now();
  const store = new SqliteStore(config.databasePath, { now });
  const slackApiUrl = config.slack.apiUrl;
  const apiOptions = slackApiUrl ? { slackApiUrl } : {};
  // Daily posts use their own client without automatic retries: a retried chat.postMessage after
  // a lost response could post twice. Rate limits go back to the scheduler, which retries later.
  const postingClient = new webApi.WebClient(config.slack.botToken, {
    ...apiOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const apiClient = new webApi.WebClient(config.slack.botToken, apiOptions);
  const units = dailyUnits(search.documents);

  const deps: SlackDeps = { search, toc: tableOfContents(search.documents), command: config.slashCommand };
  const app = createSlackApp(config, deps, options.logger ? { logger: options.logger } : {});
  const scheduler = new DailyScheduler({
    store,
    units: () => units,
    post: (subscription, excerpt) => postDailyExcerpt(postingClient, subscription, excerpt),
    onPaused: (subscription, error) => notifyPaused(apiClient, subscription, error, config.slashCommand),
    logger: dailyLogger(app),
    clock: { now },
    ...(options.timers ? { timers: options.timers } : {}),
  });
  deps.daily = createDailyCommandHandler({
    store,
    scheduler,
    client: apiClient,
    defaultTimeZone: config.defaultTimeZone,
    command: config.slashCommand,
    now,
  });
  deps.homeSections = async (teamId) => {
    const subscriptions = (await store.listSubscriptions()).filter(
      (subscription) => subscription.teamId === null || subscription.teamId === teamId,
    );
    const at = now();
    return renderSubscriptions(subscriptions, (subscription) => describeSubscription(subscription, at));
  };
  if (config.dailyChannel) {
    await store.upsertSubscription({ ...config.dailyChannel, teamId: null, createdBy: 'config' });
  }

  const server: unknown = await app.start();
  await scheduler.start();
  return {
    app,
    scheduler,
    store,
    port: listeningPort(server) ?? config.port,
    stop: async () => {
      await scheduler.stop();
      await app.stop();
      store.close();
    },
  };
}

/** The port of the `http.Server` that `app.start()` resolves with, if it is one. */
function listeningPort(server: unknown): number | undefined {
  if (!(server instanceof Server)) return undefined;
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}
