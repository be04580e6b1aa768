import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { respondReliably } from '../../deliver.ts';
import { decodeSlackText } from '../../render/text.ts';
import { commandReply } from '../../replies.ts';

const SORRY = '抱歉,出了点问题,请稍后再试。Sorry, something went wrong — please try again.';

/** `/speech <query>`, `/speech help`, `/speech daily …`. */
export function register(app: App, deps: SlackDeps): void {
  app.command(deps.command, async ({ command, ack, respond, logger }) => {
    // Ack first, always: Slack gives up after 3 seconds.
    await ack();
    try {
      const { message, visibility } = await commandReply(deps, decodeSlackText(command.text), {
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id,
      });
      await respondReliably(
        respond,
        { response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral', ...message },
        { logger },
      );
    } catch (error) {
      logger.error(`${deps.command} failed:`, error);
      await respondReliably(respond, { response_type: 'ephemeral', text: SORRY }, { logger }).catch(
        (respondError: unknown) => logger.error('could not tell the user:', respondError),
      );
    }
  });
}
