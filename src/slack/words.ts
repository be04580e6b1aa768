import { type DailyUsageError, formatTime, TIME_HINT } from '../daily/command.ts';
import { type DailyStatus, formatLocal } from '../daily/describe.ts';
import { UNKNOWN_TIME_ZONE, ZONE_HINT } from '../daily/zones.ts';

/**
 * Everything the bot says in Slack (and in the local console that shows Slack's replies), in
 * Chinese and English, in one place. Words that name the slash command come from
 * {@link botWords}, which is given the configured command (`/speech`, or SLASH_COMMAND), so no
 * text is ever rewritten after it is rendered. What a user typed is never part of these strings:
 * renderers quote it themselves, escaped and cut short (see `echo` in render/text.ts).
 */

/**
 * A piece of a reply: our own words, or words the user typed (`{ typed }`). Kept apart so the
 * renderer can quote the user safely: escaped, cut short, and as plain text.
 */
export type WordPart = string | { readonly typed: string };

/** Words that do not name the slash command. */
export const WORDS = {
  // Answers to a question
  /** @example WORDS.tooLong(500) */
  tooLong: (limit: number) =>
    `问题太长了,请缩短到 ${limit} 字以内。The question is too long: ${limit} characters at most.`,
  emptyQuery: '请告诉我要找什么,例如 `档案安全` 或 `主题教育的总要求是什么?` — Tell me what to look for.',
  /** The query restated above the answer (`asked` is the user's words, already made safe). */
  askedQuery: (asked: string) => `🔎 ${asked}`,
  /** Which result is shown, past the first. */
  resultNumber: (n: number) => `第${n}个结果 (result ${n})`,
  translation: (text: string) => `English (working translation, not official): ${text}`,
  /** Where an answer about the text itself (its speaker, paper, parts) comes from: no quoted passage. */
  aboutTheText: '关于本文 (about the text, from its published details)',
  /** Under an answer someone shared to the channel. */
  sharedBy: (userId: string) => `<@${userId}> 分享 (shared)`,
  /** `asked` is the user's words, already made safe. */
  notFound: (asked: string) => `讲话中没有谈到「${asked}」。The speech does not address this.`,
  notFoundKnown: (known: string) => `讲话只说到 (what it does say): ${known}`,
  notFoundSuggestions: '可以看看这些部分 (try these sections):',
  notFoundHint:
    '换个说法再问,或用关键词,例如 `档案安全`;发 `help` 看用法。Try other words or a keyword; `help` shows how to ask.',

  // Buttons (each within 30 characters: Slack cuts longer ones in narrow layouts)
  shareButton: '分享到频道 Share to channel',
  nextButton: '下一条 Next result',
  fullButton: '全段 Full paragraph',
  englishButton: 'English',
  contextButton: '上下文 Context',

  // Help and the App Home
  /** Above the usage; `titles` are the documents' titles, e.g. `《…》`. */
  helpTitle: (titles: string) => `搜索并引用讲话 ${titles}`,
  contentsLabel: '目录 Contents',
  /** The last block of a message cut to Slack's block limit. */
  moreNotShown: (omitted: number) => `…还有 ${omitted} 部分未显示 (${omitted} more not shown)`,
  homeDailyTitle: '*每日一读 Daily excerpts*',
  homeDailyUnavailable:
    '*每日一读 Daily excerpts*\n暂时读不到订阅设置,请稍后重新打开本页。The daily settings cannot be read right now: open this tab again in a minute.',

  // The daily excerpt
  /** The daily post's title: `每日一读 · 11月26日`. */
  dailyHeader: (month: number, day: number) => `每日一读 · ${month}月${day}日`,
  /** A weekday, 0 Sunday … 6 Saturday: `星期三`. */
  weekday: (weekday: number) =>
    ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][weekday] ?? '',
  neighborBefore: '上一段 Before',
  neighborThis: '本段 This paragraph',
  neighborAfter: '下一段 After',
  /** Told to the channel when someone turns its daily excerpt off. */
  dailyTurnedOff: (userId: string) =>
    `<@${userId}> 关闭了本频道的每日一读。<@${userId}> turned the daily excerpt off.`,
  dailyNothingToTurnOff: '本频道没有订阅每日一读。This channel has no daily excerpt.',
  dailyChannelArchived: 'This channel is archived. 该频道已归档。',
  dailyNotInChannel:
    'I am not in this channel yet: invite me with `/invite @speechbot`, then run the command again. 请先用 `/invite @speechbot` 邀请我加入本频道。',
  dailyChannelNotFound:
    'I cannot see this conversation: in a private channel, invite me with `/invite @speechbot`, then run the command again; a direct message between other people is closed to me, so use a channel. 请先邀请我加入本频道(私信会话无法订阅,请在频道中使用)。',
  dailySlackBusy:
    'Slack is busy and did not answer in time: nothing was changed. Please try again in a minute. Slack 暂时繁忙,设置未更改,请稍后再试。',
  /** The daily post's passage left the content (the "Context" button of an old post). */
  dailyPassageGone: '这段内容已不在讲话中。That passage is no longer in the content.',
  /**
   * `daily` in the local console, which cannot post: saying so, and where to see today's excerpt
   * anyway, keeps users from looking for a setting that would "switch it on".
   */
  dailyNeedsSlack: [
    '每日一读需要连接 Slack 工作区才能定时发送;在本地查看今天的一段:`npm run ask -- --daily`',
    "The daily excerpt needs Slack (a connected workspace) to post. To see today's excerpt locally, run `npm run ask -- --daily`.",
  ].join('\n'),

  // When something goes wrong (the listeners' replies)
  sorry: '抱歉,出了点问题,请稍后再试。Sorry, something went wrong — please try again.',
  expired: '这个按钮已失效,请重新提问。This button has expired — please ask again.',
  shareFailed: '分享失败,请稍后再试。Could not share to the channel — please try again.',
  shareUnconfirmed:
    'Slack 未确认分享是否成功,请先查看频道再决定是否重试。Slack did not confirm the share: look in the channel before sharing again.',
  threadShareFailed: '分享失败,请稍后再试。Could not share to the thread — please try again.',
  threadNotInChannel:
    'I am not in this conversation, so I cannot post in its threads: in a channel, invite me with `/invite @speechbot`, then share again; a direct message between other people is closed to me. 请先邀请我加入本频道(他人之间的私信我无法发言)。',

  // The "Find in speech" message shortcut
  findInSpeech: {
    /** `place` is the passage's heading and position; `percent` how much of the message it is. */
    verbatim: (place: string, percent: number) =>
      `逐字引用了 ${place} · This message quotes ${place} word for word (${percent}% of its text).`,
    closest: (place: string) => `最接近的段落 · The closest passage: ${place} (not word for word).`,
    otherResult: (place: string) => `另一段 · Another passage; the message's own is ${place}.`,
    none: '这条消息没有引用这篇讲话。This message does not quote the speech.',
    shareToThread: '分享到话题 Share in thread',
  },
  /** A forwarded message too long to ask as a question, sent to the bot with no words of its own. */
  forwardTooLong: (limit: number) =>
    `转发的消息超过 ${limit} 字,不能当作问题;请在原消息上点 ⋯ → Find in speech,找出它引用的段落。The forwarded message is over ${limit} characters, too long to ask as a question: on the original message, use ⋯ → Find in speech to see which passage it quotes.`,
  findInSpeechNoText:
    '这条消息没有可查找的文字(只有文件或图片?)。This message has no text to look for — only files or images?',

  // The local console: who would see a reply in Slack
  consoleOnlyYou: '(only you can see this)',
  consoleChannel: '(visible to the channel)',
  consoleThread: '(in a thread)',
};

