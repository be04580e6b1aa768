/**
 * A content file that cannot be used, with the file and 1-based line to fix. `line` is left out
 * when the problem is the file or folder as a whole: `file:0:` would send an editor nowhere.
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${problem}`);
    this.name = 'ContentError';
  }
}

/** Node's code of a file system error (ENOENT, EACCES, EISDIR…), to say why a content file failed. */
export function fileErrorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
