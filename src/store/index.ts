export { SqliteStore, type SqliteStoreOptions } from './sqlite.ts';
export type {
  PostOutcome,
  PostRecord,
  PostStatus,
  Store,
  Subscription,
  SubscriptionInput,
} from './types.ts';
