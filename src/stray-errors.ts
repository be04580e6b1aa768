import type { Logger } from '@slack/bolt';

/**
 * An error thrown outside every listener (a library's callback, a timer) is logged, and the bot
 * goes on serving: one bad request must not take the process, and every user, down with it.
 *
 * Output whose reader is gone (EPIPE: the pipe to a supervisor closed) can report nothing. Without
 * a listener, each failed write would be an uncaught error, logged to the same output, failing
 * again: a loop that kept orphaned bots busy. Such errors are dropped.
 */
export function keepServingOnStrayErrors(logger: Logger): void {
  for (const output of [process.stdout, process.stderr]) output.on('error', () => {});
  process.on('uncaughtException', (error) => logger.error('Uncaught error (the bot keeps running):', error));
  process.on('unhandledRejection', (reason) =>
    logger.error('Unhandled rejection (the bot keeps running):', reason),
  );
}
