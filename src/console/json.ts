import { formatPlace } from '../content/place.ts';
import type { SearchResult } from '../search/types.ts';

/** One result as `ask --json` prints it: what the bot shows, as data. */
export interface JsonResult {
  id: string;
  doc: string;
  heading: string;
  position: string;
  label?: string;
  /** Exactly the quote the bot shows. */
  text: string;
  source: string;
  score: number;
}

export interface JsonAnswer {
  query: string;
  results: JsonResult[];
  /** Why there are no results, when there are none: `not_found`, `empty` or `too_long`. */
  status: SearchResult['status'];
}

/**
 * The machine-readable answer of `ask --json`/`--jsonl` (also what the evaluation reads).
 *
 * @example toJsonAnswer(search.search('档案安全')).results[0]?.position // '第二部分 · 第四段 · 四要'
 */
export function toJsonAnswer(result: SearchResult): JsonAnswer {
  return {
    query: result.query,
    status: result.status,
    results: result.hits.map(({ passage, quote, score }) => ({
      id: passage.id,
      doc: passage.docId,
      heading: passage.heading,
      position: formatPlace(passage),
      ...(passage.label ? { label: passage.label } : {}),
      text: quote.text,
      source: passage.source,
      score,
    })),
  };
}
