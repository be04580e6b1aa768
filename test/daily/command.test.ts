import { describe, expect, it } from 'vitest';
import { parseDailyCommand, parseTime } from '../../src/daily/command.ts';
import { DailyConfigError, dailyConfigFromEnv, isChannelId } from '../../src/daily/config.ts';
import { validTimeZone } from '../../src/daily/zones.ts';

describe('parseDailyCommand', () => {
  it('reads show and off', () => {
    expect(parseDailyCommand('')).toEqual({ ok: true, command: { kind: 'show' } });
    expect(parseDailyCommand('   ')).toEqual({ ok: true, command: { kind: 'show' } });
    expect(parseDailyCommand('off')).toEqual({ ok: true, command: { kind: 'off' } });
    expect(parseDailyCommand(' OFF ')).toEqual({ ok: true, command: { kind: 'off' } });
  });

  it('reads a time, defaulting to weekdays and leaving the zone to the caller', () => {
    expect(parseDailyCommand('09:00')).toEqual({
      ok: true,
      command: { kind: 'subscribe', time: { hour: 9, minute: 0 }, days: 'weekdays' },
    });
    expect(parseDailyCommand('9:05')).toMatchObject({ command: { time: { hour: 9, minute: 5 } } });
    expect(parseDailyCommand('00:00')).toMatchObject({ command: { time: { hour: 0, minute: 0 } } });
    expect(parseDailyCommand('23:59')).toMatchObject({ command: { time: { hour: 23, minute: 59 } } });
  });

  it('accepts a full-width colon and full-width digits', () => {
    expect(parseDailyCommand('09:00')).toMatchObject({ ok: true, command: { time: { hour: 9, minute: 0 } } });
    expect(parseDailyCommand('09:30')).toMatchObject({
      ok: true,
      command: { time: { hour: 9, minute: 30 } },
    });
  });

  it('reads days and a zone in either order', () => {
    expect(parseDailyCommand('09:00 everyday')).toMatchObject({ command: { days: 'everyday' } });
    expect(parseDailyCommand('09:00 weekdays')).toMatchObject({ command: { days: 'weekdays' } });
    expect(parseDailyCommand('09:00 Europe/Berlin')).toEqual({
      ok: true,
      command: {
        kind: 'subscribe',
        time: { hour: 9, minute: 0 },
        timeZone: 'Europe/Berlin',
        days: 'weekdays',
      },
    });
    expect(parseDailyCommand('07:15 everyday America/New_York')).toMatchObject({
      command: { timeZone: 'America/New_York', days: 'everyday' },
    });
    expect(parseDailyCommand('07:15 America/New_York Everyday')).toMatchObject({
      command: { timeZone: 'America/New_York', days: 'everyday' },
    });
    expect(parseDailyCommand('8:00 每天')).toMatchObject({ command: { days: 'everyday' } });
  });

  it('canonicalises the zone spelling', () => {
    expect(parseDailyCommand('09:00 europe/berlin')).toMatchObject({
      command: { timeZone: 'Europe/Berlin' },
    });
    expect(parseDailyCommand('09:00 UTC')).toMatchObject({ command: { timeZone: 'UTC' } });
  });

  it.each(['25:00', '9', '24:00', '12:60', '9.00', '09:0', '-1:00', 'nine'])(
    'rejects the time %s',
    (text) => {
      const result = parseDailyCommand(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // What the user typed, as typed: the Slack layer words the error and quotes it safely.
      expect(result.error).toEqual({ code: 'bad_time', typed: text });
    },
  );

  it('rejects unknown zones', () => {
    const result = parseDailyCommand('09:00 Mars/Olympus_Mons');
    expect(result).toEqual({ ok: false, error: { code: 'unknown_zone', typed: 'Mars/Olympus_Mons' } });
    expect(parseDailyCommand('09:00 Europe/Berlinn')).toMatchObject({
      ok: false,
      error: { code: 'unknown_zone' },
    });
  });

  it('rejects extra junk and repeated options', () => {
    expect(parseDailyCommand('09:00 please')).toEqual({
      ok: false,
      error: { code: 'unexpected', typed: 'please' },
    });
    expect(parseDailyCommand('09:00 everyday now')).toEqual({
      ok: false,
      error: { code: 'unexpected', typed: 'now' },
    });
    expect(parseDailyCommand('off now')).toEqual({
      ok: false,
      error: { code: 'unexpected', typed: 'now', after: 'off' },
    });
    expect(parseDailyCommand('Show me  please')).toEqual({
      ok: false,
      error: { code: 'unexpected', typed: 'me please', after: 'Show' },
    });
    expect(parseDailyCommand('09:00 everyday weekdays')).toEqual({
      ok: false,
      error: { code: 'duplicate_option', option: 'days' },
    });
    expect(parseDailyCommand('09:00 UTC Asia/Shanghai')).toEqual({
      ok: false,
      error: { code: 'duplicate_option', option: 'zone' },
    });
    expect(parseDailyCommand('09:00 10:00')).toEqual({
      ok: false,
      error: { code: 'duplicate_option', option: 'time' },
    });
  });

  it('refuses a zone abbreviation, which names different zones to different people', () => {
    // To a reader of this speech CST is China Standard Time; ICU reads it as US Central time
    // (America/Chicago, or CST6CDT in other ICU data).
    for (const typed of ['CST', 'cst', 'IST', 'BST', 'PRC']) {
      expect(parseDailyCommand(`09:00 ${typed}`)).toMatchObject({
        ok: false,
        error: { code: 'zone_abbreviation', typed },
      });
    }
    expect(parseDailyCommand('09:00 CST')).toMatchObject({
      error: { reading: expect.stringMatching(/^(America\/Chicago|CST6CDT)$/) },
    });
    expect(parseDailyCommand('09:00 gmt')).toMatchObject({ ok: true, command: { timeZone: 'UTC' } });
    expect(parseDailyCommand('09:00 Asia/Shanghai')).toMatchObject({
      command: { timeZone: 'Asia/Shanghai' },
    });
  });

  it('takes the other names of UTC as UTC, not as abbreviations', () => {
    for (const typed of ['Zulu', 'Universal', 'GMT0', 'UCT']) {
      expect(parseDailyCommand(`09:00 ${typed}`), typed).toMatchObject({
        ok: true,
        command: { kind: 'subscribe' },
      });
    }
  });

  it('gives a 12-hour time back on the 24-hour clock instead of reading "pm" as a zone', () => {
    expect(parseDailyCommand('9:30 pm')).toEqual({
      ok: false,
      error: { code: 'twelve_hour_clock', typed: '9:30 pm', time: { hour: 21, minute: 30 }, rest: '' },
    });
    // What followed the time is kept, so the command can be given back whole; echoed as typed.
    expect(parseDailyCommand('9:30 PM Europe/Berlin everyday')).toMatchObject({
      error: { typed: '9:30 PM', rest: 'Europe/Berlin everyday' },
    });
    // Not given back when the command with it would be refused too (an abbreviation).
    expect(parseDailyCommand('9pm EST')).toMatchObject({
      error: { time: { hour: 21, minute: 0 }, rest: '' },
    });
    expect(parseDailyCommand('9AM')).toMatchObject({ error: { typed: '9AM', time: { hour: 9, minute: 0 } } });
    expect(parseDailyCommand('12:15AM everyday')).toMatchObject({ error: { time: { hour: 0, minute: 15 } } });
    expect(parseDailyCommand('12pm')).toMatchObject({ error: { time: { hour: 12, minute: 0 } } });
    // Not a 12-hour time: refused as before.
    expect(parseDailyCommand('13pm')).toMatchObject({ error: { code: 'bad_time', typed: '13pm' } });
  });

  it('names the zone for an offset, whose sign IANA reverses', () => {
    expect(parseDailyCommand('09:00 UTC+8')).toEqual({
      ok: false,
      error: { code: 'utc_offset', typed: 'UTC+8', zone: 'Etc/GMT-8' },
    });
    expect(parseDailyCommand('09:00 gmt-5')).toMatchObject({ error: { zone: 'Etc/GMT+5' } });
    expect(parseDailyCommand('09:00 UTC+14')).toMatchObject({ error: { zone: 'Etc/GMT-14' } });
    // Offsets no zone name stands for: no zone is suggested.
    for (const typed of ['UTC-13', 'UTC+5:30', 'GMT+15']) {
      expect(parseDailyCommand(`09:00 ${typed}`), typed).toEqual({
        ok: false,
        error: { code: 'utc_offset', typed },
      });
    }
    expect(parseDailyCommand('09:00 GMT+0')).toMatchObject({ ok: true });
    expect(parseDailyCommand('09:00 Etc/GMT-8')).toMatchObject({
      ok: true,
      command: { timeZone: 'Etc/GMT-8' },
    });
  });

  it('reads help', () => {
    expect(parseDailyCommand('help')).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseDailyCommand('帮助')).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseDailyCommand('help me')).toMatchObject({
      ok: false,
      error: { code: 'unexpected', typed: 'me' },
    });
  });

  it('asks for the time first when only options are given', () => {
    expect(parseDailyCommand('everyday')).toEqual({ ok: false, error: { code: 'missing_time' } });
    expect(parseDailyCommand('Europe/Berlin 09:00')).toMatchObject({
      ok: false,
      error: { code: 'missing_time' },
    });
  });
});

