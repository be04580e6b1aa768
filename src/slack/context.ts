import type { TocSection } from '../content/toc.ts';
import type { SpeechSearch } from '../search/engine.ts';
import { putFirst, QUOTED_RESULTS } from '../search/quoted.ts';
import type { SearchResult } from '../search/types.ts';
import type { AnswerRef } from './render/answer.ts';
import type { Block, SlackMessage } from './render/blocks.ts';

/** The command text after `daily`, handled by the daily-excerpt feature when it is present. */
export type DailyCommandHandler = (request: {
  text: string;
  userId: string;
  channelId: string;
  teamId: string;
}) => Promise<
  SlackMessage & {
    /** Visible to the whole channel (a settings change), or only to the user (help, errors). */
    visibility: 'channel' | 'user';
  }
>;

/** Everything the Slack listeners need; built once at start (`bot.ts`, or `main.ts` for the local console). */
export interface SlackDeps {
  search: SpeechSearch;
  toc: readonly TocSection[];
  /** The slash command, e.g. `/speech`. */
  command: string;
  /** Extra App Home sections for one user of a workspace, e.g. the daily excerpts they can see. */
  homeSections?: (viewer: { teamId: string | undefined; userId: string }) => Promise<Block[]>;
  daily?: DailyCommandHandler;
}

/** Results fetched per query: enough to know whether a "Next result" exists. */
export function searchFor(deps: SlackDeps, query: string, index = 0): SearchResult {
  return deps.search.search(query, { limit: index + 2 });
}

/**
 * The result a button's answer was rendered from, again: the same search and, when Find in speech
 * put the quoted passage first, the same passage first. `undefined` when the button's passage is
 * no longer there: the content, or the ranking of another version of the bot, changed since.
 */
export function searchAgain(deps: SlackDeps, ref: AnswerRef): SearchResult | undefined {
  const result =
    ref.f === undefined
      ? searchFor(deps, ref.q, ref.i)
      : putFirst(deps.search.search(ref.q, { limit: QUOTED_RESULTS }), ref.f);
  if (!result || (ref.p !== undefined && result.hits[ref.i]?.passage.id !== ref.p)) return undefined;
  return result;
}
