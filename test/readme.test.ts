/**
 * The README's claims that can be checked: the sample console session is what the bot prints,
 * and every variable the configuration reads is documented.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localReply } from '../src/console/local.ts';
import { tableOfContents } from '../src/content/toc.ts';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';
import type { SlackDeps } from '../src/slack/context.ts';
import { openSpeech } from '../src/speech.ts';

const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The first fenced block after `heading`. */
function blockAfter(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const block = /```\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!block?.[1]) throw new Error(`no code block after "${heading}"`);
  return block[1];
}

/** `slack> …` lines and what follows each, up to the next prompt. */
function exchanges(session: string): Array<{ input: string; output: string }> {
  return session
    .split(/^slack> /m)
    .slice(1)
    .map((chunk) => {
      const [input = '', ...output] = chunk.split('\n');
      return { input, output: output.join('\n').trim() };
    });
}

describe('README', () => {
  it('shows a console session exactly as the bot prints it', async () => {
    const search = openSpeech(DEFAULT_CONTENT_DIR);
    const deps: SlackDeps = { search, toc: tableOfContents(search.documents), command: '/speech' };
    const session = exchanges(blockAfter('## What a reply looks like'));
    expect(session.length).toBeGreaterThanOrEqual(2);
    for (const { input, output } of session) {
      expect(output, input).toBe((await localReply(deps, input)).trim());
    }
  });

  it('documents every environment variable the bot reads', () => {
    const sources = ['src/config.ts', 'src/daily/config.ts'].map((file) =>
      readFileSync(path.join(PROJECT_ROOT, file), 'utf8'),
    );
    // `value('PORT')` in config.ts, `env.DAILY_TIME` in daily/config.ts.
    const read = new Set(
      sources.flatMap((source) =>
        [...source.matchAll(/\bvalue\('([A-Z][A-Z0-9_]+)'\)|\benv\.([A-Z][A-Z0-9_]+)/g)].map(
          (m) => m[1] ?? m[2],
        ),
      ),
    );
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
