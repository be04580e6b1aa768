import { createServer, type Server } from 'node:http';
import { type App, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { InFlight } from '../in-flight.ts';
import { type HealthCheck, listen, serveHealth, stopServer } from './server.ts';

export interface SocketReceiverOptions {
  socket: ConstructorParameters<typeof SocketModeReceiver>[0];
  /** Where `/healthz` is served. */
  port: number;
  health: HealthCheck;
  /** Events being handled (counted by the app's middleware); shutdown waits for them. */
  inFlight: InFlight;
  drainMs: number;
}

/**
 * Socket Mode, plus an HTTP server for `/healthz` on `port`. (Bolt's SocketModeReceiver starts
 * its custom-route server without waiting for it or handling its errors: a port in use crashes
 * the process with an uncaught EADDRINUSE, and with port 0 nobody can learn the port.) `start()`
 * waits until the server listens, rejects if it cannot, and resolves with the `http.Server`;
 * `stop()` closes the socket first, so no new event arrives, then lets the events being handled
 * finish (up to `drainMs`) before closing the health server.
 */
export class SocketModeWithHealthz implements Receiver {
  private readonly socket: SocketModeReceiver;
  private server: Server | undefined;

  constructor(private readonly options: SocketReceiverOptions) {
    this.socket = new SocketModeReceiver(options.socket);
  }

  private app: App | undefined;

  init(app: App): void {
    this.app = app;
    this.socket.init(app);
  }

  async start(): Promise<Server> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!serveHealth(path, req, res, this.options.health)) res.writeHead(404).end();
    });
    await listen(server, this.options.port);
    this.server = server;
    try {
      await this.socket.start();
    } catch (error) {
      await this.closeServer();
      throw error;
    }
    return server;
  }

  async stop(): Promise<void> {
    await this.socket.client.disconnect();
    await this.closeServer();
  }

  private async closeServer(): Promise<void> {
    const { server } = this;
    this.server = undefined;
    if (!server) return;
    const logger = this.app?.logger;
    if (!logger) throw new Error('SocketModeWithHealthz used before App.init');
    await stopServer(server, this.options.inFlight, this.options.drainMs, logger);
  }
}
