/**
 * Types and small utilities shared by the modules of the fake Slack (see `../fake-slack.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON-ish object (API arguments, responses, payloads). */
export type JsonObject = Record<string, unknown>;

/** Identity of the fake workspace, as the payload builders and default Web API handlers need it. */
export interface Workspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly defaultTz: string;
}

/** How long waits (`waitForCall`, `waitForResponse`, socket acks) wait by default. */
export const DEFAULT_WAIT_MS = 5_000;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

let tsCounter = 0;

/** A fresh, strictly increasing Slack-style message timestamp (`"1700000000.000123"`). */
export function nextTs(): string {
  tsCounter += 1;
  return `${nowSeconds()}.${String(tsCounter).padStart(6, '0')}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The DM channel id the fake uses for a user: `U123` → `D123`. */
export function dmChannelId(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
