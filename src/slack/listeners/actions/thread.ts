import type { Logger, RespondFn, webApi } from '@slack/bolt';
import { putFirst, QUOTED_RESULTS } from '../../../search/quoted.ts';
import type { SlackDeps } from '../../context.ts';
import { inThread, postReply, respondReliably } from '../../deliver.ts';
import { slackErrorCode } from '../../errors.ts';
import { decodeThreadRef, renderResult, sharedViewOptions } from '../../render/answer.ts';
import { WORDS } from '../../words.ts';

export interface ThreadShareArgs {
  ack: () => Promise<void>;
  action: { value?: string };
  body: {
    user: { id: string };
    /** Where the button was clicked: the conversation of the message Find in speech was used on. */
    channel?: { id: string };
    container?: { thread_ts?: string; message_ts?: string };
  };
  client: Pick<webApi.WebClient, 'chat'>;
  respond: RespondFn;
  logger: Logger;
}

/** "Share in thread" on a "Find in speech" answer: the answer, posted in the message's thread. */
export async function handleShareToThread(
  { ack, action, body, client, respond, logger }: ThreadShareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const ref = decodeThreadRef(action.value);
  // The passage the clicker saw, whatever a search again ranks first.
  const found =
    ref && putFirst(deps.search.search(ref.q, { limit: Math.max(QUOTED_RESULTS, ref.i + 1) }), ref.p);
  const result = found && { ...found, hits: found.hits.slice(0, 1) };
  const tell = (text: string) =>
    respondReliably(
      respond,
      {
        response_type: 'ephemeral',
        replace_original: false,
        text,
        ...inThread(body.container),
      },
      { logger },
    ).catch((error: unknown) => logger.error('could not tell the user:', error));
  if (!ref || !result || result.status !== 'found') return tell(WORDS.expired);
  // The answer was shown in the message's own conversation: a value naming another (altered on
  // its way) must not make the bot post there in the clicker's name.
  if (body.channel?.id !== ref.c) return tell(WORDS.expired);
  try {
    await postReply(
      client,
      {
        channel: ref.c,
        thread_ts: ref.t,
        ...renderResult(result, deps.toc, {
          audience: 'channel',
          index: 0,
          sharedBy: body.user.id,
          // What the clicker was looking at: the whole paragraph, or the quote with its English.
          ...sharedViewOptions(ref.v),
        }),
      },
      { logger },
    );
  } catch (error) {
    const { code } = slackErrorCode(error);
    logger.error(`could not share an answer in a thread of ${ref.c}:`, error);
    return tell(
      code === 'not_in_channel' || code === 'channel_not_found'
        ? WORDS.threadNotInChannel
        : WORDS.threadShareFailed,
    );
  }
  await respond({ delete_original: true }).catch((error: unknown) =>
    logger.error('could not delete the ephemeral answer after sharing it:', error),
  );
}
