import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { searchFor } from '../../context.ts';
import { respondReliably } from '../../deliver.ts';
import { ACTIONS, type AnswerRef, decodeRef, renderResult } from '../../render/answer.ts';
import { registerDailyActions } from './daily.ts';

const EXPIRED = '这个按钮已失效,请重新提问。This button has expired — please ask again.';

/** The answer's buttons (Share to channel, Next result, Full paragraph) and the daily post's. */
export function register(app: App, deps: SlackDeps): void {
  registerDailyActions(app, deps);
  app.action<BlockButtonAction>(ACTIONS.share, async ({ ack, body, action, respond, logger }) => {
    await ack();
    const ref = decodeRef(action.value);
    const result = ref && searchFor(deps, ref.q, ref.i);
    if (!ref || !result || result.status !== 'found' || !result.hits[ref.i]) {
      await respondReliably(
        respond,
        { response_type: 'ephemeral', replace_original: false, text: EXPIRED },
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
          ...renderResult(result, deps.toc, { audience: 'channel', index: ref.i, sharedBy: body.user.id }),
        },
        { logger },
      );
    } catch (error) {
      logger.error('could not share an answer:', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: '分享失败,请稍后再试。Could not share to the channel — please try again.',
      }).catch((respondError: unknown) => logger.error('could not tell the user:', respondError));
      return;
    }
    // Shared: the ephemeral copy may stay if it cannot be removed; that is no reason to say "failed".
    await respond({ delete_original: true }).catch((error: unknown) =>
      logger.error('could not delete the ephemeral answer after sharing it:', error),
    );
  });

  /**
   * The asker's own (ephemeral) answer is replaced in place. A message the channel sees is
   * never changed by one person's click: the clicker alone gets the other view, ephemerally.
   */
  const otherView = (
    ref: AnswerRef,
    body: BlockButtonAction,
    view: { full: boolean; translation: boolean },
  ) => {
    const result = searchFor(deps, ref.q, ref.i);
    const ephemeral = body.container?.is_ephemeral === true;
    const rendered = renderResult(result, deps.toc, {
      audience: 'asker',
      showQuery: true,
      index: ref.i,
      ...view,
    });
    return ephemeral
      ? { replace_original: true, ...rendered }
      : { response_type: 'ephemeral' as const, replace_original: false, ...rendered };
  };

  for (const [actionId, view] of [
    [ACTIONS.next, { full: false, translation: false }],
    [ACTIONS.full, { full: true, translation: false }],
    [ACTIONS.english, { full: false, translation: true }],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, logger }) => {
      await ack();
      const ref = decodeRef(action.value);
      try {
        await respondReliably(
          respond,
          ref ? otherView(ref, body, view) : { replace_original: false, text: EXPIRED },
          {
            logger,
          },
        );
      } catch (error) {
        logger.error(`could not handle ${actionId}:`, error);
      }
    });
  }
}
