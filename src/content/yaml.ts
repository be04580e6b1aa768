import type * as Yaml from 'yaml';
import { lazyPackage } from '../lazy.ts';

/**
 * The `yaml` package, loaded on first use: its import costs ≈60 ms, and a process whose content
 * comes from the build's cache (`cache.ts`) never parses YAML. `yaml` ships CommonJS for Node.
 */
export const yaml = lazyPackage<typeof Yaml>('yaml');
