/**
 * Phrase recall: finding the passage a user quotes, exactly (in quotation marks) or as they
 * half-remember it (a character or two wrong, missing, extra or swapped).
 */

/** Text between quotation marks: “…”, 「…」, 『…』, "…", ‘…’. */
const QUOTED = /“([^”]+)”|「([^」]+)」|『([^』]+)』|"([^"]+)"|‘([^’]+)’/gu;

/**
 * The phrases a query puts in quotation marks, punctuation and spaces removed.
 *
 * @example quotedPhrases('讲话里“隔靴搔痒”指什么') // ['隔靴搔痒']
 */
export function quotedPhrases(query: string): string[] {
  const phrases: string[] = [];
  for (const match of query.matchAll(QUOTED)) {
    const phrase = compact(match.slice(1).find((group) => group !== undefined) ?? '');
    if ([...phrase].length >= 2) phrases.push(phrase);
  }
  return phrases;
}

/**
 * Text with punctuation and white space removed, so a quote matches however it was punctuated.
 *
 * @example compact('守初心、担使命,找差距') // '守初心担使命找差距'
 */
export function compact(text: string): string {
  return text.replace(/[\p{P}\p{S}\s]/gu, '');
}

/**
 * How many edits a remembered phrase of `length` characters may have and still count: one for
 * a short phrase (隔靴挠痒 for 隔靴搔痒), two from eight characters, one more per eight after.
 */
export function allowedErrors(length: number): number {
  return length < 8 ? 1 : Math.max(2, Math.floor(length / 8));
}

/**
 * The fewest edits (a character replaced, inserted, deleted, or two neighbours swapped) that turn
 * `pattern` into some span of `text`: 0 when it occurs verbatim. Stops early and returns
 * `Infinity` once every span needs more than `maxErrors` (Sellers' algorithm with transpositions).
 *
 * @example approximateDistance('隔靴挠痒', '不能大而化之、隔靴搔痒,不能', 1) // 1
 * @example approximateDistance('对标对齐', '不能很好地与中央对标对表', 1) // 1
 */
export function approximateDistance(pattern: string, text: string, maxErrors: number): number {
  const p = characters(pattern);
  const t = characters(text);
  const m = p.length;
  if (m === 0) return 0;
  const n = t.length;
  // Rows over the pattern; column j is "the span ends at text position j". Row 0 is all zeros:
  // a span may start anywhere. Three rows reused from call to call: this runs for many passages.
  const rows = rowsFor(n + 1);
  let before = rows[0];
  let previous = rows[1];
  let current = rows[2];
  previous.fill(0, 0, n + 1);
  before.fill(0, 0, n + 1);
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowBest = i;
    const character = p.at(i - 1);
    const last = i > 1 ? p.at(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const cost = character === t.at(j - 1) ? 0 : 1;
      let best = Math.min(
        (previous[j - 1] as number) + cost,
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      );
      if (i > 1 && j > 1 && character === t.at(j - 2) && last === t.at(j - 1)) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    if (rowBest > maxErrors) return Number.POSITIVE_INFINITY;
    [before, previous, current] = [previous, current, before];
  }
  let distance = Number.POSITIVE_INFINITY;
  for (let j = 0; j <= n; j++) if ((previous[j] as number) < distance) distance = previous[j] as number;
  return distance <= maxErrors ? distance : Number.POSITIVE_INFINITY;
}

/** A text's characters by position: its UTF-16 units when it has no surrogate pairs (the common case). */
interface Characters {
  length: number;
  at(index: number): number;
}

function characters(text: string): Characters {
  if (!/[\uD800-\uDFFF]/.test(text)) return { length: text.length, at: (index) => text.charCodeAt(index) };
  const points = Int32Array.from(text, (character) => character.codePointAt(0) ?? 0);
  return { length: points.length, at: (index) => points[index] ?? -1 };
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

function rowsFor(length: number): [Int32Array, Int32Array, Int32Array] {
  if (rows[0].length < length)
    rows = [new Int32Array(length), new Int32Array(length), new Int32Array(length)];
  return rows;
}
