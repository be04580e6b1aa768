/** Time zones: which ones this runtime knows, and how a name is spelled back to people. */

/** Why a subscription whose zone this runtime does not know gets no post from it. */
export const UNKNOWN_TIME_ZONE = 'unknown_time_zone';

/**
 * An IANA time zone the runtime knows, or `undefined`. Zone names are matched
 * case-insensitively, so `europe/berlin` gives `Europe/Berlin`. A link typed with its own
 * capitals keeps that name (`EST`, `Europe/Kyiv`) rather than ICU's target (America/Panama,
 * Europe/Kiev on older data): the same clock, but a confirmation should name what was typed.
 * Typed in lower case, a link has no spelling of its own to keep, and ICU's name is used.
 *
 * @example validTimeZone('asia/shanghai') // 'Asia/Shanghai'
 * @example validTimeZone('EST') // 'EST'
 * @example validTimeZone('Mars/Olympus') // undefined
 */
export function validTimeZone(text: string): string | undefined {
  // Only zone-shaped words: Intl also accepts offsets in newer runtimes, which would make the
  // accepted set depend on the Node version.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (resolved.toLowerCase() === text.toLowerCase()) return resolved;
  return text.split('/').every((part) => /^[A-Z]/.test(part)) ? text : resolved;
}

/** Zones without a region that mean one thing everywhere: UTC and its other names. */
const UNIVERSAL_ZONES = new Set([
  'utc',
  'gmt',
  'uct',
  'universal',
  'zulu',
  'gmt0',
  'gmt+0',
  'gmt-0',
  'greenwich',
]);

/** A zone a person typed, read strictly (see {@link readTypedTimeZone}). */
export type TypedTimeZone =
  | { ok: true; zone: string }
  | { ok: false; reason: 'unknown' }
  /** `CST`, `IST`, `PRC`: a name without a region, which this runtime reads as `reading`. */
  | { ok: false; reason: 'abbreviation'; reading: string };

/**
 * A time zone as a person types it in a command or in DEFAULT_TZ: an IANA `Region/City` name, or
 * UTC/GMT. An abbreviation is refused even where the runtime knows one: CST is China Standard
 * Time to the people who use this bot and America/Chicago to ICU, and IST and BST are as
 * ambiguous. Zones already stored are read with {@link validTimeZone}, so nothing saved stops.
 *
 * @example readTypedTimeZone('Asia/Shanghai') // { ok: true, zone: 'Asia/Shanghai' }
 * @example readTypedTimeZone('CST') // { ok: false, reason: 'abbreviation', reading: 'America/Chicago' }
 */
export function readTypedTimeZone(text: string): TypedTimeZone {
  const zone = validTimeZone(text);
  if (!zone) return { ok: false, reason: 'unknown' };
  if (text.includes('/') || UNIVERSAL_ZONES.has(text.toLowerCase())) return { ok: true, zone };
  const reading = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  return { ok: false, reason: 'abbreviation', reading };
}

/** How to name a zone, for the error that refuses an abbreviation. */
export const ZONE_HINT = 'type a Region/City zone such as Asia/Shanghai (China) or Europe/Berlin';
