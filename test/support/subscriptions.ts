import type { SubscriptionInput } from '../../src/store/types.ts';

/**
 * A channel's daily subscription as `/speech daily 09:00` would create it, for store and
 * scheduler tests: C1 in T1, 09:00 Asia/Shanghai on weekdays, by U1.
 */
export function subscriptionInput(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    channelId: 'C1',
    teamId: 'T1',
    time: { hour: 9, minute: 0 },
    timeZone: 'Asia/Shanghai',
    days: 'weekdays',
    createdBy: 'U1',
    ...overrides,
  };
}
