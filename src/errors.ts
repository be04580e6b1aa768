/**
 * What went wrong, in one line, whatever was thrown: an Error's message, anything else as text.
 * An AggregateError without a message of its own (a connection refused on every address of a
 * host) names each of its errors.
 *
 * @example errorMessage(new Error('boom')) // 'boom'
 * @example errorMessage('boom') // 'boom'
 */
export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(errorMessage).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
