import { createInterface } from 'node:readline';
import { errorMessage } from '../errors.ts';
import type { SlackDeps } from '../slack/context.ts';
import { withoutSlackMarkup } from '../slack/render/text.ts';
import { commandReply, questionReply } from '../slack/replies.ts';
import { botWords, WORDS } from '../slack/words.ts';
import { messageToText } from './blocks-text.ts';

const LOCAL_USER = { userId: 'ULOCAL', channelId: 'CLOCAL', teamId: 'TLOCAL' };

/**
 * What the bot would reply to one line typed in the local console: `/speech …` (the configured
 * command) as the slash command, `@bot …` (or any other text) as a mention.
 */
export async function localReply(deps: SlackDeps, line: string, ansi = false): Promise<string> {
  // What Slack would take out of the line before the bot reads it (a terminal does no escaping).
  const text = withoutSlackMarkup(line).trim();
  if (
    text.startsWith(deps.command) &&
    (text.length === deps.command.length || /\s/.test(text[deps.command.length] ?? ''))
  ) {
    const { message, visibility } = await commandReply(deps, text.slice(deps.command.length), LOCAL_USER);
    const who = visibility === 'user' ? WORDS.consoleOnlyYou : WORDS.consoleChannel;
    return `${who}\n${messageToText(message, ansi)}`;
  }
  const question = text.replace(/^@\S+\s*/, '');
  return `${WORDS.consoleThread}\n${messageToText(questionReply(deps, question), ansi)}`;
}

/**
 * The local console of `npm start` without Slack credentials: type what you would type in
 * Slack and see the reply as Slack would show it. Resolves when the user quits (Ctrl-D, `exit`),
 * after the last reply is printed.
 */
export function runLocalConsole(
  deps: SlackDeps,
  input = process.stdin,
  output = process.stdout,
): Promise<void> {
  const ansi = Boolean(output.isTTY);
  const rl = createInterface({ input, output, prompt: 'slack> ', terminal: Boolean(input.isTTY) });
  output.write(botWords(deps.command).consoleIntro);
  // Lines are answered one after another, in order, even when pasted all at once.
  let pending = Promise.resolve();
  const handle = async (line: string) => {
    if (line.trim() === '') return;
    try {
      output.write(`${await localReply(deps, line, ansi)}\n\n`);
    } catch (error) {
      output.write(`Error: ${errorMessage(error)}\n`);
    }
  };
  rl.prompt();
  rl.on('line', (line) => {
    if (/^(exit|quit)$/i.test(line.trim())) {
      pending = pending.then(() => rl.close());
      return;
    }
    pending = pending.then(() => handle(line)).then(() => rl.prompt());
  });
  return new Promise((resolve) => rl.on('close', () => void pending.then(resolve)));
}
