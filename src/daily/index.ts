export {
  DAILY_USAGE,
  type DailyCommand,
  type DailyCommandResult,
  type DailyUsageError,
  formatTime,
  parseDailyCommand,
  parseDays,
  parseTime,
  TIME_HINT,
  validTimeZone,
} from './command.ts';
export {
  type DailyConfig,
  DailyConfigError,
  dailyConfigFromEnv,
  FALLBACK_TIME_ZONE,
  isChannelId,
} from './config.ts';
export { describeSubscription, formatLocal } from './describe.ts';
export { buildExcerpt, type DailyExcerpt } from './excerpt.ts';
export { nextUnit, nextUnitId, type RotationState, rotationState } from './rotation.ts';
export {
  channelDate,
  cronPattern,
  type DailySlot,
  isCalendarDate,
  isDue,
  nextPostTime,
  todaysSlot,
} from './schedule.ts';
export {
  type DailyLogger,
  DailyScheduler,
  type DailySchedulerOptions,
  PAUSE_ERRORS,
  type PassReport,
  type PostResult,
  RETRYABLE_ERRORS,
  type Timers,
} from './scheduler.ts';
export { excerptFor } from './today.ts';
export type { DailyDays, DailySchedule, DailyTime, DailyUnit } from './types.ts';
export { type DailyUnitsOptions, dailyUnits } from './units.ts';
