import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { handleDirectMessage, handleHomeOpened, handleMention } from './handlers.ts';

/** @mentions in channels (answered in a thread), DMs, and the App Home tab. */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', (args) => handleMention(args, deps));
  app.message(({ message, client, logger }) =>
    // Bolt's message union: only the fields a person's DM has are read.
    handleDirectMessage(
      { message: message as Parameters<typeof handleDirectMessage>[0]['message'], client, logger },
      deps,
    ),
  );
  app.event('app_home_opened', (args) => handleHomeOpened(args, deps));
}
