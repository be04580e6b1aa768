import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelDate } from '../src/daily/schedule.ts';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';
import { MAX_QUERY_LENGTH } from '../src/search/normalize.ts';
import { SqliteStore } from '../src/store/sqlite.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
/** The sources, through tsx; `npm run ask` runs the build of the same file (see the last test). */
const CLI = path.join(PROJECT_ROOT, 'src/cli.ts');

function ask(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(TSX, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env, CONTENT_DIR: env.CONTENT_DIR ?? '' },
    maxBuffer: 16 << 20,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run ask', () => {
  it('prints heading, position, marked quote and source', () => {
    const { status, stdout } = ask(['档案安全']);
    expect(status).toBe(0);
    expect(stdout).toContain('第二部分 · 第四段 · 四要');
    expect(stdout).toContain('【档案安全底线】');
    expect(stdout).toContain('来源:中国档案报');
  });

  it('reads a question that starts with a dash as a question, not an unknown option', () => {
    const { status, stdout } = ask(['-档案安全']);
    expect(status).toBe(0);
    expect(stdout).toContain('第二部分 · 第四段 · 四要');
    expect(ask(['- 档案安全']).stdout).toContain('第二部分 · 第四段 · 四要');
    expect(ask(['-x']).status).toBe(2);
  });

  it('--json prints one object whose text is the quote', () => {
    const { status, stdout } = ask(['--json', '主题教育的总要求是什么?']);
    expect(status).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.query).toBe('主题教育的总要求是什么?');
    expect(answer.results[0]).toMatchObject({
      id: 'speech/s2-p2',
      doc: 'speech',
      position: '第二部分 · 第二段',
    });
    expect(answer.results[0].text).toContain('守初心、担使命');
  });

  it('reads a question as the bot reads one typed in Slack, its mentions and emoji codes aside, and gives it back as asked', () => {
    const asked = '<@U0123> @speechbot 形式主义 :pray:';
    const [withMarkup, plain] = ask(['--jsonl'], `${asked}\n形式主义\n`)
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(withMarkup.query).toBe(asked);
    expect(withMarkup.results).toEqual(plain.results);
  });

  it('says so when standard input or output fails, in one line and with exit code 1', () => {
    const folder = spawnSync(TSX, [CLI, '--jsonl'], {
      stdio: [openSync(os.tmpdir(), 'r'), 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    expect(folder.status).toBe(1);
    expect(folder.stdout).toBe('');
    expect(folder.stderr.trim()).toBe(
      'Standard input is a folder: give a file of questions, one per line (--jsonl < questions.txt).',
    );
    const full = spawnSync(TSX, [CLI, '档案安全'], {
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    expect(full.status).toBe(1);
    expect(full.stderr.trim()).toBe('Cannot write the answer: ENOSPC: no space left on device, write');
  });

  it('--jsonl answers every input line in order, bad lines included, and prints nothing else', () => {
    const lines = ['形式主义', '', '😅😅', 'x'.repeat(100_000), '今天天气怎么样', '檔案開放'];
    const { status, stdout } = ask(['--jsonl'], `${lines.join('\n')}\n`);
    expect(status).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers.map((answer) => answer.status)).toEqual([
      'found',
      'empty',
      'empty',
      'too_long',
      'not_found',
      'found',
    ]);
    expect(answers[4].results).toEqual([]);
    // A file saved with a byte-order mark: the mark is not part of the first question.
    const withBom = JSON.parse(ask(['--jsonl'], '\uFEFF形式主义\n').stdout);
    expect(withBom.query).toBe('形式主义');
  });

  it('explains an empty query instead of failing', () => {
    const { status, stdout, stderr } = ask([]);
    expect(status).toBe(1);
    expect(stdout).toContain('请输入要查找的内容');
    expect(stderr).toBe('');
  });

  it('says plainly when the speech does not answer, and shows the contents', () => {
    const { stdout } = ask(['馆里食堂的饭菜价格怎么调整?']);
    expect(stdout).toContain('讲话中没有谈到');
    expect(stdout).toContain('第三部分 切实加强组织领导');
  });

  it('prints an answer about the text itself as its details, not as a quote of a paragraph', () => {
    const { stdout } = ask(['这篇讲话是谁讲的']);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      '凝心聚力 履职尽责',
      '关于本文 (about the text, from its published details)',
      '',
      expect.stringMatching(/^讲话人:黄国雄,湖北省档案馆馆长。/),
    ]);
    expect(stdout).not.toContain('第三部分 · 第三段');
    // --json cites it the same way: the title and the published details, no paragraph.
    const json = JSON.parse(ask(['--json', '这篇讲话是谁讲的']).stdout);
    expect(json.results[0]).toMatchObject({
      heading: '凝心聚力 履职尽责',
      position: '关于本文 (about the text, from its published details)',
      fact: 'speaker',
    });
    expect(json.results[0]).not.toHaveProperty('label');
  });

  it('with a question about the speaker past the byline, says what the speech does say of him', () => {
    const { stdout } = ask(['--json', '讲话人以前在哪个单位任职']);
    const answer = JSON.parse(stdout) as { status: string; results: unknown[]; known?: string };
    expect(answer).toMatchObject({ status: 'not_found', results: [] });
    expect(answer.known).toContain('湖北省档案馆馆长');
    expect(ask(['讲话人以前在哪个单位任职']).stdout).toContain('讲话只说到 (what it does say): 讲话人:');
  });

  it('names the file and line of a malformed content file, without a stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bad-content-'));
    writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: x\n');
    const { status, stderr } = ask(['档案'], undefined, { CONTENT_DIR: dir });
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'broken.md')}:1:`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("--daily prints a day's excerpt without Slack, whatever Slack settings are around", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-daily-'));
    const { status, stdout, stderr } = ask(['--daily', '--date', '2026-11-26'], undefined, {
      SLACK_MODE: 'socket',
      DATABASE_PATH: path.join(dir, 'none.sqlite'),
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('每日一读 · 11月26日');
    expect(stdout).toContain('[上下文 Context]');
    // No database, no history: said after the excerpt, naming where the database was looked for.
    expect(stdout.trimEnd()).toMatch(
      /\(No bot database at .*none\.sqlite, so no channel's history: this is where a new channel's rotation starts\.\)$/,
    );
  });

  it("--daily on a day without a post says so, and shows the next post day's excerpt", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-daily-'));
    // 2026-11-29 is a Sunday; a channel gets its excerpt on weekdays unless it chose every day.
    const { status, stdout } = ask(['--daily', '--date', '2026-11-29'], undefined, {
      DATABASE_PATH: path.join(dir, 'none.sqlite'),
    });
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^No post on 2026-11-29: local gets its excerpt on weekdays\. The next one, on 2026-11-30:/,
    );
    expect(stdout).toContain('每日一读 · 11月30日');
    expect(stdout).not.toContain('11月29日');
  });

  it('--daily --channel takes a channel id, as DAILY_CHANNEL does', () => {
    const { status, stdout, stderr } = ask(['--daily', '--channel', '#general']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--channel takes a Slack channel id such as C0123ABCD');
    expect(stderr).toContain('"#general"');
  });

  it('gives the limit when the query is too long', () => {
    const { status, stdout } = ask(['档'.repeat(MAX_QUERY_LENGTH + 1)]);
    expect(status).toBe(1);
    expect(stdout).toContain(`${MAX_QUERY_LENGTH} 字以内`);
    expect(stdout).toContain(`${MAX_QUERY_LENGTH} characters at most`);
  });

  for (const date of ['2026-13-45', '2026-02-29', '2026-04-31', '2026-00-10', '26-11-26', 'tomorrow']) {
    it(`--daily --date ${date}: names --date and the format, shows no day`, () => {
      const { status, stdout, stderr } = ask(['--daily', '--date', date]);
      expect(status).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toContain('--date');
      expect(stderr).toContain('YYYY-MM-DD');
      expect(stderr).toContain(`"${date}"`);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("--daily without --date takes today where the channel's subscription is, not DEFAULT_TZ's", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-daily-'));
    const databasePath = path.join(dir, 'bot.sqlite');
    const store = new SqliteStore(databasePath);
    // 25 hours apart: never the same date.
    await store.upsertSubscription({
      channelId: 'C5',
      time: { hour: 9, minute: 0 },
      timeZone: 'Pacific/Kiritimati',
      days: 'everyday',
      teamId: null,
      createdBy: 'U1',
    });
    await store.close();
    const dayThere = () => {
      const [, month, day] = channelDate(new Date(), 'Pacific/Kiritimati').split('-').map(Number);
      return `每日一读 · ${month}月${day}日`;
    };
    const before = dayThere();
    const { status, stdout } = ask(['--daily', '--channel', 'C5'], undefined, {
      DATABASE_PATH: databasePath,
      DEFAULT_TZ: 'Pacific/Pago_Pago',
    });
    expect(status).toBe(0);
    expect([before, dayThere()].some((heading) => stdout.includes(heading))).toBe(true);
  });

  // Twelve runs of the CLI, one after another: on a loaded 2-core machine each can take 2 s.
  it("--daily tells a channel's history and state rather than inventing a post", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-daily-'));
    const databasePath = path.join(dir, 'bot.sqlite');
    const store = new SqliteStore(databasePath);
    const subscribe = (channelId: string) =>
      store.upsertSubscription({
        channelId,
        time: { hour: 9, minute: 0 },
        timeZone: 'Asia/Shanghai',
        days: 'everyday',
        teamId: null,
        createdBy: 'U1',
      });
    await subscribe('C1');
    await subscribe('C2');
    await store.claimPost('C1', '2026-01-05', 'speech/intro-p1', 'test');
    await store.recordPostOutcome('C1', '2026-01-05', { status: 'posted', ts: '1.2' });
    await store.claimPost('C1', '2026-01-06', 'speech/s1-p1', 'test');
    await store.recordPostOutcome('C1', '2026-01-06', { status: 'failed', error: 'internal_error' });
    // C2 and C9 had today's and a past day's posts, then C2 was paused and C9 unsubscribed.
    const today = channelDate(new Date(), 'Asia/Shanghai');
    await subscribe('C9');
    for (const channelId of ['C2', 'C9']) {
      for (const [date, unit] of [
        ['2026-01-05', 'speech/s1-p2'],
        [today, 'speech/s2-p1'],
      ] as const) {
        await store.claimPost(channelId, date, unit, 'test');
        await store.recordPostOutcome(channelId, date, { status: 'posted', ts: '1.3' });
      }
    }
    // C4 had today's post: tomorrow's is the next one, not a day ahead of it.
    await subscribe('C4');
    await store.claimPost('C4', today, 'speech/intro-p1', 'test');
    await store.recordPostOutcome('C4', today, { status: 'posted', ts: '1.4' });
    await store.pauseSubscription('C2', 'not_in_channel');
    await store.deleteSubscription('C9');
    await store.close();
    const daily = (...args: string[]) =>
      ask(['--daily', ...args], undefined, { DATABASE_PATH: databasePath });
    // A day that had its post shows it, with no note on what the channel's state is now.
    for (const channelId of ['C2', 'C9']) {
      for (const date of ['2026-01-05', today]) {
        const shown = daily('--channel', channelId, '--date', date).stdout;
        expect(shown, `${channelId} ${date}`).toMatch(/^\*?📖 每日一读/);
        expect(shown, `${channelId} ${date}`).not.toMatch(/paused|no daily excerpt|No post on/);
      }
    }
    // A day gone by: what was posted, that the post failed, or that nothing was.
    expect(daily('--channel', 'C1', '--date', '2026-01-05').stdout).toContain('每日一读 · 1月5日');
    expect(daily('--channel', 'C1', '--date', '2026-01-06').stdout).toBe(
      'The post to C1 on 2026-01-06 failed (internal_error).\n',
    );
    expect(daily('--channel', 'C1', '--date', '2026-01-04').stdout).toBe(
      "No excerpt posted to C1 on 2026-01-04 is on record (the bot's database keeps the last 730 days).\n",
    );
    // The state of the channel comes first, for a day still to come.
    expect(daily('--channel', 'C2', '--date', '2099-01-05').stdout).toMatch(
      /^C2's daily excerpt is paused \(not_in_channel\): resumed, it would get this one\./,
    );
    expect(daily('--channel', 'C3').stdout).toMatch(
      /^C3 has no daily excerpt: subscribed, it would start with this one\./,
    );
    expect(daily('--channel', 'C1', '--date', '2099-01-05').stdout).toMatch(
      /^2099-01-05 is ahead: shown is the next passage in the rotation/,
    );
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(daily('--channel', 'C4', '--date', tomorrow).stdout).not.toContain('is ahead');
  }, 60_000);

  it('--daily takes a leap day', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-daily-'));
    const { status, stdout } = ask(['--daily', '--date', '2028-02-29'], undefined, {
      DATABASE_PATH: path.join(dir, 'none.sqlite'),
    });
    expect(status).toBe(0);
    expect(stdout).toContain('每日一读 · 2月29日');
  });

  it('--daily with a DAILY_CHANNEL that is not a channel id fails with the configuration problem', () => {
    const { status, stdout, stderr } = ask(['--daily'], undefined, { DAILY_CHANNEL: '#general' });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('DAILY_CHANNEL');
    expect(stderr).toContain('"#general"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--daily with a database that is not one names DATABASE_PATH and the fix, as a problem to fix, not a bug', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ask-daily-')), 'bot.sqlite');
    writeFileSync(file, 'not a database');
    const { status, stderr } = ask(['--daily'], undefined, { DATABASE_PATH: file });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^DATABASE_PATH: cannot read .*bot\.sqlite: file is not a database/);
    // Only read: no advice to move the file away and start afresh, which is the bot's to do.
    expect(stderr).toContain("Point DATABASE_PATH at the bot's database file.");
    expect(stderr).not.toContain('Unexpected');
  });

  it('names --content and the folder when --content does not exist, with no :0', () => {
    const missing = path.join(os.tmpdir(), 'no-such-content-folder');
    const { status, stderr } = ask(['--content', missing, '档案'], undefined, {
      CONTENT_DIR: DEFAULT_CONTENT_DIR,
    });
    expect(status).toBe(1);
    expect(stderr).toContain(`${missing}: content folder not found; --content must name`);
    expect(stderr).not.toContain(':0');
    expect(stderr).not.toContain('CONTENT_DIR');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names CONTENT_DIR when the folder came from the environment', () => {
    const missing = path.join(os.tmpdir(), 'no-such-content-folder');
    const { status, stderr } = ask(['档案'], undefined, { CONTENT_DIR: missing });
    expect(status).toBe(1);
    expect(stderr).toContain(`${missing}: content folder not found; CONTENT_DIR must name`);
    expect(stderr).not.toContain(':0');
    expect(stderr).not.toContain('--content');
  });

  it('refuses a content folder holding two copies of the speech, naming both files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-copies-'));
    copyFileSync(path.join(DEFAULT_CONTENT_DIR, 'speech.md'), path.join(dir, 'speech.md'));
    copyFileSync(path.join(DEFAULT_CONTENT_DIR, 'speech.md'), path.join(dir, 'speech-copy.md'));
    const { status, stdout, stderr } = ask(['--content', dir, '档案安全']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    // speech-copy.md sorts first, so speech.md is the later file; the error is at its first paragraph.
    const prefix = `Content error: ${path.join(dir, 'speech.md')}:`;
    expect(stderr.startsWith(prefix)).toBe(true);
    expect(stderr.slice(prefix.length)).toMatch(/^\d+: the same text as /);
    expect(stderr).toContain(path.join(dir, 'speech-copy.md'));
    expect(stderr).toContain('remove one of the two files');
  });

  it('rejects an unknown option with the usage', () => {
    const { status, stderr } = ask(['--frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  it.each([
    [['--json', '--daily'], /--daily prints the daily excerpt as text/],
    [['--daily', '档案安全'], /--daily prints the daily excerpt as text/],
    [['--channel', 'C1', '档案安全'], /use them with --daily/],
    [['--date', '2026-11-26', '档案安全'], /use them with --daily/],
    [['--json', '--jsonl'], /use one/],
    [['--daily', '--limit', '3'], /--daily prints the daily excerpt as text/],
  ])('refuses options that do not go together (%j) instead of ignoring one', (args, message) => {
    const { status, stdout, stderr } = ask(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('exits 1 for an empty question with --json too, as in text, with the status in the JSON', () => {
    const { status, stdout } = ask(['--json', ' ']);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'empty', results: [] });
  });
});

describe('npm run ask, built', () => {
  it('runs dist/cli.js with the same arguments, and answers as the sources do', () => {
    const built = spawnSync(
      'npm',
      ['--prefix', PROJECT_ROOT, 'run', '--silent', 'ask', '--', '--json', '档案安全'],
      {
        encoding: 'utf8',
        env: { ...process.env, CONTENT_DIR: '' },
      },
    );
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(ask(['--json', '档案安全']).stdout));
  });
});
