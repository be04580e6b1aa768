import path from 'node:path';
import { loadDocuments } from './content/index.ts';
import { SpeechSearch } from './search/engine.ts';
import { readStoredAnalyses } from './search/stored-analyses.ts';
import { loadSynonyms } from './search/synonyms.ts';

/** File name of the synonym list inside the content folder. */
export const SYNONYMS_FILE = 'synonyms.txt';

/**
 * Loads the content folder and builds the search over it: what every entry point (CLI, Slack
 * app) does first. The texts `npm run build` analyzed (`stored-analyses.ts`) are not segmented
 * again. Throws a ContentError naming the file and line of a malformed file.
 *
 * @example const search = openSpeech('content'); search.search('档案安全')
 */
export function openSpeech(contentDir: string): SpeechSearch {
  const documents = loadDocuments(contentDir);
  return new SpeechSearch(documents, {
    synonyms: loadSynonyms(path.join(contentDir, SYNONYMS_FILE)),
    analyses: readStoredAnalyses(),
  });
}

/**
 * Loads what the first question would otherwise wait for (jieba's dictionary and IDF tables,
 * OpenCC's converters, ≈100 ms), by asking one. The bot calls it once it is serving.
 */
export function warmUp(search: SpeechSearch): void {
  search.search('檔案');
}
