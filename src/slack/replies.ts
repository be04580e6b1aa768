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

/**
 * A message asking how to use the bot rather than what the speech says: help, a greeting (a new
 * user's first DM is often 你好 or hi), or a question about using it (怎么用, how do I use this),
 * addressed to the bot or not, with closing punctuation or an emoji code.
 *
 * @example asksForHelp('你好!') // true
 * @example asksForHelp('档案怎么用') // false: a question about the speech
 */
export function asksForHelp(text: string): boolean {
  // No request for help is longer than a sentence; and on a long text the patterns below would
  // backtrack for seconds (a 40,000-comma message), freezing every other request.
  if (text.length > HELP_MAX_LENGTH) return false;
  const bare = text
    .toLowerCase()
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    // Closing punctuation, and the particles that soften a question (怎么用啊, 你好呀).
    .replace(/[\s!！。.~～,，、?？]+$/u, '')
    .replace(/(?<=\S)[啊呢呀吧嘛哈]+$/u, '')
    .replace(/^(?:(?:(?:hi|hey|hello)(?![a-z])|你好|您好|嗨)[\s,，!！]*)?(?=.)/u, (greeting) =>
      greeting ? 'hi ' : '',
    )
    .replace(/^(hi )?(?:请问|請問|请教一下|请教|想问一下|想问下)[\s,，]*/u, '$1')
    .trim();
  return bare === '' || HELP.test(bare);
}

/** Longer by far than any help the patterns take (`hey, how does this bot work?` is 28 characters). */
const HELP_MAX_LENGTH = 100;

/** The bot, named in a usage question: "this bot", "it", 这个机器人. */
const BOT = String.raw`(?:(?:this|the|you|your|it)?\s*(?:bot|app)?|(?:这个|這個|你这个|你這個)?(?:机器人|機器人|bot)|这个|這個|你)`;
/** What {@link asksForHelp} takes for help, once a greeting before it reads `hi ` and 请问 is gone. */
const HELP_MESSAGES = [
  String.raw`(?:hi )?(?:help(?:\s*me)?|帮助我?|幫助我?|求助|帮帮我|幫幫我)`,
  String.raw`hi(?:\s+(?:there|bot|all|everyone))?|hello|hey|你好|您好|嗨|哈喽|哈囉|在吗|在嗎|早上好|早安|上午好|下午好|晚上好`,
  String.raw`(?:hi )?(?:how\s+(?:do|can|should)\s+i\s+(?:use|search|ask)(?:\s+${BOT})?|how\s+to\s+(?:use|search)(?:\s+${BOT})?|what\s+can\s+(?:you|it|this\s+bot|the\s+bot)\s+do|how\s+does\s+(?:this|it|the\s+bot|this\s+bot)\s+work|usage|commands)`,
  `(?:hi )?${BOT}?(?:怎么用|怎麼用|如何用|如何使用|怎么使用|怎麼使用|咋用|能做什么|能做什麼|能干什么|能幹什麼|可以做什么|可以做什麼|能干啥|使用方法|用法)${BOT}?`,
  `(?:hi )?(?:这个|這個)?(?:机器人|機器人|bot)(?:有什么用|有什麼用)`,
  `(?:hi )?(?:怎么用|怎麼用|如何使用|怎么使用|怎麼使用)${BOT}?`,
];
const HELP = new RegExp(`^(?:${HELP_MESSAGES.join('|')})$`, 'iu');
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
  if (asksForHelp(trimmed)) {
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
  if (asksForHelp(trimmed)) return renderHelp(deps.command, deps.search.documents, deps.toc);
  if (isDailySetting(trimmed.normalize('NFKC'))) {
    const text = botWords(deps.command).dailyBySlashCommand;
    return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
  }
  return renderResult(searchFor(deps, trimmed), deps.toc, { audience: 'channel' });
}
