import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR, PROJECT_ROOT } from '../src/paths.ts';

/**
 * In a fresh process running the build (as `npm start` does): the packages the search loads
 * lazily, after start-up and before the first question that needs each. `require.cache` holds
 * every CommonJS file loaded, including those an ES import brought in.
 */
function loadedPackages(): { atStart: string[]; afterChinese: string[]; afterEnglish: string[] } {
  const dist = (file: string) => pathToFileURL(path.join(PROJECT_ROOT, 'dist', file)).href;
  const script = `
    import { createRequire } from 'node:module';
    const packages = () => [...new Set(Object.keys(createRequire(import.meta.url).cache)
      .map((file) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file)?.[1])
      .filter((name) => ['@node-rs/jieba', 'opencc-js', 'stopword'].includes(name)))].sort();
    await import(${JSON.stringify(dist('bot.js'))});
    const { openSpeech } = await import(${JSON.stringify(dist('speech.js'))});
    const search = openSpeech(${JSON.stringify(DEFAULT_CONTENT_DIR)});
    const atStart = packages();
    search.search('檔案安全');
    const afterChinese = packages();
    search.search('archive safety');
    console.log(JSON.stringify({ atStart, afterChinese, afterEnglish: packages() }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

/** The built modules that import a package with a static ES import (which runs before `main`). */
function staticImportsOf(packages: readonly string[]): string[] {
  const dist = path.join(PROJECT_ROOT, 'dist');
  const found: string[] = [];
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const name of packages) {
      const imported = new RegExp(`^\\s*import\\b[^;]*?from\\s*['"]${name}(/[^'"]*)?['"]`, 'm');
      if (imported.test(code)) found.push(`${file} imports ${name}`);
    }
  }
  return found;
}

describe('start-up', () => {
  it('has no static import of jieba, OpenCC or the stopword lists in the build', () => {
    // require.cache would not see an ES import that resolves to an ES module (opencc-js has one).
    expect(staticImportsOf(['@node-rs/jieba', 'opencc-js', 'stopword'])).toEqual([]);
    expect(staticImportsOf(['@slack/bolt']).length).toBeGreaterThan(0);
  });

  it('loads jieba, OpenCC and the stopword lists only when a question needs them', () => {
    const { atStart, afterChinese, afterEnglish } = loadedPackages();
    // The content's texts come analyzed from the build: nothing is segmented at start-up.
    expect(atStart).toEqual([]);
    expect(afterChinese).toEqual(['@node-rs/jieba', 'opencc-js']);
    expect(afterEnglish).toEqual(['@node-rs/jieba', 'opencc-js', 'stopword']);
  });
});
