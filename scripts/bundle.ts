/**
 * Part of `npm run build`, after `tsc`: bundles the two programs, `dist/main.js` (`npm start`) and
 * `dist/cli.js` (`npm run ask`), each into one file with the packages they import, replacing the
 * files `tsc` wrote for them.
 *
 * Why: most of a Node process's start-up is loading modules, ≈80 of ours and ≈500 files of Bolt's
 * dependencies, each resolved, read and compiled on its own. One file is read once.
 * `npm run bench:bot` measures the difference.
 *
 * Left out, and loaded from `node_modules` as before:
 * - native addons (better-sqlite3, jieba), which cannot be bundled;
 * - the packages `src/lazy.ts` loads on first use (jieba, OpenCC, stopword): a `require` of a name
 *   known only at run time, which the bundler leaves alone;
 * - optional packages that are not installed (pg-native, ws's bufferutil and utf-8-validate);
 *   the code that requires them already falls back when they are missing.
 *
 * `tsc`'s other files in `dist/` stay: `scripts/build-tables.ts` runs them, and the tables' digests
 * hash `dist/search/` and `dist/content/`, which are built from the same sources as the bundles.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/paths.ts';

const EXTERNAL = ['better-sqlite3', '@node-rs/jieba', 'pg-native', 'bufferutil', 'utf-8-validate'];

await build({
  absWorkingDir: PROJECT_ROOT,
  entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // The CommonJS packages in the bundle call `require` for Node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});

process.stdout.write(`Bundled ${path.join('dist', 'main.js')} and ${path.join('dist', 'cli.js')}.\n`);
