import { describe, expect, it } from 'vitest';
import { describeSubscription, formatLocal } from '../../src/daily/describe.ts';
import { buildExcerpt } from '../../src/daily/excerpt.ts';
import {
  channelDate,
  cronPattern,
  nextPostingDate,
  nextPostTime,
  postsOn,
  todaysSlot,
} from '../../src/daily/schedule.ts';
import type { DailySchedule, DailyUnit } from '../../src/daily/types.ts';
import type { PostRecord, Subscription } from '../../src/store/types.ts';
import { subscriptionInput } from '../support/subscriptions.ts';

const at = (iso: string) => new Date(iso);
const schedule = (
  time: string,
  timeZone: string,
  days: DailySchedule['days'] = 'weekdays',
): DailySchedule => {
  const [hour, minute] = time.split(':').map(Number);
  return { time: { hour: hour ?? 0, minute: minute ?? 0 }, timeZone, days };
};

describe('cronPattern', () => {
  it('encodes time and days', () => {
    expect(cronPattern(schedule('09:05', 'UTC'))).toBe('5 9 * * 1-5');
    expect(cronPattern(schedule('23:59', 'UTC', 'everyday'))).toBe('59 23 * * *');
  });
});

describe('postsOn and nextPostingDate', () => {
  it('skip Saturday and Sunday for weekdays, nothing for everyday, across a month and a year', () => {
    expect(postsOn('weekdays', '2026-11-27')).toBe(true); // Friday
    expect(postsOn('weekdays', '2026-11-28')).toBe(false);
    expect(postsOn('everyday', '2026-11-28')).toBe(true);
    expect(nextPostingDate('weekdays', '2026-11-28')).toBe('2026-11-30');
    expect(nextPostingDate('weekdays', '2027-01-02')).toBe('2027-01-04');
    expect(nextPostingDate('weekdays', '2026-11-30')).toBe('2026-11-30');
    expect(nextPostingDate('everyday', '2026-11-29')).toBe('2026-11-29');
  });
});

describe('channelDate', () => {
  it('is the calendar date in the channel zone', () => {
    const instant = at('2025-11-26T17:00:00Z');
    expect(channelDate(instant, 'Asia/Shanghai')).toBe('2025-11-27');
    expect(channelDate(instant, 'Europe/Berlin')).toBe('2025-11-26');
    expect(channelDate(at('2025-11-27T04:59:59Z'), 'America/New_York')).toBe('2025-11-26');
    expect(channelDate(at('2025-11-27T05:00:00Z'), 'America/New_York')).toBe('2025-11-27');
  });
});

