import { type SlackDeps, searchFor } from './context.ts';
import { renderResult } from './render/answer.ts';
import type { SlackMessage } from './render/blocks.ts';
import { renderHelp } from './render/help.ts';

/** A reply and who may see it. */
export interface Reply {
  message: SlackMessage;
  /** `user`: ephemeral, only the asker; `channel`: everyone. */
  visibility: 'user' | 'channel';
}

const HELP = /^(help|帮助|幫助|\?|？)$/i;
const DAILY = /^daily(\s|$)/i;

/**
 * What the bot replies to the slash command's text: help, a daily-excerpt setting, or an answer.
 * Shared by the Slack listener and the local console, so both show the same thing.
 */
export async function commandReply(
  deps: SlackDeps,
  text: string,
  who: { userId: string; channelId: string; teamId: string },
): Promise<Reply> {
  const trimmed = text.trim();
  if (trimmed === '' || HELP.test(trimmed)) {
    return { visibility: 'user', message: renderHelp(deps.command, deps.search.documents, deps.toc) };
  }
  if (DAILY.test(trimmed)) {
    if (!deps.daily) {
      const unavailable = '每日一读尚未开启。The daily excerpt is not available here.';
      return { visibility: 'user', message: { text: unavailable, blocks: [] } };
    }
    const { visibility, ...message } = await deps.daily({ ...who, text: trimmed.replace(DAILY, '').trim() });
    return { visibility, message };
  }
  const result = searchFor(deps, trimmed);
  return {
    visibility: 'user',
    message: renderResult(result, deps.toc, { audience: 'asker', showQuery: true }),
  };
}

/** What the bot replies to a question in a mention or a DM (visible to the conversation). */
export function questionReply(deps: SlackDeps, query: string): SlackMessage {
  const trimmed = query.trim();
  if (!trimmed) return renderHelp(deps.command, deps.search.documents, deps.toc);
  return renderResult(searchFor(deps, trimmed), deps.toc, { audience: 'channel' });
}
