import type { Store } from '../store/types.ts';
import { buildExcerpt, type DailyExcerpt } from './excerpt.ts';
import { nextUnit } from './rotation.ts';
import type { DailyUnit } from './types.ts';

/**
 * The excerpt a channel gets (or got) on a date: the unit already claimed for that day if
 * there is one, otherwise the next one in the channel's rotation. Without a store, the rotation
 * starts at the beginning. `undefined` when there are no units.
 *
 * @example await excerptFor(store, dailyUnits(documents), 'C123', '2026-11-26')
 */
export async function excerptFor(
  store: Pick<Store, 'getPost' | 'postedUnitIds'> | undefined,
  units: readonly DailyUnit[],
  channelId: string,
  channelDate: string,
): Promise<DailyExcerpt | undefined> {
  const claimed = await store?.getPost(channelId, channelDate);
  const claimedUnit =
    claimed && claimed.status !== 'failed' ? units.find((unit) => unit.id === claimed.unitId) : undefined;
  if (claimedUnit) return buildExcerpt(claimedUnit, channelDate);
  const unit = nextUnit(units, (await store?.postedUnitIds(channelId)) ?? []);
  return unit && buildExcerpt(unit, channelDate);
}
