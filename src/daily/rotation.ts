/**
 * Which unit a channel reads next. Pure and deterministic: the answer depends only on the
 * current unit list and the channel's history, so every process agrees and nothing but the
 * post log needs storing.
 */

/** Where a channel stands in its reading cycle. */
export interface RotationState {
  /** Ids of current units already given in the current cycle, in reading order. */
  readInCycle: string[];
  /** The most recently given id that still exists, if any. */
  last?: string;
}

/**
 * Reconstructs the current cycle from a channel's whole history (oldest first). A cycle ends
 * when every current unit has been given or when a unit comes round again; ids no longer in
 * the content are ignored. Judging cycles against today's unit list is what lets units added
 * later join the cycle in progress.
 *
 * @example rotationState(['a', 'b', 'c'], ['a', 'b', 'c', 'a']) // { readInCycle: ['a'], last: 'a' }
 */
export function rotationState(unitIds: readonly string[], history: readonly string[]): RotationState {
  const known = new Set(unitIds);
  let cycle = new Set<string>();
  let last: string | undefined;
  for (const id of history) {
    if (!known.has(id)) continue;
    if (cycle.has(id) || cycle.size === known.size) cycle = new Set();
    cycle.add(id);
    last = id;
  }
  if (cycle.size === known.size) cycle = new Set();
  const readInCycle = unitIds.filter((id) => cycle.has(id));
  return last === undefined ? { readInCycle } : { readInCycle, last };
}

/**
 * The next unit to give a channel: the first unit after the last one given, in reading order,
 * that the current cycle has not had yet; wrapping round to the earliest unread one (so a unit
 * inserted behind the reader is still read this cycle). When the cycle is complete, a new one
 * starts at the beginning. Returns `undefined` only when there are no units.
 *
 * @param unitIds every current unit id, in reading order
 * @param history the ids already given to the channel, oldest first (ids of removed units are fine)
 * @example nextUnitId(['a', 'b', 'c'], []) // 'a'
 * @example nextUnitId(['a', 'b', 'c'], ['a', 'b']) // 'c'
 * @example nextUnitId(['a', 'b', 'c'], ['a', 'b', 'c']) // 'a' (a new cycle)
 * @example nextUnitId(['a', 'x', 'b', 'c'], ['a', 'b']) // 'c', then 'x', then 'a'
 */
export function nextUnitId(unitIds: readonly string[], history: readonly string[]): string | undefined {
  const { readInCycle, last } = rotationState(unitIds, history);
  const read = new Set(readInCycle);
  const unread = unitIds.filter((id) => !read.has(id));
  if (unread.length === 0) return unitIds[0];
  const lastIndex = last === undefined || read.size === 0 ? -1 : unitIds.indexOf(last);
  return unitIds.slice(lastIndex + 1).find((id) => !read.has(id)) ?? unread[0];
}

/**
 * The unit itself that {@link nextUnitId} picks; `undefined` only when there are no units.
 * @example nextUnit(dailyUnits(documents), await store.postedUnitIds('C1'))?.place
 */
export function nextUnit<U extends { id: string }>(
  units: readonly U[],
  history: readonly string[],
): U | undefined {
  const id = nextUnitId(
    units.map((unit) => unit.id),
    history,
  );
  return units.find((unit) => unit.id === id);
}
