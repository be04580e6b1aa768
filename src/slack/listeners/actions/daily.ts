import type { Logger, RespondFn } from '@slack/bolt';
import { paragraphNeighbors } from '../../../content/neighbors.ts';
import type { SlackDeps } from '../../context.ts';
import { respondReliably } from '../../deliver.ts';
import { renderNeighborhood } from '../../render/daily.ts';
import { WORDS } from '../../words.ts';

export interface NeighborhoodArgs {
  ack: () => Promise<void>;
  action: { value?: string };
  respond: RespondFn;
  logger: Logger;
}

/** The daily post's "read the surrounding paragraphs" button: shown only to who clicked it. */
export async function handleDailyContext(
  { ack, action, respond, logger }: NeighborhoodArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const neighborhood = paragraphNeighbors(deps.search.documents, action.value ?? '');
  const message = neighborhood ? renderNeighborhood(neighborhood) : { text: WORDS.dailyPassageGone };
  await respondReliably(
    respond,
    { response_type: 'ephemeral', replace_original: false, ...message },
    { logger },
  ).catch((error: unknown) => logger.error('could not show the surrounding paragraphs:', error));
}
