/**
 * The Socket Mode half of the fake Slack: the WebSocket a Bolt app reaches via the URL
 * `apps.connections.open` returns (`/link/?ticket=…`). Sends `hello`, envelopes, `disconnect` and
 * pings; records acks. Reached as `fake.socket` ({@link FakeSocketMode}).
 */
import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { Recorder } from './recorder.ts';
import { DEFAULT_WAIT_MS, isObject, type JsonObject, tryParseJson } from './shared.ts';

/** Socket Mode envelope types. */
export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

/** A Socket Mode envelope as Slack sends it over the WebSocket. */
export interface SocketEnvelope<P extends JsonObject = JsonObject> {
  envelope_id: string;
  type: EnvelopeType;
  payload: P;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** Optional envelope fields for {@link buildEnvelope}. */
export type EnvelopeOptions = Partial<Omit<SocketEnvelope, 'type' | 'payload'>>;

/** What the app sends back over the socket to acknowledge an envelope. */
export interface SocketAck {
  envelope_id: string;
  /** Bolt always sends one: `{}` for a bare `ack()`, `{ text }` for `ack('…')`, or the object given. */
  payload?: JsonObject;
}

/** The path Socket Mode connections upgrade on. */
export const LINK_PATH = '/link';

/**
 * Wraps a payload in a Socket Mode envelope. `accepts_response_payload` defaults to true except for
 * `events_api`; events carry `retry_attempt: 0, retry_reason: ''` unless given.
 */
export function buildEnvelope<P extends JsonObject>(
  type: EnvelopeType,
  payload: P,
  options: EnvelopeOptions = {},
): SocketEnvelope<P> {
  const envelope: SocketEnvelope<P> = {
    envelope_id: options.envelope_id ?? randomUUID(),
    type,
    payload,
    accepts_response_payload: options.accepts_response_payload ?? type !== 'events_api',
  };
  const retryAttempt = options.retry_attempt ?? (type === 'events_api' ? 0 : undefined);
  const retryReason = options.retry_reason ?? (type === 'events_api' ? '' : undefined);
  if (retryAttempt !== undefined) envelope.retry_attempt = retryAttempt;
  if (retryReason !== undefined) envelope.retry_reason = retryReason;
  return envelope;
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Closes a WebSocket with 1001 (or finishes a handshake in progress); terminates it after `graceMs`. */
function closeGracefully(socket: WebSocket, graceMs: number): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), graceMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === socket.OPEN) socket.close(1001, 'fake slack closing');
  });
}

/** The WebSocket half of the fake (reached via `fake.socket`). */
export class FakeSocketMode {
  /** Every JSON message the app sent over any socket (acks and anything else). */
  readonly messages: unknown[] = [];
  /** Number of ping frames received from the app (Bolt's client pings every `clientPingTimeout / 3` ms). */
  pingsReceived = 0;

  private readonly sockets = new Set<WebSocket>();
  private readonly ackLog = new Recorder<SocketAck>();
  private readonly connectionLog = new Recorder<number>();

  constructor(private readonly appId: string) {}

  /** Acks received so far, oldest first. */
  acks(): SocketAck[] {
    return [...this.ackLog.items];
  }

  /** Total connections that have received `hello` (reconnects count again). */
  get connectionCount(): number {
    return this.connectionLog.items.length;
  }

  /** Whether at least one socket is open. */
  get connected(): boolean {
    return this.openSocket() !== undefined;
  }

  /** Resolves once `count` connections in total have been greeted with `hello`. */
  async waitForConnection(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.connectionLog.waitFor(
      (n) => n >= count,
      timeoutMs,
      () => `Socket Mode connection #${count} (had ${this.connectionCount})`,
    );
  }

  /**
   * Sends an envelope to the newest open socket (waiting for a connection if needed) and resolves with the
   * app's ack. Rejects after `timeoutMs` if no ack comes — e.g. Bolt never acks a command no listener matched.
   */
  async send(envelope: SocketEnvelope, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketAck> {
    await this.waitForConnection(1, timeoutMs);
    const socket = this.openSocket();
    if (socket === undefined) throw new Error('No open Socket Mode connection to send to');
    const ack = this.ackLog.waitFor(
      (a) => a.envelope_id === envelope.envelope_id,
      timeoutMs,
      () => `an ack for ${envelope.type} envelope ${envelope.envelope_id}`,
    );
    socket.send(JSON.stringify(envelope));
    return ack;
  }

  /** Builds an envelope around `payload` (see {@link buildEnvelope}) and {@link send}s it. */
  sendPayload(
    type: EnvelopeType,
    payload: JsonObject,
    options: EnvelopeOptions = {},
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<SocketAck> {
    return this.send(buildEnvelope(type, payload, options), timeoutMs);
  }

  /** Sends any JSON message to every open socket (no ack expected). */
  sendRaw(message: unknown): void {
    const text = JSON.stringify(message);
    for (const socket of this.sockets) socket.send(text);
  }

  /**
   * Sends Slack's `disconnect` message. Bolt's client then closes the socket and, unless stopped, reconnects
   * (calling `apps.connections.open` again) after `clientPingTimeout` ms (5 s by default).
   */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    this.sendRaw({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } });
  }

  /** Sends a WebSocket ping frame to every open socket, as Slack does periodically. */
  ping(): void {
    for (const socket of this.sockets) socket.ping();
  }

  /** @internal Called by {@link FakeSlack} for each upgraded connection. */
  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('ping', () => {
      this.pingsReceived += 1;
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(rawDataToString(data));
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.connectionLog.push(this.connectionCount + 1);
  }

  /** @internal Forgets acks/messages (connections stay). */
  clear(): void {
    this.ackLog.clear();
    this.messages.length = 0;
  }

  /**
   * @internal Fails pending waits, then closes every socket with a close handshake (so a stopping Bolt client
   * sees a clean close, not an error), terminating any that haven't closed within `graceMs`.
   */
  async shutdown(graceMs = 500): Promise<void> {
    const error = new Error('FakeSlack closed');
    this.ackLog.rejectAll(error);
    this.connectionLog.rejectAll(error);
    const sockets = [...this.sockets];
    this.sockets.clear();
    await Promise.all(sockets.map((socket) => closeGracefully(socket, graceMs)));
  }

  private openSocket(): WebSocket | undefined {
    let newest: WebSocket | undefined;
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) newest = socket;
    return newest;
  }

  private onMessage(text: string): void {
    const message = tryParseJson(text);
    this.messages.push(message ?? text);
    if (isObject(message) && typeof message.envelope_id === 'string') {
      const ack: SocketAck = { envelope_id: message.envelope_id };
      if (isObject(message.payload)) ack.payload = message.payload;
      this.ackLog.push(ack);
    }
  }
}
