/**
 * The URL, read as node-postgres reads it. A Unix socket is named by `host=` with no host before
 * the path (postgres://bot@/speechbot?host=/run/postgresql), which the WHATWG URL parser refuses
 * when a user is given: it is read with a stand-in host.
 */
export function readablePostgresUrl(raw: string): URL | undefined {
  if (URL.canParse(raw)) return new URL(raw);
  const socket = /^(postgres(?:ql)?:\/\/[^/?#]*@)(\/.*)$/.exec(raw);
  // host= may be percent-encoded (host=%2Frun%2Fpostgresql), as libpq documents.
  const host = new URLSearchParams(raw.split('?')[1]?.split('#')[0] ?? '').get('host');
  if (!socket || !host?.startsWith('/')) return undefined;
  const standIn = `${socket[1]}localhost${socket[2]}`;
  return URL.canParse(standIn) ? new URL(standIn) : undefined;
}
