/**
 * `npm run ask -- "<query>"`: answers a question about the speech in the terminal, exactly as
 * the bot would, without Slack. See `--help`.
 */
import { existsSync, fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config.ts';
import { askAsInSlack } from './console/ask.ts';
import { toJsonAnswer } from './console/json.ts';
import { renderAnswer } from './console/terminal.ts';
import { isCalendarDate } from './content/calendar.ts';
import { ContentError, listContentFiles, tableOfContents } from './content/index.ts';
import { isChannelId } from './daily/config.ts';
import { dayStillOpen } from './daily/post-log.ts';
import { channelDate, dayAfter, nextPostingDate, postsOn } from './daily/schedule.ts';
import { validTimeZone } from './daily/zones.ts';
import { errorMessage } from './errors.ts';
import { DEFAULT_CONTENT_DIR } from './paths.ts';
import type { SpeechSearch } from './search/engine.ts';
import { openSpeech } from './speech.ts';
import { POST_LOG_DAYS } from './store/maintenance.ts';
import { StoreError } from './store/types.ts';

const USAGE = `Usage:
  npm run ask -- "档案安全"                 answer in the terminal
  npm run --silent ask -- --json "问题"      one JSON object: {"query","status","results":[…]}
  npm run --silent ask -- --jsonl < q.txt    one query per input line, one JSON object per line
  npm run ask -- --daily [--channel C] [--date YYYY-MM-DD]
                                             today's daily excerpt for a channel, as the bot posts it
Options:
  --limit N         results to show (default 3)
  --content DIR     content folder (default: CONTENT_DIR or ./content)
  -h, --help        this help`;

interface CliOptions {
  daily?: { channelId: string; date?: string };
  json: boolean;
  jsonl: boolean;
  limit: number;
  contentDir: string;
  /** What chose `contentDir` (`--content` or CONTENT_DIR), named when the folder cannot be used. */
  contentSetting: string;
  query: string;
}

class UsageError extends Error {}

/**
 * A question may start with a dash (`-档案安全`, `- 档案安全` pasted from a list): no option does
 * that (options are ASCII words), so such an argument is read as words, not as an unknown option.
 */
const QUESTION_WITH_DASH = /^-+(?:\s|[^\p{ASCII}])/u;
/** Options that take the next argument as their value, which is left as it is. */
const TAKES_VALUE = new Set(['--limit', '--content', '--channel', '--date']);
/** Put before such an argument so parseArgs takes it as a positional; removed after parsing. */
const NOT_AN_OPTION = '\u0000';

function parseCli(argv: string[]): CliOptions | 'help' {
  const parsed = parseArgs({
    args: argv.map((arg, i) =>
      QUESTION_WITH_DASH.test(arg) && !TAKES_VALUE.has(argv[i - 1] ?? '') ? `${NOT_AN_OPTION}${arg}` : arg,
    ),
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      limit: { type: 'string' },
      content: { type: 'string' },
      daily: { type: 'boolean', default: false },
      channel: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values } = parsed;
  const positionals = parsed.positionals.map((arg) => arg.replace(NOT_AN_OPTION, ''));
  if (values.help) return 'help';
  const limit = Number(values.limit ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20)
    throw new UsageError('--limit takes a whole number from 1 to 20');
  if (values.jsonl && positionals.length > 0)
    throw new UsageError('--jsonl reads queries from standard input, not arguments');
  if (values.json && values.jsonl) throw new UsageError('--json answers one question, --jsonl many: use one');
  if (values.daily && (values.json || values.jsonl || values.limit !== undefined || positionals.length > 0)) {
    throw new UsageError(
      '--daily prints the daily excerpt as text: it takes no question, --json, --jsonl or --limit',
    );
  }
  if (!values.daily && (values.channel !== undefined || values.date !== undefined)) {
    throw new UsageError('--channel and --date choose the daily excerpt: use them with --daily');
  }
  if (values.channel !== undefined && values.channel !== LOCAL_CHANNEL && !isChannelId(values.channel)) {
    throw new UsageError(
      `--channel takes a Slack channel id such as C0123ABCD, as DAILY_CHANNEL does (got "${values.channel}")`,
    );
  }
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    throw new UsageError(`--date takes a real date as YYYY-MM-DD, e.g. 2026-11-26 (got "${values.date}")`);
  }
  const daily = values.daily
    ? {
        channelId: values.channel ?? (process.env.DAILY_CHANNEL || LOCAL_CHANNEL),
        ...(values.date ? { date: values.date } : {}),
      }
    : undefined;
  return {
    ...(daily ? { daily } : {}),
    json: values.json,
    jsonl: values.jsonl,
    limit,
    // Trimmed as `npm start` reads it (config.ts): `CONTENT_DIR=content ` in .env is the same folder.
    contentDir: values.content ?? (process.env.CONTENT_DIR?.trim() || DEFAULT_CONTENT_DIR),
    contentSetting: values.content === undefined ? 'CONTENT_DIR' : '--content',
    query: positionals.join(' '),
  };
}

async function answerLines(search: SpeechSearch, limit: number): Promise<void> {
  // Node reads a folder given as standard input as empty, which would answer nothing, silently.
  if (isFolder(0)) {
    throw new InputError(
      'Standard input is a folder: give a file of questions, one per line (--jsonl < questions.txt).',
    );
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  // A read that fails (an I/O error) would end readline's lines without a word, or crash with a
  // stack if nothing listened: say so instead.
  let readError: Error | undefined;
  process.stdin.once('error', (error) => {
    readError = error;
    lines.close();
  });
  let first = true;
  for await (const read of lines) {
    // A file saved "with BOM" opens with U+FEFF, which is not part of its first question.
    const line = first ? read.replace(/^\uFEFF/, '') : read;
    first = false;
    process.stdout.write(
      `${JSON.stringify(toJsonAnswer(askAsInSlack(search, line, limit), search.documents))}\n`,
    );
  }
  if (readError) throw new InputError(`Cannot read the questions from standard input: ${readError.message}`);
}

function isFolder(fd: number): boolean {
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false; // closed: readline reports it as it reads
  }
}

/** Standard input cannot be read: said in one line, without a stack. */
class InputError extends Error {}

/** Why `--daily` without a database shows the rotation's start, whatever the date. */
function noDatabaseNote(databasePath: string): string {
  return `(No bot database at ${databasePath}, so no channel's history: this is where a new channel's rotation starts.)`;
}

/** How many results a question gets without --limit. */
const DEFAULT_LIMIT = 3;

/** The channel `--daily` shows when neither --channel nor DAILY_CHANNEL names one. */
const LOCAL_CHANNEL = 'local';

/**
 * A channel's excerpt for a day (today by default), using the bot's database when it exists: for
 * a day gone by, what was posted; for today and the days ahead, the rotation, with what the
 * channel's state means for it.
 */
async function dailyText(
  search: SpeechSearch,
  request: { channelId: string; date?: string },
): Promise<string> {
  // Loaded for --daily only: an answer needs no database (pg and SQLite take ~0.1 s to load).
  const [{ openStore }, { excerptFor }, { dailyUnits }, { renderDailyExcerpt }, { messageToText }] =
    await Promise.all([
      import('./store/index.ts'),
      import('./daily/today.ts'),
      import('./daily/units.ts'),
      import('./slack/render/daily.ts'),
      import('./console/blocks-text.ts'),
    ]);
  const config = loadConfig(process.env, { slack: false });
  // The bot's database when there is one, only read: a SQLite file is not created, and neither is
  // migrated (a newer CLI must not change the schema under the bot's replicas).
  const store =
    config.databaseUrl || existsSync(config.databasePath)
      ? await openStore(config, () => new Date(), { readOnly: true })
      : undefined;
  try {
    // Today where the channel is: its subscription's zone and days, as the scheduler reads them.
    const subscription = await store?.getSubscription(request.channelId);
    const configured = config.dailyChannel?.channelId === request.channelId ? config.dailyChannel : undefined;
    const zone =
      (subscription && validTimeZone(subscription.timeZone)) ||
      configured?.timeZone ||
      config.defaultTimeZone;
    const days = subscription?.days ?? configured?.days ?? 'weekdays';
    const today = channelDate(new Date(), zone);
    const asked = request.date ?? today;
    const channel = request.channelId;
    // The database's record of a day gone by, or of today's post once made: what was posted, that
    // it failed, or that there is none (the excerpt below would be invented).
    const post = store && asked <= today ? await store.getPost(channel, asked) : undefined;
    if (post?.status === 'failed' && (asked < today || post.retryAt === null)) {
      return `The post to ${channel} on ${asked} failed (${post.error ?? 'unknown error'}).`;
    }
    if (store && asked < today && !post) {
      return postsOn(days, asked)
        ? `No excerpt posted to ${channel} on ${asked} is on record (the bot's database keeps the last ${POST_LOG_DAYS} days).`
        : `No post on ${asked}: ${channel} gets its excerpt on weekdays.`;
    }
    // A day that had its post shows that post, whatever the channel's settings or state are now.
    const made = post?.status === 'posted' || post?.status === 'claimed';
    // No post that day (a Sunday for weekdays): the excerpt shown is the one the next post day gets.
    const date = made ? asked : nextPostingDate(days, asked);
    const excerpt = await excerptFor(store, dailyUnits(search.documents), channel, date);
    if (!excerpt) return 'No passages to post.';
    const text = messageToText(renderDailyExcerpt(excerpt), Boolean(process.stdout.isTTY));
    if (made) return text;
    // The channel's state says what the excerpt of a day to come depends on.
    const upcoming = asked >= today;
    // The day the next post goes out: today, unless today's is done.
    const nextPostDay = async () => {
      const todays = store ? await store.getPost(channel, today) : undefined;
      return nextPostingDate(days, dayStillOpen(todays) ? today : dayAfter(today));
    };
    const notes = [
      upcoming && store && !subscription && !configured && channel !== LOCAL_CHANNEL
        ? `${channel} has no daily excerpt: subscribed, it would start with this one.`
        : undefined,
      upcoming && subscription?.paused
        ? `${channel}'s daily excerpt is paused (${subscription.pausedReason ?? 'unknown'}): resumed, it would get this one.`
        : undefined,
      date > (await nextPostDay())
        ? `${asked} is ahead: shown is the next passage in the rotation, which the posts before then will move on.`
        : undefined,
      date !== asked
        ? `No post on ${asked}: ${channel} gets its excerpt on weekdays. The next one, on ${date}:`
        : undefined,
    ].filter((note) => note !== undefined);
    // Without the bot's database there is no channel history: say so, after the excerpt.
    const shown = store ? text : `${text}\n\n${noDatabaseNote(config.databasePath)}`;
    return notes.length > 0 ? `${notes.join('\n')}\n\n${shown}` : shown;
  } finally {
    await store?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Checked here first so a bad folder is reported as the setting used: openSpeech, shared with
  // `npm start`, can only name CONTENT_DIR.
  listContentFiles(options.contentDir, options.contentSetting);
  const search = openSpeech(options.contentDir);
  if (options.daily) {
    process.stdout.write(`${await dailyText(search, options.daily)}\n`);
    return 0;
  }
  if (options.jsonl) {
    await answerLines(search, options.limit);
    return 0;
  }
  const result = askAsInSlack(search, options.query, options.limit);
  process.stdout.write(
    options.json
      ? `${JSON.stringify(toJsonAnswer(result, search.documents))}\n`
      : `${renderAnswer(result, tableOfContents(search.documents), process.stdout.isTTY ? 'ansi' : 'plain')}\n`,
  );
  // An empty or overlong question is the caller's mistake, in either form; "not found" is an answer.
  return result.status === 'found' || result.status === 'not_found' ? 0 : 1;
}

// A closed pipe (`npm run ask … | head`) is not an error worth a stack trace; a full disk is an
// error, but not a stack trace either.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`Cannot write the answer: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

// The same `.env` as `npm start`, so `--daily` finds the bot's database and time zone.
dotenv.config({ quiet: true });
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Problems of the content, the configuration or the database say what to fix: no "unexpected".
    if (
      error instanceof ContentError ||
      error instanceof ConfigError ||
      error instanceof StoreError ||
      error instanceof InputError
    ) {
      process.stderr.write(`${error instanceof ContentError ? 'Content error: ' : ''}${error.message}\n`);
    } else {
      process.stderr.write(`Unexpected error: ${errorMessage(error)}\n`);
    }
    process.exitCode = 1;
  },
);
