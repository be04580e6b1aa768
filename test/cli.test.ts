import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
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
    expect(stdout).toContain('[读上下文 Read the surrounding paragraphs]');
  });

  it('rejects an unknown option with the usage', () => {
    const { status, stderr } = ask(['--frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});
