import { describe, expect, it } from 'vitest';
import { POST_LOG_DAYS, pruneBefore, reportUnfinishedClaims } from '../../src/store/maintenance.ts';
import { MemoryStore } from '../../src/store/memory.ts';

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
  };
}

describe('pruneBefore', () => {
  it('keeps two years of post log, counted in UTC days', () => {
    expect(POST_LOG_DAYS).toBe(730);
    expect(pruneBefore(new Date('2026-11-27T23:59:00Z'))).toBe('2024-11-27');
    expect(pruneBefore(new Date('2026-03-01T00:00:00Z'), 1)).toBe('2026-02-28');
  });
});

describe('reportUnfinishedClaims', () => {
  it('logs each claim older than ten minutes whose outcome was never recorded, naming channel, date and claimant', async () => {
    let now = new Date('2026-11-26T01:00:00Z');
    const store = new MemoryStore({ now: () => now });
    await store.claimPost('C1', '2026-11-26', 'speech/s1-p2', 'host:4242:ab');
    await store.claimPost('C2', '2026-11-26', 'speech/s1-p3', 'host:4242:ab');
    await store.recordPostOutcome('C2', '2026-11-26', { status: 'posted', ts: '1.1' });
    now = new Date('2026-11-26T01:05:00Z');
    const logger = recordingLogger();
    expect(await reportUnfinishedClaims(store, now, logger)).toBe(0);
    now = new Date('2026-11-26T01:30:00Z');
    expect(await reportUnfinishedClaims(store, now, logger)).toBe(1);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /C1 on 2026-11-26 \(speech\/s1-p2\) was claimed by host:4242:ab .* not retried/,
    );
    // Reported at the starts of the next two days, then no more.
    now = new Date('2026-11-29T00:00:00Z');
    expect(await reportUnfinishedClaims(store, now, logger)).toBe(0);
  });
});