describe('nextPostTime', () => {
  it('is the next slot in the channel zone, strictly after the instant', () => {
    const shanghai = schedule('09:00', 'Asia/Shanghai');
    // Wednesday 2025-11-26, 08:00 in Shanghai.
    expect(nextPostTime(shanghai, at('2025-11-26T00:00:00Z'))).toEqual(at('2025-11-26T01:00:00Z'));
    expect(nextPostTime(shanghai, at('2025-11-26T01:00:00Z'))).toEqual(at('2025-11-27T01:00:00Z'));
  });

  it('skips weekends for weekdays, not for everyday', () => {
    // Friday 2025-11-28 10:00 in Shanghai.
    const friday = at('2025-11-28T02:00:00Z');
    expect(nextPostTime(schedule('09:00', 'Asia/Shanghai'), friday)).toEqual(at('2025-12-01T01:00:00Z'));
    expect(nextPostTime(schedule('09:00', 'Asia/Shanghai', 'everyday'), friday)).toEqual(
      at('2025-11-29T01:00:00Z'),
    );
  });

  it('keeps the wall-clock time across the Berlin spring change (2026-03-29)', () => {
    const berlin = schedule('09:00', 'Europe/Berlin', 'everyday');
    const runs: Date[] = [];
    let instant = at('2026-03-27T12:00:00Z');
    for (let i = 0; i < 3; i++) {
      instant = nextPostTime(berlin, instant);
      runs.push(instant);
    }
    // 09:00 CET is 08:00Z; from the 29th 09:00 CEST is 07:00Z.
    expect(runs).toEqual([
      at('2026-03-28T08:00:00Z'),
      at('2026-03-29T07:00:00Z'),
      at('2026-03-30T07:00:00Z'),
    ]);
    // Weekdays: Friday 27th, then Monday 30th in summer time.
    expect(nextPostTime(schedule('09:00', 'Europe/Berlin'), at('2026-03-27T08:00:00Z'))).toEqual(
      at('2026-03-30T07:00:00Z'),
    );
  });

  it('posts a slot inside the skipped hour an hour later that day, and a repeated hour once', () => {
    const night = schedule('02:30', 'Europe/Berlin', 'everyday');
    expect(nextPostTime(night, at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-29T01:30:00Z')); // 03:30 CEST
    // 02:30 happens twice on 2026-10-25 (00:30Z in CEST, 01:30Z in CET): one run that day.
    const autumn = nextPostTime(night, at('2026-10-24T12:00:00Z'));
    expect([at('2026-10-25T00:30:00Z').getTime(), at('2026-10-25T01:30:00Z').getTime()]).toContain(
      autumn.getTime(),
    );
    expect(nextPostTime(night, autumn)).toEqual(at('2026-10-26T01:30:00Z'));
    // Walking on from either occurrence never gives the 25th twice.
    expect(channelDate(nextPostTime(night, at('2026-10-25T00:30:00Z')), 'Europe/Berlin')).not.toBe(
      '2026-10-25',
    );
  });

  it('follows New York through both changes', () => {
    const ny = schedule('09:00', 'America/New_York');
    // Friday 2026-03-06 09:00 EST is 14:00Z; Monday 9th 09:00 EDT is 13:00Z.
    expect(nextPostTime(ny, at('2026-03-06T14:00:00Z'))).toEqual(at('2026-03-09T13:00:00Z'));
    // Friday 2026-10-30 09:00 EDT is 13:00Z; Monday 2026-11-02 09:00 EST is 14:00Z.
    expect(nextPostTime(ny, at('2026-10-30T13:00:00Z'))).toEqual(at('2026-11-02T14:00:00Z'));
  });
});

describe('todaysSlot', () => {
  const shanghai = schedule('09:00', 'Asia/Shanghai');

  it('is due from the slot until the end of the channel day', () => {
    expect(todaysSlot(shanghai, at('2025-11-26T00:59:59Z'))).toBeUndefined();
    expect(todaysSlot(shanghai, at('2025-11-26T01:00:00Z'))).toEqual({
      at: at('2025-11-26T01:00:00Z'),
      channelDate: '2025-11-26',
    });
    // 23:59 in Shanghai: still today's slot.
    expect(todaysSlot(shanghai, at('2025-11-26T15:59:00Z'))?.channelDate).toBe('2025-11-26');
  });

  it("never returns yesterday's slot", () => {
    // 00:30 on Thursday in Shanghai: Wednesday's slot has passed, Thursday's has not come.
    expect(todaysSlot(shanghai, at('2025-11-26T16:30:00Z'))).toBeUndefined();
    // A late evening slot, checked the next morning.
    const late = schedule('23:30', 'Europe/Berlin', 'everyday');
    expect(todaysSlot(late, at('2025-11-26T22:45:00Z'))).toBeDefined(); // 23:45 Berlin
    expect(todaysSlot(late, at('2025-11-26T23:15:00Z'))).toBeUndefined(); // 00:15 next day
  });

  it('has no slot on weekends for weekdays', () => {
    // Saturday 2025-11-29, noon in Shanghai.
    expect(todaysSlot(shanghai, at('2025-11-29T04:00:00Z'))).toBeUndefined();
    expect(
      todaysSlot(schedule('09:00', 'Asia/Shanghai', 'everyday'), at('2025-11-29T04:00:00Z')),
    ).toBeDefined();
  });

  it('ignores slots before notBefore', () => {
    const now = at('2025-11-26T02:00:00Z');
    expect(todaysSlot(shanghai, now, at('2025-11-26T01:30:00Z'))).toBeUndefined();
    expect(todaysSlot(shanghai, now, at('2025-11-26T00:30:00Z'))).toBeDefined();
  });

  it('is right on the days of the DST changes', () => {
    const berlin = schedule('09:00', 'Europe/Berlin', 'everyday');
    expect(todaysSlot(berlin, at('2026-03-29T06:59:00Z'))).toBeUndefined();
    expect(todaysSlot(berlin, at('2026-03-29T07:00:00Z'))).toEqual({
      at: at('2026-03-29T07:00:00Z'),
      channelDate: '2026-03-29',
    });
    const skipped = schedule('02:30', 'Europe/Berlin', 'everyday');
    expect(todaysSlot(skipped, at('2026-03-29T01:29:00Z'))).toBeUndefined();
    expect(todaysSlot(skipped, at('2026-03-29T01:30:00Z'))?.channelDate).toBe('2026-03-29');
    const ny = schedule('00:30', 'America/New_York', 'everyday');
    // 2026-11-01 has 25 hours in New York; 23:59 local is 04:59Z the next day.
    expect(todaysSlot(ny, at('2026-11-02T04:59:00Z'))).toEqual({
      at: at('2026-11-01T04:30:00Z'),
      channelDate: '2026-11-01',
    });
  });
});

describe('buildExcerpt', () => {
  const unit: DailyUnit = {
    id: 'speech/s2-p3-1',
    docId: 'speech',
    docTitle: '凝心聚力 履职尽责',
    paragraphId: 'speech/s2-p3',
    heading: '一节',
    place: { section: 2, paragraph: 3, point: 1 },
    label: '一是',
    text: '第三,不折不扣完成教育目标。一是理论学习有收获。',
    source: '来源:中国档案报',
  };

  it('dates the excerpt in the channel, with its weekday', () => {
    expect(buildExcerpt(unit, '2025-11-26')).toEqual({
      unit,
      channelDate: '2025-11-26',
      month: 11,
      day: 26,
      weekday: 3,
    });
    expect(buildExcerpt(unit, '2026-01-04')).toMatchObject({ month: 1, day: 4, weekday: 0 });
  });
});

describe('describeSubscription', () => {
  const subscription: Subscription = {
    ...subscriptionInput(),
    teamId: 'T1',
    paused: false,
    pausedReason: null,
    createdAt: at('2025-11-25T00:00:00Z'),
    updatedAt: at('2025-11-25T00:00:00Z'),
    activeSince: at('2025-11-25T00:00:00Z'),
  };

  it('gives the settings and the next post time, as data (the Slack layer words it)', () => {
    expect(describeSubscription(subscription, at('2025-11-26T02:00:00Z'), undefined)).toEqual({
      time: { hour: 9, minute: 0 },
      timeZone: 'Asia/Shanghai',
      days: 'weekdays',
      configured: false,
      paused: false,
      nextPost: at('2025-11-27T01:00:00Z'),
    });
    expect(
      describeSubscription(
        { ...subscription, paused: true, pausedReason: 'is_archived' },
        new Date(),
        undefined,
      ),
    ).toEqual({
      time: { hour: 9, minute: 0 },
      timeZone: 'Asia/Shanghai',
      days: 'weekdays',
      paused: true,
      pausedReason: 'is_archived',
      configured: false,
    });
    expect(formatLocal(at('2026-03-29T07:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29 09:00 (Sun 周日)');
  });

  it('counts the next post from when a new schedule applies', () => {
    const later = { ...subscription, activeSince: at('2025-11-27T02:00:00Z') };
    expect(describeSubscription(later, at('2025-11-26T02:00:00Z'), undefined)).toMatchObject({
      nextPost: at('2025-11-28T01:00:00Z'),
    });
  });

  describe('after a post today, when the time moves to later that day', () => {
    // Posted at 09:00 Shanghai on Wednesday 26th; at 10:00 the channel asks for 15:00.
    const moved = { ...subscription, time: { hour: 15, minute: 0 }, activeSince: at('2025-11-26T02:00:00Z') };
    const row = (status: PostRecord['status'], retryAt: Date | null = null): PostRecord => ({
      channelId: 'C1',
      channelDate: '2025-11-26',
      unitId: 'speech/intro-p1',
      instanceId: 'test',
      status,
      attempts: 1,
      claimedAt: at('2025-11-26T01:00:00Z'),
      ts: status === 'posted' ? '1.2' : null,
      error: status === 'failed' ? 'not_in_channel' : null,
      retryAt,
    });
    const nextPost = (logged: PostRecord | undefined) =>
      describeSubscription(moved, at('2025-11-26T02:00:00Z'), (date) =>
        date === logged?.channelDate ? logged : undefined,
      );

    it('promises tomorrow, not today again: one excerpt per date', () => {
      expect(nextPost(row('posted'))).toMatchObject({ nextPost: at('2025-11-27T07:00:00Z') });
      expect(nextPost(row('claimed'))).toMatchObject({ nextPost: at('2025-11-27T07:00:00Z') });
      // A failure after which Slack may have posted closes the day too.
      expect(nextPost(row('failed'))).toMatchObject({ nextPost: at('2025-11-27T07:00:00Z') });
    });

    it('promises today when nothing reached the channel (Slack refused or limited the post)', () => {
      expect(nextPost(undefined)).toMatchObject({ nextPost: at('2025-11-26T07:00:00Z') });
      expect(nextPost(row('failed', at('2025-11-26T01:00:00Z')))).toMatchObject({
        nextPost: at('2025-11-26T07:00:00Z'),
      });
    });

    it('reads only the row of the date the next post falls on', () => {
      const yesterday = { ...row('posted'), channelDate: '2025-11-25' };
      expect(nextPost(yesterday)).toMatchObject({ nextPost: at('2025-11-26T07:00:00Z') });
    });

    it('skips a date posted under the old zone when the zone moves west', () => {
      // Posted at 09:00 in Shanghai on the 26th; at 10:00 there (02:00Z) the channel moves to New
      // York, where it is still the 25th: 09:00 there on the 26th is a date the log has closed.
      const west = { ...moved, time: { hour: 9, minute: 0 }, timeZone: 'America/New_York' };
      const posted = row('posted');
      const status = describeSubscription(west, at('2025-11-26T02:00:00Z'), (date) =>
        date === posted.channelDate ? posted : undefined,
      );
      expect(status).toMatchObject({ nextPost: at('2025-11-27T14:00:00Z') });
    });

    it('skips three closed dates when the zone moves from UTC+14 to UTC-12', () => {
      // Posted in Kiritimati on its 28th, 29th and 30th; at 11:00Z on the 29th (23:00 on the 28th at
      // UTC-12) the channel moves to 23:30 at UTC-12, whose next three dates are all closed.
      const farWest = {
        ...moved,
        time: { hour: 23, minute: 30 },
        timeZone: 'Etc/GMT+12',
        days: 'everyday' as const,
        activeSince: at('2026-11-29T11:00:00Z'),
      };
      const closed = new Set(['2026-11-28', '2026-11-29', '2026-11-30']);
      const status = describeSubscription(farWest, at('2026-11-29T11:00:00Z'), (date) =>
        closed.has(date) ? { ...row('posted'), channelDate: date } : undefined,
      );
      expect(status).toMatchObject({ nextPost: at('2026-12-02T11:30:00Z') });
    });
  });
});
