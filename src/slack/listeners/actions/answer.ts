import type { Logger, RespondFn } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { searchAgain } from '../../context.ts';
import { inThread, mayHavePosted, respondReliably } from '../../deliver.ts';
import { type AnswerRef, decodeRef, renderResult, sharedViewOptions } from '../../render/answer.ts';
import { renderQuotedAnswer } from '../../render/shortcut.ts';
import { WORDS } from '../../words.ts';

/** What the answer buttons' handlers use of Bolt's arguments. */
export interface ButtonArgs {
  ack: () => Promise<void>;
  action: { action_id: string; value?: string };
  /** `container.thread_ts`: the clicked message is in a thread, where any new reply goes too. */
  body: {
    user: { id: string };
    container?: { is_ephemeral?: boolean; thread_ts?: string; message_ts?: string };
  };
  respond: RespondFn;
  logger: Logger;
}

/** "Share to channel": the answer, for everyone, through the response_url; the private copy goes. */
export async function handleShareAnswer(
  { ack, action, body, respond, logger }: ButtonArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const thread = inThread(body.container);
  const ref = decodeRef(action.value);
  const result = ref && searchAgain(deps, ref);
  if (!ref || !result || result.status !== 'found' || !result.hits[ref.i]) {
    await respondReliably(
      respond,
      { response_type: 'ephemeral', replace_original: false, text: WORDS.expired, ...thread },
      { logger },
    ).catch((error: unknown) => logger.error('could not tell the user the button expired:', error));
    return;
  }
  try {
    // Through the response_url the answer reaches the channel even if the bot is not a member.
    await respondReliably(
      respond,
      {
        response_type: 'in_channel',
        replace_original: false,
        ...thread,
        ...renderResult(result, deps.toc, {
          audience: 'channel',
          index: ref.i,
          sharedBy: body.user.id,
          // What the asker was looking at: the whole paragraph, or the quote with its English.
          ...sharedViewOptions(ref.v),
        }),
      },
      { logger },
    );
  } catch (error) {
    logger.error('could not share an answer:', error);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      // Slack may have posted it without saying so: sharing again blindly could show it twice.
      text: mayHavePosted(error) ? WORDS.shareUnconfirmed : WORDS.shareFailed,
      ...thread,
    }).catch((respondError: unknown) => logger.error('could not tell the user:', respondError));
    return;
  }
  // Shared: the ephemeral copy may stay if it cannot be removed; that is no reason to say "failed".
  await respond({ delete_original: true }).catch((error: unknown) =>
    logger.error('could not delete the ephemeral answer after sharing it:', error),
  );
}

/** Which view of an answer a button asks for. */
export interface AnswerView {
  full: boolean;
  translation: boolean;
}

/**
 * The asker's own (ephemeral) answer is replaced in place. A message the channel sees is never
 * changed by one person's click: the clicker alone gets the other view, ephemerally.
 */
function otherView(
  deps: SlackDeps,
  ref: AnswerRef,
  { ephemeral, thread }: { ephemeral: boolean; thread: { thread_ts?: string } },
  view: AnswerView,
) {
  const result = searchAgain(deps, ref);
  if (!result) return { replace_original: false, text: WORDS.expired, ...thread };
  // A "Find in speech" answer stays one: it says how the message relates, and shares in its thread.
  const rendered = ref.m
    ? renderQuotedAnswer(result, deps.toc, ref.m, WORDS.findInSpeech, { index: ref.i, ...view })
    : renderResult(result, deps.toc, { audience: 'asker', showQuery: true, index: ref.i, ...view });
  return ephemeral
    ? { replace_original: true, ...rendered }
    : { response_type: 'ephemeral' as const, replace_original: false, ...thread, ...rendered };
}

/** "Next result", "Full paragraph", "English": the same answer, seen another way. */
export async function handleAnswerView(
  { ack, action, body, respond, logger }: ButtonArgs,
  deps: SlackDeps,
  view: AnswerView,
): Promise<void> {
  await ack();
  const ref = decodeRef(action.value);
  const ephemeral = body.container?.is_ephemeral === true;
  const thread = inThread(body.container);
  try {
    await respondReliably(
      respond,
      ref
        ? otherView(deps, ref, { ephemeral, thread }, view)
        : { replace_original: false, text: WORDS.expired, ...thread },
      { logger },
    );
  } catch (error) {
    logger.error(`could not handle ${action.action_id}:`, error);
  }
}
