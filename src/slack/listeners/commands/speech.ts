import type { Logger, RespondFn, SlashCommand } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { respondReliably } from '../../deliver.ts';
import { typedText } from '../../render/text.ts';
import { commandReply, type Reply } from '../../replies.ts';
import { WORDS } from '../../words.ts';

/** What {@link handleSpeechCommand} uses of Bolt's arguments. */
export interface CommandArgs {
  command: Pick<SlashCommand, 'text' | 'user_id' | 'channel_id' | 'team_id'>;
  ack: () => Promise<void>;
  respond: RespondFn;
  logger: Logger;
}

/** `/speech <query>`, `/speech help`, `/speech daily …`: acked at once, answered on the response_url. */
export async function handleSpeechCommand(
  { command, ack, respond, logger }: CommandArgs,
  deps: SlackDeps,
): Promise<void> {
  // Ack first, always: Slack gives up after 3 seconds.
  await ack();
  let reply: Reply;
  try {
    // Slack always sends `text`, '' for a bare command; a request without it asks nothing either.
    const text = typeof command.text === 'string' ? command.text : '';
    reply = await commandReply(deps, typedText(text), {
      userId: command.user_id,
      channelId: command.channel_id,
      teamId: command.team_id,
    });
  } catch (error) {
    logger.error(`${deps.command} failed:`, error);
    await respondReliably(respond, { response_type: 'ephemeral', text: WORDS.sorry }, { logger }).catch(
      (respondError: unknown) => logger.error('could not tell the user:', respondError),
    );
    return;
  }
  // A reply the response_url did not take is not followed by an apology on the same URL: it would
  // fail the same way, and spend more than the 5 uses Slack allows a response_url.
  await respondReliably(
    respond,
    { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', ...reply.message },
    { logger },
  ).catch((error: unknown) => logger.error(`could not deliver the ${deps.command} reply:`, error));
}
