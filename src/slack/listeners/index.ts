import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context.ts';
import { register as registerActions } from './actions/index.ts';
import { register as registerCommands } from './commands/index.ts';
import { register as registerEvents } from './events/index.ts';
import { register as registerShortcuts } from './shortcuts/index.ts';

/** Every listener of the app: commands, events, buttons and shortcuts. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
}
