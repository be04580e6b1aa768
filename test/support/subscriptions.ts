import type { Subscription, SubscriptionInput } from '../../src/store/types.ts';

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

/** {@link subscriptionInput} as the store keeps it: active, created and updated at `at`. */
export function storedSubscription(
  at: Date,
  overrides: Partial<Subscription> & Pick<Subscription, 'channelId'>,
): Subscription {
  return {
    ...subscriptionInput(),
    teamId: 'T1',
    paused: false,
    pausedReason: null,
    createdAt: at,
    updatedAt: at,
    activeSince: at,
    ...overrides,
  };
}
