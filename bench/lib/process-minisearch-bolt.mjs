/**
 * The peer of `npm run bench:bot`: the bare Bolt app of `process-bare-bolt.mjs`, answering each
 * `/speech` with MiniSearch's best passage instead of a fixed text. The index is `npm run bench`'s
 * "MiniSearch + jieba" (the same jieba words as our engine, OR over the terms, every passage of
 * the content), so the gap between this app and the bare one is what a plain search library
 * costs per command inside Bolt. Run by `node` from the checkout's folder, after `npm run build`
 * (it reads the content and cuts words with the checkout's `dist/`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import bolt from '@slack/bolt';
import MiniSearch from 'minisearch';

const { App, LogLevel } = bolt;
const env = process.env;
const built = (file) => import(pathToFileURL(path.resolve('dist', file)).href);
const { loadDocuments } = await built('content/index.js');
const { words } = await built('search/segment.js');

const passages = loadDocuments(path.resolve('content')).flatMap((document) => document.passages);
const mini = new MiniSearch({
  fields: ['text'],
  tokenize: (text) => words(text),
  processTerm: (term) => term,
  searchOptions: { combineWith: 'OR' },
});
mini.addAll(passages.map((passage, id) => ({ id, text: passage.text })));

const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  logLevel: LogLevel.INFO,
});

app.command(env.SLASH_COMMAND ?? '/speech', async ({ command, ack, respond }) => {
  await ack();
  const best = mini.search(command.text)[0];
  const passage = best ? passages[best.id] : undefined;
  await respond({ response_type: 'ephemeral', text: passage ? passage.text : 'Not found.' });
});

await app.start(Number(env.PORT));
app.logger.info(`Bolt + MiniSearch app listening on port ${env.PORT}`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
