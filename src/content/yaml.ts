import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: its import costs ≈60 ms, and a process whose content
 * comes from the build's cache (`cache.ts`) never parses YAML. `yaml` ships CommonJS for Node.
 */
export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
