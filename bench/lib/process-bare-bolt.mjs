/**
 * The reference of `npm run bench:bot`: the least a Bolt app in HTTP mode does for `/speech`:
 * ack, then `respond()` with a short text. Plain JavaScript run by `node`, as a bare Bolt app
 * would be deployed. Configured by the same variables as the bot.
 */
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;
const env = process.env;

const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  logLevel: LogLevel.INFO,
});

app.command(env.SLASH_COMMAND ?? '/speech', async ({ ack, respond }) => {
  await ack();
  await respond({ response_type: 'ephemeral', text: 'Bare Bolt answers.' });
});

await app.start(Number(env.PORT));
app.logger.info(`Bare Bolt app listening on port ${env.PORT}`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
