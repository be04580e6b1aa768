import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type DataFileSource, openDerivedTable } from '../src/generated.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'speech-generated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const installed: DataFileSource = { version: '2.0.3', bytes: 1234 };
const open = (file: string) =>
  openDerivedTable({
    what: 'The test table',
    file,
    source: installed,
    decode: (bytes) => JSON.parse(bytes.toString('utf8')) as { source: DataFileSource; value: string },
    use: (table) => `table: ${table.value}`,
    instead: 'Parsing the text instead.',
    fallback: () => 'fallback',
    warningCode: 'SPEECH_BOT_TEST_TABLE',
  });

describe('a table the build derived', () => {
  it('is used when it was made from the installed data file', () => {
    const file = path.join(dir, 'fresh.json');
    writeFileSync(file, JSON.stringify({ source: installed, value: 'fresh' }));
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    expect(open(file)).toBe('table: fresh');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('gives way to the fallback, with a warning naming the fix, when missing or made from another version', () => {
    const stale = path.join(dir, 'stale.json');
    writeFileSync(stale, JSON.stringify({ source: { version: '1.0.0', bytes: 1234 }, value: 'old' }));
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    expect(open(path.join(dir, 'missing.json'))).toBe('fallback');
    expect(open(stale)).toBe('fallback');
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      `The test table ${path.join(dir, 'missing.json')} is missing: run \`npm run build\`. Parsing the text instead.`,
      `The test table ${stale} was made from @node-rs/jieba 1.0.0, not the installed 2.0.3: run \`npm run build\`. Parsing the text instead.`,
    ]);
    warn.mockRestore();
  });
});
