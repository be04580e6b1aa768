import { parseDailyCommand } from '../daily/command.ts';
import { type SlackDeps, searchFor } from './context.ts';
import { renderResult } from './render/answer.ts';
import { mrkdwn, type SlackMessage } from './render/blocks.ts';
import { renderHelp } from './render/help.ts';
import { botWords, WORDS } from './words.ts';

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
  // ｄａｉｌｙ typed with a full-width keyboard is the same subcommand.
  const asTyped = trimmed.normalize('NFKC');
  if (DAILY.test(asTyped)) {
    // Without the daily feature, which only the local console lacks: posting needs a workspace.
    if (!deps.daily) return { visibility: 'user', message: { text: WORDS.dailyNeedsSlack, blocks: [] } };
    const { visibility, ...message } = await deps.daily({ ...who, text: asTyped.replace(DAILY, '').trim() });
    return { visibility, message };
  }
  const result = searchFor(deps, trimmed);
  return {
    visibility: 'user',
    message: renderResult(result, deps.toc, { audience: 'asker', showQuery: true }),
  };
}

/**
 * Whether a mention or a DM types a daily setting (`@speechbot daily 09:00`, `daily off`,
 * `daily 9am`): what follows `daily` reads as one, or starts with a time, even a mistyped
 * setting (`daily 9:00 Shanghai`). `daily status of the archives` is a question, and is searched.
 */
function isDailySetting(text: string): boolean {
  if (!DAILY.test(text)) return false;
  const rest = text.replace(DAILY, '').trim();
  const parsed = parseDailyCommand(rest);
  if (parsed.ok) return true;
  // Shaped like a time, even one out of range (25:00): a setting mistyped, not a question.
  return parsed.error.code === 'twelve_hour_clock' || /^\d{1,2}[:：]\d{2}(\s|$)/u.test(rest);
}

/** What the bot replies to a question in a mention or a DM (visible to the conversation). */
export function questionReply(deps: SlackDeps, query: string): SlackMessage {
  const trimmed = query.trim();
  // "@bot help" asks how to use the bot, not what the speech says of help.
  if (!trimmed || HELP.test(trimmed)) return renderHelp(deps.command, deps.search.documents, deps.toc);
  if (isDailySetting(trimmed.normalize('NFKC'))) {
    const text = botWords(deps.command).dailyBySlashCommand;
    return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
  }
  return renderResult(searchFor(deps, trimmed), deps.toc, { audience: 'channel' });
}
