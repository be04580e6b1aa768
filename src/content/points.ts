import { fromChineseNumeral } from './numerals.ts';

/** A numbered sub-point inside a paragraph, such as `四是为民服务解难题。…`. */
export interface Point {
  /** The marker as written: `四是`, `二要`. */
  label: string;
  text: string;
}

export interface SplitParagraph {
  /** Text before the first point (the paragraph's own lead), possibly empty. */
  lead: string;
  points: Point[];
}

// A point marker opens the paragraph or a sentence: `一是`, `二要`, … up to 十九.
const MARKER = /(?<=^|[。;;!!??])([一二三四五六七八九十]{1,2})([是要])/gu;

/**
 * Splits a paragraph that enumerates sub-points (`一是…二是…`, `一要…二要…`) into its lead and
 * points. Only a run that starts at 一 and counts up by one with the same suffix counts, so a
 * stray `三要` inside a sentence never splits a paragraph. Paragraphs with fewer than two points
 * come back whole as the lead.
 *
 * @example splitPoints('目标。一是学习。二是实践。').points.map((p) => p.label) // ['一是', '二是']
 */
export function splitPoints(text: string): SplitParagraph {
  const markers = [...text.matchAll(MARKER)].map((m) => ({
    at: m.index ?? 0,
    value: fromChineseNumeral(m[1] ?? ''),
    suffix: m[2] ?? '',
    label: m[0],
  }));
  const run: typeof markers = [];
  for (const marker of markers) {
    const previous = run.at(-1);
    if (!previous) {
      if (marker.value === 1) run.push(marker);
    } else if (marker.suffix === previous.suffix && marker.value === (previous.value ?? 0) + 1) {
      run.push(marker);
    }
  }
  const first = run[0];
  if (!first || run.length < 2) return { lead: text, points: [] };
  const points = run.map((marker, i) => ({
    label: marker.label,
    text: text.slice(marker.at, run[i + 1]?.at ?? text.length),
  }));
  return { lead: text.slice(0, first.at), points };
}
