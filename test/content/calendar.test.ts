import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../src/content/calendar.ts';

describe('isCalendarDate', () => {
  it('takes dates that exist, leap days included', () => {
    for (const date of ['2026-11-26', '2026-01-31', '2028-02-29', '2000-02-29', '0099-12-31']) {
      expect(isCalendarDate(date), date).toBe(true);
    }
  });

  it('refuses impossible dates and other shapes', () => {
    for (const date of [
      '2026-13-45',
      '2026-00-10',
      '2026-01-00',
      '2026-04-31',
      '2026-02-29',
      '1900-02-29',
      '2026-1-5',
      '26-11-26',
      '2026/11/26',
      ' 2026-11-26',
      '',
    ]) {
      expect(isCalendarDate(date), date).toBe(false);
    }
  });
});
