/**
 * `npm start`: the Slack bot. With Slack credentials it connects (Socket Mode or HTTP); without
 * them, on a terminal, it opens a local console that shows the replies the bot would post.
 */
import dotenv from 'dotenv';
import { consoleLogger, type RunningBot, SlackAccessError, startBot } from './bot.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { ContentError, tableOfContents } from './content/index.ts';
import { errorMessage } from './errors.ts';
import type { SpeechSearch } from './search/engine.ts';
import { PortInUseError } from './slack/receivers/server.ts';
import { openSpeech, warmUp } from './speech.ts';
import { StoreError } from './store/types.ts';
import { keepServingOnStrayErrors } from './stray-errors.ts';

/**
 * A second stop signal within this time is the first one again (npm forwards a Ctrl-C the
 * process also got); one after it means "exit now".
 */
const REPEATED_SIGNAL_MS = 2_000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  let search: SpeechSearch;
  try {
    config = loadConfig();
    search = openSpeech(config.contentDir);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) fail(error.message);
    throw error;
  }

  if (!config.slack) {
    if (!process.stdin.isTTY) {
      fail(
        new ConfigError([
          'No Slack credentials. Set SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…) for Socket Mode, ' +
            'or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for HTTP mode, in .env (see .env.example and README). ' +
            'Run `npm start` in a terminal for the local console, or `npm run ask -- "问题"`.',
        ]).message,
      );
    }
    // Loaded only here: the bot itself never opens the console.
    const { runLocalConsole } = await import('./console/local.ts');
    await runLocalConsole({ search, toc: tableOfContents(search.documents), command: config.slashCommand });
    process.exit(0);
  }

  // Handlers first: a signal or a stray error while the bot starts is handled like any other.
  const logger = consoleLogger(config.logLevel);
  keepServingOnStrayErrors(logger);
  let bot: RunningBot | undefined;
  let stopping = false;
  let stoppingSince = 0;
  const stop = async (signal: string) => {
    if (stopping) {
      // npm forwards the terminal's Ctrl-C, which reached this process too: one press, two signals.
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      // Asked again later: whoever asks will not wait for the drain (a stuck store, say).
      logger.warn(`${signal} again: exiting without waiting for the rest to finish`);
      process.exit(1);
    }
    stopping = true;
    stoppingSince = Date.now();
    logger.info(`${signal}: stopping`);
    await bot?.stop().catch((error: unknown) => logger.error('error while stopping:', error));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  // A signal before this resolves exits at once: nothing has been acknowledged yet.
  bot = await startBot({ ...config, slack: config.slack }, search, { logger });
  // Serving already; the first question need not wait for the tables to load.
  warmUp(search).catch((error: unknown) =>
    logger.warn('Warm-up failed; the first question loads the tables:', error),
  );
  logger.info(
    config.slack.mode === 'socket'
      ? `Speech bot connected to Slack (Socket Mode); /healthz on port ${bot.port}`
      : `Speech bot listening on port ${bot.port} (HTTP mode: /slack/events, /healthz)`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof SlackAccessError || error instanceof StoreError || error instanceof PortInUseError) {
    fail(error.message);
  }
  fail(`Speech bot failed to start: ${errorMessage(error)}`);
});
