import { readFileSync } from 'node:fs';
import { ContentError, fileErrorCode } from '../content/errors.ts';
import { decodeUtf8 } from '../content/parse.ts';

/**
 * What users say → the words the speech uses for it. Each entry maps one expression to one or
 * more replacements; a query that contains the expression is also searched for them. Expressions
 * are lower-case, as queries are compared lower-cased.
 */
export type SynonymMap = ReadonlyMap<string, readonly string[]>;

/**
 * Parses a synonym list: one entry per line, `用户的说法 = 讲话用语 另一个用语`, `#` comments.
 *
 * @example parseSynonyms('老百姓 = 群众 人民群众', 'synonyms.txt').get('老百姓') // ['群众', '人民群众']
 * @throws ContentError naming the file and line of a malformed entry
 */
export function parseSynonyms(text: string, file: string): SynonymMap {
  const map = new Map<string, string[]>();
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*/, '').trim();
    if (!line) return;
    const parts = line.split('=');
    const from = parts[0]?.trim() ?? '';
    const to = (parts[1] ?? '').trim().split(/\s+/).filter(Boolean);
    if (parts.length !== 2 || !from || to.length === 0) {
      throw new ContentError(file, i + 1, 'a synonym line must look like "说法 = 讲话用语 另一个用语"');
    }
    for (const typed of from.split(/\s*[,,、]\s*/)) {
      const expression = typed.toLowerCase();
      // An empty expression (a stray comma) would be in every query.
      if (!expression)
        throw new ContentError(file, i + 1, 'a synonym line has an empty expression between commas');
      map.set(expression, [...(map.get(expression) ?? []), ...to]);
    }
  });
  return map;
}

/**
 * Reads a synonym file; a missing file means no synonyms.
 * @throws ContentError naming the file when it is there but cannot be read (a folder, no
 *   permission) or is not UTF-8: silently searching without the list would hide the slip
 */
export function loadSynonyms(file: string): SynonymMap {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = fileErrorCode(error);
    if (code === 'ENOENT') return new Map();
    const why = code === 'EISDIR' ? 'a folder, not a file' : `cannot be read (${code ?? String(error)})`;
    throw new ContentError(file, undefined, `${why}; the synonym list is a text file, or leave it out`);
  }
  return parseSynonyms(decodeUtf8(bytes, file), file);
}

/** An expression found in a query and what the speech says instead. */
export interface Expansion {
  expression: string;
  replacements: readonly string[];
}

/**
 * Every expression of the synonym map that the query contains, in the map's order.
 *
 * @example expandQuery('老百姓查档', map) // [{ expression: '老百姓', replacements: ['群众', '人民群众'] }]
 */
export function expandQuery(query: string, synonyms: SynonymMap): Expansion[] {
  const lower = query.toLowerCase();
  const byFirst = byFirstCharacter(synonyms);
  const found: ListedExpansion[] = [];
  // Only the expressions starting with one of the query's characters can be in it.
  for (const char of new Set(lower)) {
    for (const candidate of byFirst.get(char) ?? []) {
      if (lower.includes(candidate.expression)) found.push(candidate);
    }
  }
  return found
    .sort((a, b) => a.order - b.order)
    .map(({ expression, replacements }) => ({ expression, replacements }));
}

/** An expression with its place in the list, so expansions come out in the list's order. */
type ListedExpansion = Expansion & { order: number };

const indexes = new WeakMap<SynonymMap, Map<string, ListedExpansion[]>>();

/** The map's expressions by their first character (made once per map). */
function byFirstCharacter(synonyms: SynonymMap): Map<string, ListedExpansion[]> {
  let index = indexes.get(synonyms);
  if (!index) {
    index = new Map();
    let order = 0;
    for (const [expression, replacements] of synonyms) {
      const [first] = expression;
      if (first === undefined) continue;
      const entries = index.get(first) ?? [];
      entries.push({ expression, replacements, order: order++ });
      index.set(first, entries);
    }
    indexes.set(synonyms, index);
  }
  return index;
}
