import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const EVAL = path.join(PROJECT_ROOT, 'scripts/eval.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function evaluate(...args: string[]) {
  const run = spawnSync(TSX, [EVAL, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function setFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('npm run eval', () => {
  it('scores a set per kind, with "not found" counted right for a question without answer', () => {
    const file = setFile('small.jsonl', [
      JSON.stringify({ id: 'a', kind: 'keyword', query: '档案安全', expect: '档案安全底线' }),
      JSON.stringify({ id: 'b', kind: 'noanswer', query: '档案馆周末几点开门', expect: null }),
    ]);
    const { status, stdout } = evaluate('--quiet', file);
    expect(status).toBe(0);
    expect(stdout).toMatch(/keyword +n= {2}1 {2}hit@1 100\.0%/);
    expect(stdout).toMatch(/noanswer +n= {2}1 {2}hit@1 100\.0%/);
  });

  it('pools the sets it scores, with each figure’s 95% interval', () => {
    const hit = JSON.stringify({ id: 'a', kind: 'keyword', query: '档案安全', expect: '档案安全底线' });
    const miss = JSON.stringify({ id: 'b', kind: 'keyword', query: '档案安全', expect: '不在讲话里的话' });
    const { status, stdout } = evaluate('--quiet', setFile('one.jsonl', [hit]), setFile('two.jsonl', [miss]));
    expect(status).toBe(0);
    const pooled = stdout.slice(stdout.indexOf('2 sets pooled: one.jsonl, two.jsonl'));
    expect(pooled).toMatch(/keyword +n= {2}2 {2}hit@1 50\.0%/);
    // Wilson's interval for 1 of 2.
    expect(pooled).toContain('(hit@1 95% interval 9.5–90.5%)');
  });

  it('names the file and line of a query it cannot read, and an unknown option, without a stack trace', () => {
    const broken = setFile('broken.jsonl', [
      JSON.stringify({ id: 'a', kind: 'keyword', query: '档案' }),
      '{',
    ]);
    const missingField = evaluate(broken);
    expect(missingField.status).toBe(2);
    expect(missingField.stderr).toContain(`${broken}:1: needs string fields`);
    const notJson = setFile('not-json.jsonl', [
      JSON.stringify({ id: 'a', kind: 'k', query: 'q', expect: '' }),
      '{',
    ]);
    expect(evaluate(notJson).stderr).toContain(`${notJson}:2: not JSON`);
    const unknown = evaluate('--bogus');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    expect(unknown.stderr).toContain('Usage: npm run eval');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(evaluate(path.join(dir, 'absent.jsonl')).stderr).toContain('cannot read');
  });
});
