import { toChineseNumeral } from './numerals.ts';
import type { Passage } from './types.ts';

/** What `formatPlace` needs of a passage (or of a daily unit, which has the same facts). */
export type Placed = Pick<Passage, 'place'> & Partial<Pick<Passage, 'kind' | 'label'>>;

/**
 * The one place where a passage's position becomes words, in the reader's language.
 *
 * @example formatPlace({ kind: 'point', place: { section: 2, paragraph: 3, point: 4 }, label: '四是' }) // '第二部分 · 第三段 · 四是'
 * @example formatPlace({ kind: 'point', place: { section: 2, paragraph: 3, point: 4 } }, 'en') // 'Part 2 · Paragraph 3 · Point 4'
 */
export function formatPlace({ kind, place, label }: Placed, lang = 'zh'): string {
  const english = lang.startsWith('en');
  if (kind === 'source') return english ? 'Source' : '来源';
  const parts = [sectionLabel(place.section, lang)];
  // The introduction is usually one paragraph; a second one needs its number.
  if (place.section !== 0 || place.paragraph > 1) parts.push(paragraphLabel(place.paragraph, lang));
  if (place.point !== undefined) {
    parts.push(english ? `Point ${place.point}` : (label ?? `第${toChineseNumeral(place.point)}点`));
  }
  return parts.join(' · ');
}

/**
 * A section's name: `导语` / `Introduction` for section 0, `第二部分` / `Part 2` after it.
 *
 * @example sectionLabel(2) // '第二部分'
 */
export function sectionLabel(section: number, lang = 'zh'): string {
  if (lang.startsWith('en')) return section === 0 ? 'Introduction' : `Part ${section}`;
  return section === 0 ? '导语' : `第${toChineseNumeral(section)}部分`;
}

/**
 * A paragraph's name within its section: `第三段` / `Paragraph 3`.
 *
 * @example paragraphLabel(3) // '第三段'
 */
export function paragraphLabel(paragraph: number, lang = 'zh'): string {
  return lang.startsWith('en') ? `Paragraph ${paragraph}` : `第${toChineseNumeral(paragraph)}段`;
}
