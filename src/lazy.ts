import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used, not when the bot starts: an ES `import` runs before
 * the first line of `main`, and these packages (jieba's native addon, OpenCC's dictionaries, 60
 * languages of stopwords) took ≈70 ms of start-up that the first question can pay instead, or the
 * warm-up once the bot serves (`warmUp` in `speech.ts`). Loaded through `require`, synchronously,
 * because the code that needs them (segmenting, Traditional → Simplified) is synchronous.
 *
 * @example const opencc = lazyPackage<typeof import('opencc-js/t2cn')>('opencc-js/t2cn'); opencc().Converter(…)
 */
export function lazyPackage<T>(specifier: string): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: require(specifier) as T };
    return loaded.value;
  };
}
