import { formatPlace } from '../content/place.ts';
import type { SpeechDocument } from '../content/types.ts';
import type { DocumentFact } from '../search/document-questions.ts';
import type { SearchResult } from '../search/types.ts';
import { WORDS } from '../slack/words.ts';

/** The document a result comes from, so a reader sees where an answer is from. */
export interface JsonDocument {
  id: string;
  title: string;
  headline?: string;
  author?: string;
  publication?: string;
  date?: string;
}

/** One result as `ask --json` prints it: what the bot shows, as data. */
export interface JsonResult {
  id: string;
  doc: string;
  heading: string;
  position: string;
  label?: string;
  /** Exactly the quote the bot shows, in the language of the passage's document. */
  text: string;
  source: string;
  score: number;
  document: JsonDocument;
  /** The passage's English translation, when the content has one (a working translation). */
  translation?: string;
  /** For a question about the document itself: which fact `text` states. */
  fact?: DocumentFact;
}

export interface JsonAnswer {
  query: string;
  results: JsonResult[];
  /** Why there are no results, when there are none: `not_found`, `empty` or `too_long`. */
  status: SearchResult['status'];
  /** The language the query was read in: `zh` or `en`. */
  lang: string;
  /** With `not_found`: what the document does say, when the question asks past it. */
  known?: string;
}

/**
 * The machine-readable answer of `ask --json`/`--jsonl` (also what the evaluation reads).
 * Fields are only ever added, never renamed.
 *
 * @example toJsonAnswer(search.search('档案安全'), search.documents).results[0]?.position // '第二部分 · 第四段 · 四要'
 */
export function toJsonAnswer(result: SearchResult, documents: readonly SpeechDocument[]): JsonAnswer {
  const byId = new Map(documents.map((document) => [document.id, document]));
  return {
    query: result.query,
    status: result.status,
    lang: result.lang,
    ...(result.known ? { known: result.known } : {}),
    results: result.hits.map(({ passage, quote, score, translations, fact }) => {
      const translation = translations.get('en');
      // An answer about the text itself cites no paragraph, as the bot shows it: the title, and
      // that it comes from the published details; `id` still names the passage it stands for.
      const cited = fact
        ? { heading: passage.docTitle, position: WORDS.aboutTheText }
        : {
            heading: passage.heading,
            position: formatPlace(passage),
            ...(passage.label ? { label: passage.label } : {}),
          };
      return {
        id: passage.id,
        doc: passage.docId,
        ...cited,
        text: quote.text,
        source: passage.source,
        score,
        document: jsonDocument(byId.get(passage.docId), passage.docId, passage.docTitle),
        ...(translation ? { translation } : {}),
        ...(fact ? { fact } : {}),
      };
    }),
  };
}

function jsonDocument(document: SpeechDocument | undefined, id: string, title: string): JsonDocument {
  const meta = document?.meta ?? {};
  return {
    id,
    title,
    ...(meta.headline ? { headline: meta.headline } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.publication ? { publication: meta.publication } : {}),
    ...(meta.date ? { date: meta.date } : {}),
  };
}
