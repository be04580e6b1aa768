import { parseDays, parseTime, TIME_HINT } from './command.ts';
import type { DailyDays, DailyTime } from './types.ts';
import { readTypedTimeZone, ZONE_HINT } from './zones.ts';

/** The daily excerpt settings read from the environment. */
export interface DailyConfig {
  /** The zone for users without one and for DAILY_CHANNEL: DEFAULT_TZ, else `Asia/Shanghai`. */
  defaultTimeZone: string;
  /** A channel subscribed by configuration alone (DAILY_CHANNEL), if set. */
  channel?: { channelId: string; time: DailyTime; timeZone: string; days: DailyDays };
}

/** The zone used when neither the command, the user's Slack profile nor DEFAULT_TZ names one. */
export const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** Settings in the environment that cannot be used; each problem names its variable. */
export class DailyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DailyConfigError';
  }
}

/** Where to find a channel id, for the error when DAILY_CHANNEL is something else. */
const CHANNEL_ID_HOW_TO =
  "in Slack, open the channel's details (click its name) and copy the Channel ID at the bottom of the About tab; a #name does not work";

/**
 * Whether text is a Slack conversation id: C (channel), G (private channel, older workspaces)
 * or D (direct message), then upper-case letters and digits. Subscriptions and the post log are
 * keyed by the id Slack sends with every command, so a `#name` would be a subscription that
 * `/speech daily` in that very channel neither shows nor turns off.
 *
 * @example isChannelId('C0123ABCD') // true
 * @example isChannelId('#general') // false
 */
export function isChannelId(text: string): boolean {
  return /^[CGD][A-Z0-9]+$/.test(text);
}

/**
 * Reads DEFAULT_TZ, DAILY_CHANNEL, DAILY_TIME (HH:MM, default 09:00) and DAILY_DAYS
 * (weekdays|everyday, default weekdays). Without DAILY_CHANNEL only the default zone is set;
 * the chat layer upserts `channel` as a subscription (createdBy `config`) at start.
 *
 * @throws DailyConfigError for a bad DEFAULT_TZ, DAILY_CHANNEL, DAILY_TIME or DAILY_DAYS
 * @example dailyConfigFromEnv({ DAILY_CHANNEL: 'C123', DAILY_TIME: '08:30' })
 * // { defaultTimeZone: 'Asia/Shanghai', channel: { channelId: 'C123', time: { hour: 8, minute: 30 }, timeZone: 'Asia/Shanghai', days: 'weekdays' } }
 */
export function dailyConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DailyConfig {
  const problems: string[] = [];
  const zoneText = env.DEFAULT_TZ?.trim();
  const typedZone = zoneText ? readTypedTimeZone(zoneText) : { ok: true as const, zone: FALLBACK_TIME_ZONE };
  const defaultTimeZone = typedZone.ok ? typedZone.zone : undefined;
  if (!typedZone.ok) {
    problems.push(
      typedZone.reason === 'abbreviation'
        ? `DEFAULT_TZ="${zoneText}" is an abbreviation, which names different zones in different places (this runtime reads it as ${typedZone.reading}); ${ZONE_HINT}`
        : `DEFAULT_TZ="${zoneText}" is not a time zone; use a name such as Asia/Shanghai`,
    );
  }
  const timeText = env.DAILY_TIME?.trim() || '09:00';
  const time = parseTime(timeText);
  if (!time) problems.push(`DAILY_TIME="${timeText}" is not a time; ${TIME_HINT}`);
  const daysText = env.DAILY_DAYS?.trim() || 'weekdays';
  const days = parseDays(daysText);
  if (!days) problems.push(`DAILY_DAYS="${daysText}" must be weekdays or everyday`);
  const channelId = env.DAILY_CHANNEL?.trim();
  if (channelId && !isChannelId(channelId)) {
    problems.push(
      `DAILY_CHANNEL must be a Slack channel id such as C0123ABCD (got "${channelId}"): ${CHANNEL_ID_HOW_TO}`,
    );
  }
  if (problems.length > 0 || !defaultTimeZone || !time || !days) throw new DailyConfigError(problems);

  if (!channelId) return { defaultTimeZone };
  return { defaultTimeZone, channel: { channelId, time, timeZone: defaultTimeZone, days } };
}
