import type { Passage, Place, SpeechDocument } from '../content/types.ts';
import type { DailyUnit } from './types.ts';

/** Options for `dailyUnits`. */
export interface DailyUnitsOptions {
  /**
   * A paragraph that lists points (`一是…二是…`) is split into one unit per point only when the
   * whole paragraph is longer than this many characters; a shorter one is read whole, as a few
   * sentences belong together better than fragments.
   *
   * @default 200
   * @example dailyUnits(documents, { splitLongerThan: 0 }) // split every paragraph with points
   */
  splitLongerThan?: number;
}

/**
 * The daily readings of the given documents, in reading order: every paragraph once, the
 * source line never. A long paragraph with points becomes one unit per point, and its lead
 * (e.g. `第三,不折不扣完成教育目标。`) opens the first part, so no unit is a bare heading-like lead
 * and the parts read on from one another. Ids are the content ids, so they survive edits
 * elsewhere and adding a content file only appends its units.
 *
 * @example dailyUnits(loadDocuments('content')).map((u) => u.id)
 * // ['speech/intro-p1', 'speech/s1-p1', …, 'speech/s2-p3-1', 'speech/s2-p3-2', …]
 */
export function dailyUnits(
  documents: readonly SpeechDocument[],
  options: DailyUnitsOptions = {},
): DailyUnit[] {
  const splitLongerThan = options.splitLongerThan ?? 200;
  const units: DailyUnit[] = [];
  for (const document of documents) {
    for (const group of groupByParagraph(document.passages)) {
      units.push(...paragraphUnits(group, splitLongerThan));
    }
  }
  return units;
}

/** Consecutive passages of one paragraph, source lines dropped. */
function groupByParagraph(passages: readonly Passage[]): Passage[][] {
  const groups: Passage[][] = [];
  for (const passage of passages) {
    if (passage.kind === 'source') continue;
    const last = groups.at(-1);
    if (last?.[0]?.paragraphId === passage.paragraphId) last.push(passage);
    else groups.push([passage]);
  }
  return groups;
}

function paragraphUnits(group: readonly Passage[], splitLongerThan: number): DailyUnit[] {
  const first = group[0];
  if (!first) return [];
  const points = group.filter((passage) => passage.kind === 'point');
  const lead = group.find((passage) => passage.kind === 'lead');
  if (points.length === 0 || [...first.paragraphText].length <= splitLongerThan) {
    return [
      toUnit(first, { id: first.paragraphId, place: paragraphPlace(first), text: first.paragraphText }),
    ];
  }
  return points.map((point, i) =>
    toUnit(point, {
      id: point.id,
      place: point.place,
      ...(point.label ? { label: point.label } : {}),
      text: i === 0 && lead ? lead.text + point.text : point.text,
      part: { index: i + 1, count: points.length },
    }),
  );
}

/** A unit of a whole paragraph stands at the paragraph, not at the point it was found by. */
function paragraphPlace(passage: Passage): Place {
  return { section: passage.place.section, paragraph: passage.place.paragraph };
}

function toUnit(
  passage: Passage,
  own: Pick<DailyUnit, 'id' | 'place' | 'text' | 'label'> & { part?: DailyUnit['part'] },
): DailyUnit {
  const unit: DailyUnit = {
    id: own.id,
    docId: passage.docId,
    docTitle: passage.docTitle,
    paragraphId: passage.paragraphId,
    heading: passage.heading,
    place: own.place,
    text: own.text,
    source: passage.source,
  };
  if (own.part) unit.part = own.part;
  if (own.label) unit.label = own.label;
  return unit;
}
