import path from 'node:path';
import { loadDocuments } from './content/index.ts';
import { SpeechSearch } from './search/engine.ts';
import { loadSynonyms } from './search/synonyms.ts';

/** File name of the synonym list inside the content folder. */
export const SYNONYMS_FILE = 'synonyms.txt';

/**
 * Loads the content folder and builds the search over it: what every entry point (CLI, Slack
 * app) does first. Throws a ContentError naming the file and line of a malformed file.
 *
 * @example const search = openSpeech('content'); search.search('档案安全')
 */
export function openSpeech(contentDir: string): SpeechSearch {
  const documents = loadDocuments(contentDir);
  const search = new SpeechSearch(documents, {
    synonyms: loadSynonyms(path.join(contentDir, SYNONYMS_FILE)),
  });
  // Loads the IDF table and the Traditional→Simplified converter now (≈250 ms) rather than
  // during the first user's question.
  search.search('檔案');
  return search;
}
