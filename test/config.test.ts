import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, loadConfig } from '../src/config.ts';
import { DEFAULT_CONTENT_DIR } from '../src/paths.ts';

const SOCKET = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-abc' } as const;
const HTTP = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret-123' } as const;

/** The problems loadConfig reports for `env` (fails the test if it does not throw a ConfigError). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig without Slack credentials', () => {
  it('has no slack section (the local console runs) and sensible defaults', () => {
    const config: Config = loadConfig({});
    expect(config.slack).toBeUndefined();
    expect(config).toMatchObject({
      port: 3000,
      slashCommand: '/speech',
      logLevel: 'info',
      contentDir: DEFAULT_CONTENT_DIR,
      defaultTimeZone: 'Asia/Shanghai',
    });
    expect(path.isAbsolute(config.databasePath)).toBe(true);
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '  ',
      SLACK_SIGNING_SECRET: '',
      SLACK_MODE: '',
      PORT: '',
      CONTENT_DIR: '',
      LOG_LEVEL: ' ',
    });
    expect(config.slack).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.contentDir).toBe(DEFAULT_CONTENT_DIR);
  });

  it('reads the other variables', () => {
    const config = loadConfig({
      PORT: '8080',
      SLASH_COMMAND: '/quote',
      LOG_LEVEL: 'WARN',
      CONTENT_DIR: 'some/dir',
      DATABASE_PATH: 'data/x.sqlite',
      DEFAULT_TZ: 'Europe/Berlin',
    });
    expect(config).toMatchObject({
      port: 8080,
      slashCommand: '/quote',
      logLevel: 'warn',
      contentDir: path.resolve('some/dir'),
      databasePath: path.resolve('data/x.sqlite'),
      defaultTimeZone: 'Europe/Berlin',
    });
  });

  it('accepts PORT=0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });
});

describe('loadConfig mode', () => {
  it('uses Socket Mode by default with an app token', () => {
    expect(loadConfig(SOCKET).slack).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1-abc',
      appToken: 'xapp-1-abc',
    });
  });

  it('prefers Socket Mode when both an app token and a signing secret are set', () => {
    expect(loadConfig({ ...SOCKET, SLACK_SIGNING_SECRET: 's' }).slack).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1-abc',
      appToken: 'xapp-1-abc',
    });
  });

  it('uses HTTP mode when only a signing secret is set', () => {
    expect(loadConfig(HTTP).slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1-abc',
      signingSecret: 'secret-123',
    });
  });

  it('follows SLACK_MODE (any case) over the credentials it finds', () => {
    const config = loadConfig({ ...SOCKET, ...HTTP, SLACK_MODE: 'HTTP' });
    expect(config.slack).toEqual({ mode: 'http', botToken: 'xoxb-1-abc', signingSecret: 'secret-123' });
  });

  it('trims credentials', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: ' xoxb-1 ', SLACK_APP_TOKEN: '\txapp-1\n' }).slack).toMatchObject({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
    });
  });
});

describe('loadConfig problems', () => {
  it('names a token pasted with an invisible character, and where it is', () => {
    expect(problemsOf({ ...SOCKET, SLACK_APP_TOKEN: 'xapp-1-A0\u200b' })).toEqual([
      'SLACK_APP_TOKEN has a space, or an invisible or non-ASCII character, at position 10 (U+200B): copy it again from api.slack.com/apps',
    ]);
    expect(problemsOf({ ...HTTP, SLACK_BOT_TOKEN: 'xoxb-1-2…' })[0]).toContain('SLACK_BOT_TOKEN has a space');
    expect(problemsOf({ ...HTTP, SLACK_SIGNING_SECRET: 'ab cd' })[0]).toContain('SLACK_SIGNING_SECRET');
  });

  it('SLACK_MODE=http without a signing secret names SLACK_SIGNING_SECRET and where to find it', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SLACK_SIGNING_SECRET');
    expect(problems[0]).toContain('api.slack.com/apps');
    expect(problems[0]).toContain('Signing Secret');
  });

  it('Socket Mode without an app token names SLACK_APP_TOKEN and connections:write', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/SLACK_APP_TOKEN is missing/);
    expect(problems[0]).toContain('connections:write');
  });

  it('a lone app token asks for SLACK_BOT_TOKEN', () => {
    const problems = problemsOf({ SLACK_APP_TOKEN: 'xapp-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(problems[0]).toContain('OAuth & Permissions');
  });

  it('rejects tokens of the wrong kind', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      expect.stringMatching(/SLACK_BOT_TOKEN must start with "xoxb-"/),
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toEqual([
      expect.stringMatching(/SLACK_APP_TOKEN must start with "xapp-"/),
    ]);
  });

  it('rejects an unknown SLACK_MODE', () => {
    expect(problemsOf({ ...SOCKET, SLACK_MODE: 'websocket' })).toEqual([
      expect.stringMatching(/SLACK_MODE must be "socket" or "http" \(got "websocket"\)/),
    ]);
  });

  it('still checks the tokens when SLACK_MODE is unknown', () => {
    const problems = problemsOf({ SLACK_MODE: 'websocket', SLACK_BOT_TOKEN: 'xoxp-1' });
    expect(problems.some((problem) => problem.startsWith('SLACK_MODE'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('SLACK_BOT_TOKEN'))).toBe(true);
  });

  it('DATABASE_URL: a Unix socket (host= and no host before the path) is taken as node-postgres takes it', () => {
    for (const url of [
      'postgres://bot@/speechbot?host=/run/postgresql',
      'postgresql://bot:secret@/speechbot?host=/tmp&port=5433',
      'postgres:///speechbot?host=/run/postgresql',
      // Percent-encoded, as libpq documents it.
      'postgres://bot:x@/speechbot?host=%2Frun%2Fpostgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl, url).toBe(url);
    }
  });

  it('DATABASE_URL that is not a URL says what to check, not that it is no PostgreSQL URL', () => {
    for (const url of ['postgres://bot:secret@db:99999/speechbot', 'postgres://bot:p@ss@/x']) {
      const [problem, ...more] = problemsOf({ DATABASE_URL: url });
      expect(more, url).toEqual([]);
      expect(problem, url).toMatch(/^DATABASE_URL cannot be read as a URL: check that its port/);
      expect(problem, url).not.toContain('secret');
    }
  });

  it('DATABASE_URL: an unknown sslmode, and a certificate file that is not there, are named before connecting', () => {
    const url = 'postgres://bot:secret@db:5432/speech';
    expect(problemsOf({ DATABASE_URL: `${url}?sslmode=verfy-full` })).toEqual([
      expect.stringMatching(
        /^DATABASE_URL's sslmode must be one of disable, .*verify-full.* \(got "verfy-full"\)/,
      ),
    ]);
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'ca.pem');
    const problems = problemsOf({
      DATABASE_URL: `${url}?sslmode=verify-full&sslrootcert=${missing}&sslkey=${os.tmpdir()}`,
    });
    expect(problems).toEqual([
      `DATABASE_URL's sslrootcert names ${missing}, which cannot be read (ENOENT); fix the path`,
      `DATABASE_URL's sslkey names ${os.tmpdir()}, which cannot be read (not a file); fix the path`,
    ]);
    // The password is never shown.
    expect(problems.join('\n')).not.toContain('secret');
    const readable = path.join(os.tmpdir(), `speech-bot-ca-${process.pid}.pem`);
    writeFileSync(readable, 'not checked here: the server decides');
    try {
      expect(
        loadConfig({ DATABASE_URL: `${url}?sslmode=verify-full&sslrootcert=${readable}` }).databaseUrl,
      ).toContain(readable);
    } finally {
      rmSync(readable);
    }
  });

  it('reports every bad daily-excerpt variable, not just the first', () => {
    const problems = problemsOf({ DEFAULT_TZ: 'Nowhere/Town', DAILY_TIME: '25:00', DAILY_DAYS: 'sometimes' });
    for (const name of ['DEFAULT_TZ', 'DAILY_TIME', 'DAILY_DAYS']) {
      expect(problems.some((problem) => problem.includes(name))).toBe(true);
    }
  });

  for (const channel of [
    '#general',
    'general',
    'c0123abcd',
    'C0123 ABCD',
    'U0123ABCD',
    'https://x.slack.com/archives/C0123ABCD',
  ]) {
    it(`rejects DAILY_CHANNEL=${channel}, saying where to find the channel id`, () => {
      const problems = problemsOf({ DAILY_CHANNEL: channel });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DAILY_CHANNEL must be a Slack channel id such as C0123ABCD/);
      expect(problems[0]).toContain(`(got "${channel}")`);
      expect(problems[0]).toContain('Channel ID');
      expect(problems[0]).toContain('a #name does not work');
    });
  }

  it('accepts channel, private-channel and direct-message ids for DAILY_CHANNEL', () => {
    for (const channel of ['C0123ABCD', 'G01ABCDEF23', 'D024BE91L']) {
      expect(loadConfig({ DAILY_CHANNEL: ` ${channel} ` }).dailyChannel?.channelId).toBe(channel);
    }
  });

  for (const port of ['abc', '70000', '65536', '-1', '3000.5', '80 80', '0x1F90', '1e3']) {
    it(`rejects PORT=${port}`, () => {
      expect(problemsOf({ PORT: port })).toEqual([expect.stringContaining(`PORT must be a port number`)]);
      expect(problemsOf({ PORT: port })[0]).toContain(`"${port}"`);
    });
  }

  for (const url of ['slack.com/api', 'ftp://slack.com/api/', 'http://', 'not a url']) {
    it(`rejects SLACK_API_URL=${url}`, () => {
      expect(problemsOf({ ...SOCKET, SLACK_API_URL: url })).toEqual([
        expect.stringMatching(/^SLACK_API_URL must be an http\(s\) URL/),
      ]);
    });
  }

  it('accepts an http(s) SLACK_API_URL and ends it with a slash', () => {
    expect(loadConfig({ ...SOCKET, SLACK_API_URL: 'https://slack-gov.com/api' }).slack?.apiUrl).toBe(
      'https://slack-gov.com/api/',
    );
    expect(loadConfig({ ...SOCKET, SLACK_API_URL: 'http://127.0.0.1:9/api/' }).slack?.apiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });

  for (const zone of ['Mars/Olympus_Mons', 'Asia/Nowhere', 'not a zone']) {
    it(`rejects DEFAULT_TZ=${zone}`, () => {
      const problems = problemsOf({ DEFAULT_TZ: zone });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('DEFAULT_TZ');
      expect(problems[0]).toContain(zone);
      expect(problems[0]).toContain('Asia/Shanghai');
    });
  }

  it('rejects a bad SLASH_COMMAND and LOG_LEVEL', () => {
    expect(problemsOf({ SLASH_COMMAND: 'speech' })).toEqual([expect.stringContaining('SLASH_COMMAND')]);
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([expect.stringContaining('LOG_LEVEL')]);
  });

  it('reports every problem at once, in one message', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-1',
      SLACK_MODE: 'http',
      PORT: 'eighty',
      SLACK_API_URL: 'slack.com',
      DEFAULT_TZ: 'Nowhere/Town',
      LOG_LEVEL: 'loud',
    };
    const problems = problemsOf(env);
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'PORT',
      'SLACK_API_URL',
      'DEFAULT_TZ',
      'LOG_LEVEL',
    ]) {
      expect(problems.filter((problem) => problem.includes(name)).length, name).toBeGreaterThanOrEqual(1);
    }
    expect(problems).toHaveLength(6);
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).name).toBe('ConfigError');
    }
    expect(message).toMatch(/^Configuration problems:\n/);
    for (const problem of problems) expect(message).toContain(`  - ${problem}`);
  });
});
