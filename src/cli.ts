/**
 * `npm run ask -- "<query>"`: answers a question about the speech in the terminal, exactly as
 * the bot would, without Slack. See `--help`.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { toJsonAnswer } from './console/json.ts';
import { renderAnswer } from './console/terminal.ts';
import { ContentError, tableOfContents } from './content/index.ts';
import { DEFAULT_CONTENT_DIR } from './paths.ts';
import type { SpeechSearch } from './search/engine.ts';
import { openSpeech } from './speech.ts';

const USAGE = `Usage:
  npm run ask -- "档案安全"                 answer in the terminal
  npm run --silent ask -- --json "问题"      one JSON object: {"query","status","results":[…]}
  npm run --silent ask -- --jsonl < q.txt    one query per input line, one JSON object per line
Options:
  --limit N         results to show (default 3)
  --content DIR     content folder (default: CONTENT_DIR or ./content)
  -h, --help        this help`;

interface CliOptions {
  json: boolean;
  jsonl: boolean;
  limit: number;
  contentDir: string;
  query: string;
}

class UsageError extends Error {}

function parseCli(argv: string[]): CliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      limit: { type: 'string', default: '3' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20)
    throw new UsageError('--limit takes a whole number from 1 to 20');
  if (values.jsonl && positionals.length > 0)
    throw new UsageError('--jsonl reads queries from standard input, not arguments');
  return {
    json: values.json,
    jsonl: values.jsonl,
    limit,
    contentDir: values.content ?? (process.env.CONTENT_DIR || DEFAULT_CONTENT_DIR),
    query: positionals.join(' '),
  };
}

async function answerLines(search: SpeechSearch, limit: number): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    process.stdout.write(`${JSON.stringify(toJsonAnswer(search.search(line, { limit })))}\n`);
  }
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const search = openSpeech(options.contentDir);
  if (options.jsonl) {
    await answerLines(search, options.limit);
    return 0;
  }
  const result = search.search(options.query, { limit: options.limit });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(toJsonAnswer(result))}\n`);
    return 0;
  }
  const style = process.stdout.isTTY ? 'ansi' : 'plain';
  process.stdout.write(`${renderAnswer(result, tableOfContents(search.documents), style)}\n`);
  return result.status === 'found' || result.status === 'not_found' ? 0 : 1;
}

// A closed pipe (`npm run ask … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ContentError) {
      process.stderr.write(`Content error: ${error.message}\n`);
    } else {
      process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
