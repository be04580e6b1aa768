import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../context.ts';
import { ACTIONS, SHARE_TO_THREAD_ACTION } from '../../render/answer.ts';
import { DAILY_CONTEXT_ACTION } from '../../render/daily.ts';
import { handleAnswerView, handleShareAnswer } from './answer.ts';
import { handleDailyContext } from './daily.ts';
import { handleShareToThread } from './thread.ts';

/** The answer's buttons (Share, Next result, Full paragraph, English, Share in thread) and the daily post's. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.share, (args) => handleShareAnswer(args, deps));
  app.action<BlockButtonAction>(ACTIONS.next, (args) =>
    handleAnswerView(args, deps, { full: false, translation: false }),
  );
  app.action<BlockButtonAction>(ACTIONS.full, (args) =>
    handleAnswerView(args, deps, { full: true, translation: false }),
  );
  app.action<BlockButtonAction>(ACTIONS.english, (args) =>
    handleAnswerView(args, deps, { full: false, translation: true }),
  );
  app.action<BlockButtonAction>(SHARE_TO_THREAD_ACTION, (args) => handleShareToThread(args, deps));
  app.action<BlockButtonAction>(DAILY_CONTEXT_ACTION, (args) => handleDailyContext(args, deps));
}
