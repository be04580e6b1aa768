import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { FIND_IN_SPEECH, handleFindInSpeech } from './find-in-speech.ts';

/** The "Find in speech" message shortcut. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: FIND_IN_SPEECH, type: 'message_action' }, (args) =>
    handleFindInSpeech(args, deps),
  );
}
