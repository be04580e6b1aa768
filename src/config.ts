import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import {
  type DailyConfig,
  DailyConfigError,
  dailyConfigFromEnv,
  FALLBACK_TIME_ZONE,
} from './daily/config.ts';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from './paths.ts';
import { readablePostgresUrl } from './store/postgres-url.ts';

/** How the app talks to Slack: a WebSocket it opens (Socket Mode), or HTTP requests it receives. */
export type SlackMode = 'socket' | 'http';

export interface SlackConfig {
  mode: SlackMode;
  botToken: string;
  /** Socket Mode only. */
  appToken?: string;
  /** HTTP mode only. */
  signingSecret?: string;
  /** Base URL of Slack's Web API, e.g. for GovSlack or a test server. Ends with `/`. */
  apiUrl?: string;
}

export interface Config {
  contentDir: string;
  /** The slash command as configured in the Slack app, e.g. `/speech`. */
  slashCommand: string;
  /** Port of the HTTP server: Slack's requests in HTTP mode, and `/healthz` in both modes. */
  port: number;
  /** `undefined` when no Slack credentials are set: the app then runs as a local console. */
  slack?: SlackConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** SQLite file for subscriptions and the daily post log (when no `databaseUrl`). */
  databasePath: string;
  /** PostgreSQL (`postgres://…`), shared by several replicas; chosen over `databasePath` when set. */
  databaseUrl?: string;
  /** Time zone for daily excerpts when neither the command nor the user's profile gives one. */
  defaultTimeZone: string;
  /** A channel subscribed by configuration alone (DAILY_CHANNEL, DAILY_TIME, DAILY_DAYS). */
  dailyChannel?: DailyConfig['channel'];
  /** On SIGTERM, how long acked requests and started posts may take to finish before exit. */
  shutdownDrainMs: number;
}

/** Configuration that cannot be used: every problem, each naming its variable and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const HOW_TO = {
  SLACK_BOT_TOKEN:
    'the Bot User OAuth Token (xoxb-…): api.slack.com/apps → your app → OAuth & Permissions → Install to Workspace',
  SLACK_APP_TOKEN:
    'an app-level token (xapp-…) with the connections:write scope: api.slack.com/apps → your app → Basic Information → App-Level Tokens',
  SLACK_SIGNING_SECRET:
    'api.slack.com/apps → your app → Basic Information → App Credentials → Signing Secret',
} as const;

type Env = Record<string, string | undefined>;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * Read and check the Slack variables. Tools that never talk to Slack (`npm run ask`) turn it
   * off, so a half-filled `.env` does not stop them.
   * @default true
   */
  slack?: boolean;
}

/**
 * Reads the configuration from environment variables (see `.env.example` for each one).
 *
 * @example loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode // 'socket'
 * @example loadConfig(process.env, { slack: false }).databasePath
 * @throws ConfigError listing every missing or malformed variable and how to fix it
 */
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const port = parsePort(value('PORT'), problems);
  const slashCommand = value('SLASH_COMMAND') ?? '/speech';
  if (!/^\/[a-z0-9_-]{1,31}$/i.test(slashCommand)) {
    problems.push(`SLASH_COMMAND must be a slash command like /speech, not "${slashCommand}"`);
  }
  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error (got "${logLevel}")`);
  }
  const shutdownDrainMs = parseDrainSeconds(value('SHUTDOWN_DRAIN_SECONDS'), problems) * 1000;
  const databaseUrl = parseDatabaseUrl(value('DATABASE_URL'), problems);
  const daily = parseDaily(env, problems);
  const slack = options.slack === false ? undefined : parseSlack(value, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const config: Config = {
    contentDir: path.resolve(value('CONTENT_DIR') ?? DEFAULT_CONTENT_DIR),
    slashCommand,
    port,
    logLevel: logLevel as Config['logLevel'],
    databasePath: path.resolve(
      value('DATABASE_PATH') ?? path.join(PROJECT_ROOT, 'data', 'speech-bot.sqlite'),
    ),
    defaultTimeZone: daily?.defaultTimeZone ?? FALLBACK_TIME_ZONE,
    shutdownDrainMs,
  };
  if (slack) config.slack = slack;
  if (databaseUrl) config.databaseUrl = databaseUrl;
  if (daily?.channel) config.dailyChannel = daily.channel;
  return config;
}

function parseDaily(env: Env, problems: string[]): DailyConfig | undefined {
  try {
    return dailyConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof DailyConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    problems.push(`PORT must be a port number from 0 to 65535, 0 meaning any free port (got "${raw}")`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    // The value may hold a password: show only its scheme.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0] ?? 'no scheme';
    problems.push(
      `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/speechbot (got ${scheme}); unset it to use the SQLite file DATABASE_PATH`,
    );
    return undefined;
  }
  const url = readablePostgresUrl(raw);
  if (!url) {
    problems.push(
      'DATABASE_URL cannot be read as a URL: check that its port is a number up to 65535, and percent-encode @ : / ? # in the user name and password (%40 %3A %2F %3F %23)',
    );
    return undefined;
  }
  const params = url.searchParams;
  const sslmode = params.get('sslmode');
  if (sslmode !== null && !SSL_MODES.has(sslmode)) {
    problems.push(
      `DATABASE_URL's sslmode must be one of ${[...SSL_MODES].join(', ')} (got "${sslmode}"); verify-full checks the server's certificate and name`,
    );
  }
  // node-postgres reads these files when it connects, and a missing one would read as a server it cannot reach.
  for (const name of ['sslrootcert', 'sslcert', 'sslkey']) {
    const file = params.get(name);
    const unreadable = file === null ? undefined : unreadableBecause(file);
    if (unreadable)
      problems.push(
        `DATABASE_URL's ${name} names ${file}, which cannot be read (${unreadable}); fix the path`,
      );
  }
  return raw;
}

