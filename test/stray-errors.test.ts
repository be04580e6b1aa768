import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');

/**
 * A child that installs the bot's guards, counts the uncaught errors it sees, throws one stray
 * error once its stderr's reader is gone, and prints the count.
 */
const child = `
import { ConsoleLogger } from '@slack/logger';
import { keepServingOnStrayErrors } from './src/stray-errors.ts';
keepServingOnStrayErrors(new ConsoleLogger());
let uncaught = 0;
process.on('uncaughtException', () => { uncaught++; });
process.stdin.once('data', () => {
  setTimeout(() => { throw new Error('stray'); }, 10);
  setTimeout(() => { process.stdout.write(String(uncaught)); process.exit(0); }, 400);
});
`;

describe('stray errors', () => {
  it('are logged once, not again and again, when the log output is a closed pipe', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    // The reader of stderr goes away, as when a supervisor's pipe closes; then the error comes.
    proc.stderr.destroy();
    proc.stdin.write('go\n');
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(0);
    // The stray error itself; without the guard every failed log write is another one (hundreds).
    expect(Number(out)).toBe(1);
  });
});
