import type { SpeechSearch } from '../search/engine.ts';
import type { SearchResult } from '../search/types.ts';
import { withoutSlackMarkup } from '../slack/render/text.ts';

/**
 * The result the bot gives a question typed in Slack, for `ask` and the eval: Slack's markup
 * (`<@U123>`, `:smile:`, a typed `@bot`) is taken out first, as the bot's listeners do. `query`
 * stays as given.
 */
export function askAsInSlack(search: SpeechSearch, query: string, limit?: number): SearchResult {
  return { ...search.search(withoutSlackMarkup(query), limit === undefined ? {} : { limit }), query };
}
