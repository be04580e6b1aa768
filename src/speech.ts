import path from 'node:path';
import { loadDocuments } from './content/index.ts';
import { DEFAULT_SEARCH, indexedWith, SpeechSearch } from './search/engine.ts';
import { generalIdf } from './search/general-idf.ts';
import { simplify } from './search/normalize.ts';
import { words } from './search/segment.ts';
import { readStoredAnalyses, readStoredIndex } from './search/stored-index.ts';
import { loadSynonyms } from './search/synonyms.ts';

/** File name of the synonym list inside the content folder. */
export const SYNONYMS_FILE = 'synonyms.txt';

/**
 * Loads the content folder and builds the search over it: what every entry point (CLI, Slack
 * app) does first. The index `npm run build` stored (`stored-index.ts`) is used as it is while
 * the content is the one it was built over; otherwise the texts it analyzed are not segmented
 * again. Throws a ContentError naming the file and line of a malformed file.
 *
 * @example const search = openSpeech('content'); search.search('档案安全')
 */
export function openSpeech(contentDir: string): SpeechSearch {
  const documents = loadDocuments(contentDir);
  const storedIndex = readStoredIndex(documents, indexedWith(DEFAULT_SEARCH));
  return new SpeechSearch(documents, {
    synonyms: loadSynonyms(path.join(contentDir, SYNONYMS_FILE)),
    ...(storedIndex ? { storedIndex } : { analyses: readStoredAnalyses() }),
  });
}

/**
 * Loads what the first question would otherwise wait for: the IDF table, jieba (its addon and
 * dictionary), OpenCC's converters, English stopwords, the search's code and `fetch`, ≈160 ms
 * in all. One piece per turn of the event loop, so a request arriving meanwhile waits for one
 * piece (≤ 45 ms), not for all of them. The bot calls it once it is serving.
 */
export async function warmUp(search: SpeechSearch): Promise<void> {
  const pieces = [
    () => generalIdf('档案'),
    () => words('档案'),
    () => simplify('檔案'),
    () => search.search('檔案'),
    () => search.search('archives'),
    // fetch (undici), which replies go out through; start-up's one Slack call does not load it.
    () => new Response(''),
  ];
  for (const piece of pieces) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    piece();
  }
}