/** The reply to an option given twice in `daily …`. */
const DUPLICATE: Readonly<Record<'time' | 'zone' | 'days', string>> = {
  days: 'Give weekdays or everyday only once(只能指定一次).',
  zone: 'Give only one time zone(只能指定一个时区).',
  time: 'Give only one time(只能指定一个时间).',
};

/**
 * Everything the bot says, with the configured slash command in the words that name it.
 *
 * @example botWords('/quote').dailyUsage // 'Usage 用法:\n`/quote daily 09:00` post an excerpt …'
 */
export function botWords(command: string) {
  const dailyStatus = (status: DailyStatus): string => {
    const days = status.days === 'weekdays' ? 'weekdays 工作日' : 'every day 每天';
    const time = formatTime(status.time);
    const settings = `Daily excerpt 每日一读: ${time} ${status.timeZone}, ${days}.`;
    if (!status.paused) {
      const next = `${settings} Next post 下次: ${formatLocal(status.nextPost, status.timeZone)}.`;
      // Commands in this channel do not change it: say where it is set before anyone tries.
      return status.configured ? `${next} Set by the bot's configuration (DAILY_CHANNEL)(由配置设定).` : next;
    }
    if (status.pausedReason === UNKNOWN_TIME_ZONE) {
      return `${settings} This server does not know that time zone, so it posts nothing (服务器不认识该时区,不会发送); run the command again with another, e.g. \`Asia/Shanghai\`.`;
    }
    const reason = `${settings} Paused 已暂停 (${status.pausedReason ?? 'unknown'});`;
    // DAILY_CHANNEL's subscription is not changed by commands: the bot's next start resumes it.
    if (status.configured)
      return `${reason} it is set by the bot's configuration (DAILY_CHANNEL): invite the bot back if it was removed, then ask whoever runs it to restart it, which resumes it (由配置设定,重启后恢复).`;
    const again = `${command} daily ${time} ${status.timeZone}${status.days === 'everyday' ? ' everyday' : ''}`;
    return `${reason} to resume, run \`${again}\` (恢复请再次运行).`;
  };
  return {
    ...WORDS,
    command,

    /** A channel's settings and what comes next, e.g. for `daily` and the App Home. */
    dailyStatus,
    /** Told to the channel when someone subscribes it. */
    dailySubscribed: (userId: string, status: DailyStatus): string =>
      `<@${userId}> 为本频道订阅了每日一读。${dailyStatus(status)}`,

    /** How to use the bot, for help and the App Home (mrkdwn). */
    usage: [
      '*怎么用 How to use*',
      `• \`${command} 关键词或问题\` — 只有你能看到答案,可分享到频道 (only you see the answer; share it if you like)`,
      '• 在频道里 `@speechbot 问题` — 在话题中回答 (answers in a thread)',
      '• 私信机器人 — 直接回答 (DM the bot)',
      '• 消息菜单 ⋯ → *Find in speech* — 找出一条消息引用的是讲话哪一段 (which passage a message quotes)',
      `• \`${command} daily 09:00\` — 每个工作日在本频道发一段讲话;\`${command} daily off\` 停止 (daily excerpt)`,
      '支持关键词、自然问题、繁体字。Keywords, questions and Traditional characters all work.',
    ].join('\n'),
    /** The notification text of the help message. */
    helpFallback: `${command} 关键词或问题 — search the speech`,

    /** The usage of `daily`, under every error it answers. */
    dailyUsage: [
      'Usage 用法:',
      `\`${command} daily 09:00\` post an excerpt every weekday at 09:00 in your time zone(工作日每天 09:00 发一段)`,
      `\`${command} daily 09:00 everyday\` every day, weekends too(每天)`,
      `\`${command} daily 09:00 Europe/Berlin\` in a named time zone(指定时区)`,
      `\`${command} daily\` show the settings(查看设置) · \`${command} daily off\` stop(停止)`,
    ].join('\n'),
    /** Why `daily …` could not be understood; what the user typed stays a `{ typed }` part. */
    dailyError: (error: DailyUsageError): WordPart[] => {
      switch (error.code) {
        case 'bad_time':
          return ['"', { typed: error.typed }, `" is not a time; ${TIME_HINT}.`];
        case 'twelve_hour_clock':
          return [
            '"',
            { typed: error.typed },
            '": please use the 24-hour clock(请用24小时制), e.g. "',
            { typed: `${command} daily ${formatTime(error.time)}${error.rest ? ` ${error.rest}` : ''}` },
            '".',
          ];
        case 'utc_offset':
          return [
            '"',
            { typed: error.typed },
            error.zone
              ? `" is an offset, not a time zone name: ${ZONE_HINT}, or ${error.zone}, the zone name for that offset (its sign is reversed)(请写时区名).`
              : `" is an offset no Etc/GMT zone has: type your place's Region/City zone, e.g. Asia/Kolkata (UTC+5:30)(请写时区名).`,
          ];
        case 'missing_time':
          return [`Start with the time, e.g. \`${command} daily 09:00 everyday\`(请先写时间).`];
        case 'duplicate_option':
          return [DUPLICATE[error.option]];
        case 'zone_abbreviation':
          return [
            '"',
            { typed: error.typed },
            `" names different time zones in different places (this server reads it as ${error.reading}): ${ZONE_HINT}(请写完整时区名,如 Asia/Shanghai).`,
          ];
        case 'unknown_zone':
        case 'unexpected':
          return error.code === 'unexpected' && error.after !== undefined
            ? ['Unexpected "', { typed: error.typed }, '" after "', { typed: error.after }, '"(多余的内容).']
            : [
                '"',
                { typed: error.typed },
                '" is not a time zone (e.g. Asia/Shanghai, Europe/Berlin) or weekdays/everyday(无法识别).',
              ];
      }
    },
    /** `@speechbot daily 09:00` in a mention or a DM: settings are made with the slash command. */
    dailyBySlashCommand: `每日一读用斜杠命令设置:在要订阅的频道里运行 \`${command} daily 09:00\`。The daily excerpt is set with the slash command: run \`${command} daily 09:00\` in the channel that should get it (\`${command} daily\` shows its settings).`,
    /** A change asked for in the channel DAILY_CHANNEL subscribes: configuration decides it. */
    dailySetByConfig: `本频道的每日一读由机器人的配置设定,无法在此更改。This channel's daily excerpt is set in the bot's configuration (DAILY_CHANNEL, DAILY_TIME, DAILY_DAYS), which every start writes again, resuming it if it was paused: ask whoever runs the bot. \`${command} daily\` shows it.`,
    /** `daily` in a channel without a subscription. */
    dailyNone: `No daily excerpt in this channel(本频道未订阅每日一读). Try \`${command} daily 09:00\`.`,
    /** The App Home's daily section when no channel the viewer is in subscribes. */
    homeDailyEmpty: `还没有频道订阅。No channel subscribes yet: run \`${command} daily 09:00\` in a channel.`,
    /** Some subscriptions could not be checked against the viewer's channels (Slack busy). */
    homeDailyUnchecked: (count: number) =>
      `暂时无法核对 ${count} 个订阅,请稍后重新打开本页。Slack did not say whether you are in the channel of ${count === 1 ? 'one subscription' : `${count} subscriptions`}: open this tab again in a minute. Run \`${command} daily\` in a channel to see its own.`,
    /** The DM to whoever subscribed a channel whose daily excerpt stopped. */
    dailyPaused: (channelId: string, error: string) => {
      const how =
        error === 'is_archived'
          ? 'The channel was archived. 频道已归档。'
          : error.startsWith('restricted_action')
            ? 'The channel’s settings no longer let me post there; ask an admin to allow it. 频道设置不允许我发消息,请联系管理员。'
            : 'I can no longer post there — invite me with `/invite @speechbot`. 我无法在该频道发消息,请邀请我加入。';
      return `每日一读已暂停 The daily excerpt in <#${channelId}> is paused (${error}). ${how} Then run \`${command} daily\` with your time again to resume.`;
    },

    /** What the local console prints when it starts. */
    consoleIntro: [
      'No Slack credentials: local console. Type what you would type in Slack, e.g.',
      `  ${command} 档案安全      (the slash command)`,
      '  @bot 主题教育的总要求是什么?  (a mention)',
      `  ${command} help          (help and contents)`,
      'Ctrl-D or "exit" quits. To connect to Slack, see README → "Create the Slack app".',
      '',
    ].join('\n'),
  };
}
