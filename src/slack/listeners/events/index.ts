import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { postReply } from '../../deliver.ts';
import { renderHome } from '../../render/home.ts';
import { decodeSlackText } from '../../render/text.ts';
import { questionReply } from '../../replies.ts';

/** Removes the leading `<@BOT>` mention from an app_mention's text. */
export function stripMention(text: string): string {
  return text.replace(/^\s*(<@[A-Z0-9]+(\|[^>]*)?>[\s,,::]*)+/i, '').trim();
}

/** @mentions in channels (answered in a thread), DMs, and the App Home tab. */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, logger }) => {
    if (event.bot_id) return;
    const message = questionReply(deps, decodeSlackText(stripMention(event.text)));
    try {
      await postReply(
        client,
        { channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...message },
        { logger },
      );
    } catch (error) {
      logger.error(`could not answer a mention in ${event.channel}:`, error);
    }
  });

  app.message(async ({ message, client, logger }) => {
    // Only what a person types in a DM with the bot: no edits, joins, or bot messages (ours included).
    if (
      message.channel_type !== 'im' ||
      message.subtype !== undefined ||
      ('bot_id' in message && message.bot_id)
    )
      return;
    const reply = questionReply(deps, decodeSlackText(message.text ?? ''));
    // A question asked inside a DM thread is answered in that thread.
    const thread = message.thread_ts ? { thread_ts: message.thread_ts } : {};
    try {
      await postReply(client, { channel: message.channel, ...thread, ...reply }, { logger });
    } catch (error) {
      logger.error(`could not answer a DM in ${message.channel}:`, error);
    }
  });

  app.event('app_home_opened', async ({ event, client, logger, context }) => {
    if (event.tab !== 'home') return;
    try {
      const view = renderHome(
        deps.command,
        deps.search.documents,
        deps.toc,
        (await deps.homeSections?.({ teamId: context.teamId, userId: event.user })) ?? [],
      );
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logger.error('could not publish the App Home:', error);
    }
  });
}
