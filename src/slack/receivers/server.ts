import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '@slack/bolt';
import type { InFlight } from '../in-flight.ts';

/** What `/healthz` reports: the process serves, and the store can be read and written. */
export interface Health {
  ok: boolean;
}

export type HealthCheck = () => Promise<Health>;

export const HEALTHZ_PATH = '/healthz';

/** The port is taken: the message names PORT, which is what the operator can change. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Starts listening; rejects with a PortInUseError naming PORT when the port is taken. */
export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `PORT=${port} is already in use by another program: stop it, or set PORT to a free port (0 picks one).`,
            )
          : error.code === 'EACCES'
            ? new PortInUseError(
                `PORT=${port} needs privileges this process lacks: set PORT to 1024 or above.`,
              )
            : error,
      );
    });
    server.listen(port, () => resolve());
  });
}

/**
 * Answers `GET /healthz` (and `HEAD`): 200 `{"ok":true}`, or 503 `{"ok":false}` when the store fails. The
 * endpoint is public: why it fails is for the log (the check logs it), never for the response.
 * @returns whether the request was a health check (and is answered)
 */
export function serveHealth(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  health: HealthCheck,
): boolean {
  // HEAD too: some load balancers probe with it, and would take a 404 for a bot that is down.
  if (path !== HEALTHZ_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  health()
    .catch((): Health => ({ ok: false }))
    .then(({ ok }) => {
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      // Node sends no body to a HEAD request whatever is written.
      res.end(JSON.stringify({ ok }));
    });
  return true;
}

/**
 * Stops accepting connections, lets the accepted work finish for up to `drainMs`, then closes
 * what is left. Idle keep-alive connections are closed at once so no new request slips in.
 */
export async function stopServer(
  server: Server,
  inFlight: InFlight,
  drainMs: number,
  logger: Logger,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const running = inFlight.count;
  if (running > 0)
    logger.info(`Finishing ${running} accepted request(s) before stopping (up to ${drainMs} ms)`);
  if (!(await inFlight.drained(drainMs))) {
    logger.warn(
      `${inFlight.count} request(s) still running after ${drainMs} ms (SHUTDOWN_DRAIN_SECONDS); stopping anyway`,
    );
  }
  server.closeAllConnections();
  await closed;
}
