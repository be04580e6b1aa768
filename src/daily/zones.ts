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
