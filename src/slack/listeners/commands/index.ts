import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { handleSpeechCommand } from './speech.ts';

/** The slash command (`/speech` or SLASH_COMMAND). */
export function register(app: App, deps: SlackDeps): void {
  app.command(deps.command, (args) => handleSpeechCommand(args, deps));
}
