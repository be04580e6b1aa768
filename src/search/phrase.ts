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
  const p = codePoints(pattern, 'pattern');
  const m = p.length;
  if (m === 0) return 0;
  const t = codePoints(text, 'text');
  const n = t.length;
  const pc = p.codes;
  const tc = t.codes;
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
    const character = pc[i - 1] as number;
    const last = i > 1 ? (pc[i - 2] as number) : -1;
    for (let j = 1; j <= n; j++) {
      const cost = character === tc[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j - 1] as number) + cost,
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      );
      if (i > 1 && j > 1 && character === tc[j - 2] && last === tc[j - 1]) {
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

/** Code points of the pattern and of the text, in buffers reused from call to call. */
const codeBuffers = { pattern: new Int32Array(64), text: new Int32Array(1024) };

/** A text's characters by position (code points, so a character outside the BMP is one). */
function codePoints(text: string, buffer: keyof typeof codeBuffers): { codes: Int32Array; length: number } {
  if (codeBuffers[buffer].length < text.length) codeBuffers[buffer] = new Int32Array(text.length * 2);
  const codes = codeBuffers[buffer];
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    codes[length++] = code;
    if (code > 0xffff) i++;
  }
  return { codes, length };
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

function rowsFor(length: number): [Int32Array, Int32Array, Int32Array] {
  if (rows[0].length < length)
    rows = [new Int32Array(length), new Int32Array(length), new Int32Array(length)];
  return rows;
}