describe('parseTime and validTimeZone', () => {
  it('parse the pieces on their own', () => {
    expect(parseTime('7:45')).toEqual({ hour: 7, minute: 45 });
    expect(parseTime('7:45 ')).toEqual({ hour: 7, minute: 45 });
    expect(parseTime('24:00')).toBeUndefined();
    expect(validTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    // A link keeps the name typed: ICU would say America/Panama for EST.
    expect(validTimeZone('EST')).toBe('EST');
    expect(validTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    // In lower case a link has no spelling of its own: ICU's name (which depends on its data).
    for (const typed of ['est', 'europe/kyiv']) expect(validTimeZone(typed)).toMatch(/^[A-Z]/);
    expect(validTimeZone('+08:00')).toBeUndefined();
    expect(validTimeZone('')).toBeUndefined();
  });
});

describe('dailyConfigFromEnv', () => {
  it('defaults the zone to Asia/Shanghai and subscribes nothing without DAILY_CHANNEL', () => {
    expect(dailyConfigFromEnv({})).toEqual({ defaultTimeZone: 'Asia/Shanghai' });
    expect(dailyConfigFromEnv({ DEFAULT_TZ: 'Europe/Berlin', DAILY_TIME: '08:00' })).toEqual({
      defaultTimeZone: 'Europe/Berlin',
    });
  });

  it('reads a config-only channel', () => {
    expect(
      dailyConfigFromEnv({
        DAILY_CHANNEL: 'C1',
        DAILY_TIME: '8:30',
        DAILY_DAYS: 'everyday',
        DEFAULT_TZ: 'UTC',
      }),
    ).toEqual({
      defaultTimeZone: 'UTC',
      channel: { channelId: 'C1', time: { hour: 8, minute: 30 }, timeZone: 'UTC', days: 'everyday' },
    });
    expect(dailyConfigFromEnv({ DAILY_CHANNEL: 'C1' }).channel).toEqual({
      channelId: 'C1',
      time: { hour: 9, minute: 0 },
      timeZone: 'Asia/Shanghai',
      days: 'weekdays',
    });
  });

  it('names the bad variable', () => {
    expect(() => dailyConfigFromEnv({ DEFAULT_TZ: 'Nowhere/Land' })).toThrow(/DEFAULT_TZ/);
    expect(() => dailyConfigFromEnv({ DEFAULT_TZ: 'CST' })).toThrow(
      /DEFAULT_TZ="CST" is an abbreviation.*\((this runtime reads it as (America\/Chicago|CST6CDT))\).*Asia\/Shanghai/,
    );
    expect(() => dailyConfigFromEnv({ DAILY_CHANNEL: 'C1', DAILY_TIME: '25:00' })).toThrow(DailyConfigError);
    expect(() => dailyConfigFromEnv({ DAILY_CHANNEL: 'C1', DAILY_DAYS: 'sometimes' })).toThrow(/DAILY_DAYS/);
    expect(() => dailyConfigFromEnv({ DAILY_CHANNEL: '#general' })).toThrow(/DAILY_CHANNEL.*"#general"/);
  });

  it('reports a bad DAILY_CHANNEL together with the other problems', () => {
    try {
      dailyConfigFromEnv({ DAILY_CHANNEL: 'general', DAILY_TIME: '25:00' });
      expect.unreachable('a DailyConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(DailyConfigError);
      const { problems } = error as DailyConfigError;
      expect(problems.map((problem) => problem.split(/[ =]/)[0])).toEqual(['DAILY_TIME', 'DAILY_CHANNEL']);
    }
  });
});

describe('isChannelId', () => {
  it('takes C, G and D ids in upper case, and nothing else', () => {
    for (const id of ['C0123ABCD', 'G01ABCDEF23', 'D024BE91L', 'C1']) expect(isChannelId(id), id).toBe(true);
    for (const text of ['#general', 'general', 'c0123abcd', 'U0123ABCD', 'C', 'C0123-ABCD', ' C0123ABCD']) {
      expect(isChannelId(text), text).toBe(false);
    }
  });
});