/** The sslmode values node-postgres knows; any other is silently taken as the default. */
const SSL_MODES = new Set(['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

/** Why a file cannot be read (`ENOENT`, `EACCES`, a folder), or undefined when it can. */
function unreadableBecause(file: string): string | undefined {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile() ? undefined : 'not a file';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

function parseDrainSeconds(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 10;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds > 600) {
    problems.push(`SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to 600, e.g. 10 (got "${raw}")`);
    return 10;
  }
  return seconds;
}

function parseSlack(
  value: (name: string) => string | undefined,
  problems: string[],
): SlackConfig | undefined {
  const botToken = value('SLACK_BOT_TOKEN');
  const appToken = value('SLACK_APP_TOKEN');
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const requested = value('SLACK_MODE')?.toLowerCase();
  const known = requested === 'socket' || requested === 'http' ? requested : undefined;
  if (requested !== undefined && !known) {
    problems.push(`SLACK_MODE must be "socket" or "http" (got "${requested}")`);
  }
  if (!requested && !botToken && !appToken && !signingSecret) return undefined;
  // An unknown SLACK_MODE is reported above; the tokens are still checked so every problem shows at once.
  const mode: SlackMode = known ?? (appToken || !signingSecret ? 'socket' : 'http');

  if (!botToken) problems.push(`SLACK_BOT_TOKEN is missing: set it to ${HOW_TO.SLACK_BOT_TOKEN}`);
  else if (!botToken.startsWith('xoxb-')) {
    problems.push(`SLACK_BOT_TOKEN must start with "xoxb-" (a bot token): use ${HOW_TO.SLACK_BOT_TOKEN}`);
  }
  if (mode === 'socket') {
    if (!appToken)
      problems.push(
        `SLACK_APP_TOKEN is missing (needed for Socket Mode): set it to ${HOW_TO.SLACK_APP_TOKEN}`,
      );
    else if (!appToken.startsWith('xapp-')) {
      problems.push(
        `SLACK_APP_TOKEN must start with "xapp-" (an app-level token): use ${HOW_TO.SLACK_APP_TOKEN}`,
      );
    }
  } else if (!signingSecret) {
    problems.push(
      `SLACK_SIGNING_SECRET is missing (needed for HTTP mode): set it to ${HOW_TO.SLACK_SIGNING_SECRET}`,
    );
  }
  for (const [name, secret] of [
    ['SLACK_BOT_TOKEN', botToken],
    ['SLACK_APP_TOKEN', mode === 'socket' ? appToken : undefined],
    ['SLACK_SIGNING_SECRET', mode === 'http' ? signingSecret : undefined],
  ] as const) {
    const stray = secret === undefined ? undefined : strayCharacter(secret);
    if (stray) problems.push(`${name} ${stray}: copy it again from api.slack.com/apps`);
  }
  const apiUrl = parseApiUrl(value('SLACK_API_URL'), problems);
  const config: SlackConfig = { mode, botToken: botToken ?? '' };
  if (mode === 'socket' && appToken) config.appToken = appToken;
  if (mode === 'http' && signingSecret) config.signingSecret = signingSecret;
  if (apiUrl) config.apiUrl = apiUrl;
  return config;
}

/**
 * What is wrong with a token or secret that holds a character Slack's never do (a zero-width
 * space or an ellipsis pasted with it), or `undefined`. Sent as is, it would fail in the HTTP
 * header as a network error, or make Socket Mode retry for ever.
 *
 * @example strayCharacter('xoxb-1-2\u200b') // 'has a space, or an invisible or non-ASCII character, at position 9 (U+200B)'
 */
function strayCharacter(secret: string): string | undefined {
  const at = secret.search(/[^\x21-\x7e]/);
  if (at < 0) return undefined;
  const code = secret.codePointAt(at)?.toString(16).toUpperCase().padStart(4, '0');
  return `has a space, or an invisible or non-ASCII character, at position ${at + 1} (U+${code})`;
}

function parseApiUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^https?:\/\//.test(raw) || !URL.canParse(raw)) {
    problems.push(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
    return undefined;
  }
  return raw.endsWith('/') ? raw : `${raw}/`;
}
