/**
 * `/speech daily <words>` that the bot cannot read: the reply quotes the words back, and must do
 * so without a broadcast (`<!channel>`), a live link (`<https://x|y>`), formatting (`*bold*`) or
 * a section past Slack's 3,000 characters. Runs the real handler on a real (in-memory) store.
 */
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyCommandHandler } from '../../src/slack/context.ts';
import { createDailyCommandHandler } from '../../src/slack/daily.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { markupProblems, messageProblems } from '../support/block-kit-limits.ts';

let store: SqliteStore;
let refreshes: number;
let handler: DailyCommandHandler;

/** Who runs the command, and where. */
const who = { userId: 'U1', channelId: 'C1', teamId: 'T1' };

beforeEach(() => {
  store = new SqliteStore(':memory:');
  refreshes = 0;
  handler = createDailyCommandHandler({
    store,
    scheduler: {
      refresh: async () => {
        refreshes += 1;
      },
    },
    // A usage error is answered before any Web API call; a call here would fail the test.
    client: new webApi.WebClient('xoxb-unused', {
      slackApiUrl: 'http://127.0.0.1:9/api/',
      retryConfig: { retries: 0 },
    }),
    defaultTimeZone: 'Asia/Shanghai',
    command: '/speech',
  });
});

afterEach(async () => {
  await store.close();
});

describe('/speech daily with words it cannot read', () => {
  it.each([
    ['<!channel>'],
    ['<!here>'],
    ['<@U999>'],
    ['<https://evil.example|click here>'],
    ['09:00 <!channel>'],
    ['off <!channel>'],
  ])('quotes %s back without Slack markup, privately', async (typed) => {
    const reply = await handler({ ...who, text: typed });
    expect(reply.visibility).toBe('user');
    expect(markupProblems(reply)).toEqual([]);
    expect(JSON.stringify(reply)).toContain('&lt;');
    expect(await store.getSubscription('C1')).toBeUndefined();
    expect(refreshes).toBe(0);
  });

  it('shows *bold* and `code` as typed: the reason quoting them is plain text', async () => {
    for (const typed of ['*bold*', '09:00 `code`', '09:00 _it_']) {
      const reply = await handler({ ...who, text: typed });
      const [reason] = reply.blocks;
      expect(reason).toMatchObject({ type: 'section', text: { type: 'plain_text' } });
      expect(reason?.type === 'section' && reason.text.text).toContain(typed.replace('09:00 ', ''));
    }
  });

  it('cuts a long word short, so no section passes 3,000 characters', async () => {
    for (const typed of ['x'.repeat(3_800), `09:00 ${'y'.repeat(3_800)}`, `off ${'z '.repeat(2_000)}`]) {
      const reply = await handler({ ...who, text: typed });
      expect(messageProblems(reply)).toEqual([]);
      expect(JSON.stringify(reply).length).toBeLessThan(3_000);
      expect(reply.text).toContain('Usage');
    }
  });

  it('renames /speech in its own words only, never in what the user typed', async () => {
    const renamed = createDailyCommandHandler({
      store,
      scheduler: { refresh: async () => {} },
      client: new webApi.WebClient('xoxb-unused', { slackApiUrl: 'http://127.0.0.1:9/api/' }),
      defaultTimeZone: 'Asia/Shanghai',
      command: '/rede',
    });
    const reply = await renamed({ ...who, text: '09:00 /speech' });
    expect(reply.text).toContain('"/speech" is not a time zone');
    expect(reply.text).toContain('`/rede daily 09:00`');
  });
});
