/**
 * Command-line options of the bench scripts: `--help` prints the script's usage, and a wrong
 * option gets one line naming it, with the usage, instead of a stack trace.
 */

/** A wrong option or value: the message names the option and what it takes. */
export class UsageError extends Error {}

/**
 * Runs `parse` over the command line. `-h`/`--help` prints `usage` and exits 0; a
 * {@link UsageError} or an error of node's `parseArgs` (unknown option, missing value) prints
 * its message and `usage` and exits 2.
 */
export function readOptions<T>(usage: string, parse: () => T): T {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError || isParseArgsError(error))) throw error;
    process.stderr.write(`${error.message}\n\n${usage.trim()}\n`);
    process.exit(2);
  }
}

/** A whole number of at least `least`, or a {@link UsageError} naming the option. */
export function wholeNumber(option: string, value: string, least = 1): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < least) {
    throw new UsageError(`--${option} needs a whole number ≥ ${least}, not "${value}"`);
  }
  return number;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS_');
}
