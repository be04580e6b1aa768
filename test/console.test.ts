import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { messageToText } from '../src/console/blocks-text.ts';
import { localReply, runLocalConsole } from '../src/console/local.ts';
import { tableOfContents } from '../src/content/toc.ts';
import { DEFAULT_CONTENT_DIR } from '../src/paths.ts';
import type { SlackDeps } from '../src/slack/context.ts';
import { openSpeech } from '../src/speech.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const deps: SlackDeps = { search, toc: tableOfContents(search.documents), command: '/speech' };

describe('localReply', () => {
  it('shows /speech 档案安全 as the asker sees it: quote with bold match, source, buttons', async () => {
    const text = await localReply(deps, '/speech 档案安全');
    const lines = text.split('\n');
    expect(lines[0]).toBe('(only you can see this)');
    expect(text).toContain('🔎 档案安全');
    expect(text).toContain('第二部分 · 第四段 · 四要');
    const quote = lines.find((line) => line.startsWith('┃ '));
    expect(quote).toContain('严守*档案安全底线*不到位');
    expect(text).toContain('— 来源:中国档案报');
    expect(text).toContain('[分享到频道 Share to channel]');
    expect(text).toContain('[下一条 Next result]');
    expect(text).not.toContain('\x1b[');
  });

  it('shows @bot 问题 as the thread reply: no Share button, no restated query', async () => {
    const text = await localReply(deps, '@bot 主题教育的总要求是什么?');
    expect(text.split('\n')[0]).toBe('(in a thread)');
    expect(text).toContain('守*初心*');
    expect(text.replaceAll('*', '')).toContain('守初心、担使命');
    expect(text).toContain('┃ ');
    expect(text).not.toContain('Share to channel');
    expect(text).not.toContain('🔎');
  });

  it('answers any other line as a mention', async () => {
    const text = await localReply(deps, '  档案安全  ');
    expect(text.split('\n')[0]).toBe('(in a thread)');
    expect(text).toContain('档案安全');
  });

  it('shows /speech help and a bare /speech as usage and contents', async () => {
    for (const line of ['/speech help', '/speech', '  /speech  ']) {
      const text = await localReply(deps, line);
      expect(text.split('\n')[0]).toBe('(only you can see this)');
      expect(text).toContain('*怎么用 How to use*');
      expect(text).toContain('目录 Contents');
      expect(text).toContain('────────');
      for (const part of ['第一部分', '第二部分', '第三部分']) expect(text).toContain(part);
    }
  });

  it('does not take /speechless for the command', async () => {
    expect((await localReply(deps, '/speechless 档案安全')).split('\n')[0]).toBe('(in a thread)');
  });

  it('undoes Slack escapes, so a < reads as typed, and takes out a mention as Slack would', async () => {
    const text = await localReply(deps, '/speech <!channel> a<b 档案安全');
    expect(text).toContain('🔎 a<b 档案安全');
    expect(text).not.toContain('&lt;');
  });

  it('says /speech daily needs Slack, and how to see the excerpt locally', async () => {
    const text = await localReply(deps, '/speech daily 09:00');
    expect(text.split('\n')[0]).toBe('(only you can see this)');
    expect(text).toContain('需要连接 Slack 工作区');
    expect(text).toContain('needs Slack (a connected workspace)');
    expect(text).toContain('npm run ask -- --daily');
    expect(text).not.toContain('尚未开启');
  });

  it('marks bold with ANSI on a terminal', async () => {
    const text = await localReply(deps, '/speech 档案安全', true);
    expect(text).toContain('\x1b[1m档案安全底线\x1b[0m');
  });
});

describe('messageToText', () => {
  it('prints the fallback text of a message without blocks', () => {
    expect(messageToText({ text: 'plain &lt;b&gt;', blocks: [] })).toBe('plain &lt;b&gt;');
  });

  it('prints a header in bold followed by a blank line', () => {
    expect(
      messageToText({ text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: '标题' } }] }),
    ).toBe('*标题*\n');
  });
});

describe('runLocalConsole', () => {
  it('answers each line in order, then resolves on "exit"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const done = runLocalConsole(
      deps,
      input as unknown as typeof process.stdin,
      output as unknown as typeof process.stdout,
    );
    input.write('/speech 档案安全\n\n@bot 主题教育的总要求是什么?\n/speech help\nexit\n');
    await done;
    expect(printed).toContain('No Slack credentials: local console');
    const first = printed.indexOf('(only you can see this)');
    const second = printed.indexOf('(in a thread)');
    const third = printed.lastIndexOf('*怎么用 How to use*');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(printed).toContain('[分享到频道 Share to channel]');
    expect(printed).not.toContain('Error:');
  });

  it('resolves at the end of input (Ctrl-D)', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const done = runLocalConsole(
      deps,
      input as unknown as typeof process.stdin,
      output as unknown as typeof process.stdout,
    );
    input.end('/speech 档案安全\n');
    await expect(done).resolves.toBeUndefined();
  });
});
