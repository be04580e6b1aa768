import type { App, BlockButtonAction } from '@slack/bolt';
import { paragraphNeighbors } from '../../../content/neighbors.ts';
import type { SlackDeps } from '../../context.ts';
import { DAILY_CONTEXT_ACTION, renderNeighborhood } from '../../render/daily.ts';

/** The daily post's "read the surrounding paragraphs" button: shown only to who clicked it. */
export function registerDailyActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(DAILY_CONTEXT_ACTION, async ({ ack, action, respond, logger }) => {
    await ack();
    const neighborhood = paragraphNeighbors(deps.search.documents, action.value ?? '');
    const message = neighborhood
      ? renderNeighborhood(neighborhood)
      : { text: '这段内容已不在讲话中。That passage is no longer in the content.' };
    await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch(
      (error: unknown) => logger.error('could not show the surrounding paragraphs:', error),
    );
  });
}
