/**
 * Measuring whole processes for `npm run bench:bot`: time from spawn to serving, resident memory
 * at rest, slash commands per second (signed as Slack signs them, done when the reply reaches the
 * response_url), and the run time of a command-line process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchSlack } from './process-slack.ts';

/** A program to start: the executable (usually `process.execPath`), its arguments, where, and with what. */
export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A server process that answers HTTP on `port`. */
export interface StartedServer {
  child: ChildProcess;
  port: number;
  /** Spawn → first HTTP response of any status on the port. */
  readyMs: number;
  output: () => string;
}

/** A port nothing listens on right now (the OS picks it; released before the app takes it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Spawns `spec` with `PORT` set and polls `GET /healthz` every few milliseconds until anything
 * answers: a 404 (a bare Bolt app has no /healthz) counts, since the server is then serving.
 */
export async function startServer(spec: ProcessSpec, timeoutMs = 30_000): Promise<StartedServer> {
  const port = await freePort();
  let output = '';
  const started = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...spec.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${spec.args.join(' ')} exited before serving:\n${output}`);
    if (await answers(port)) {
      return { child, port, readyMs: performance.now() - started, output: () => output };
    }
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error(`${spec.args.join(' ')} not serving after ${timeoutMs} ms:\n${output}`);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2_000 },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident set size in MB (VmRSS from /proc; Linux only). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes) / 1024;
}

/**
 * CPU time a process has used so far, all its threads (JavaScript, garbage collector, libuv), in
 * ms: user + system time from /proc. /proc counts in USER_HZ ticks, which Linux fixes at 100 a
 * second for user space whatever the kernel's own tick rate.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`no CPU times for process ${pid}`);
  return ticks * 10;
}

/** What a burst of slash commands gave. */
export interface BurstResult {
  commands: number;
  seconds: number;
  commandsPerSecond: number;
  /** Commands not acknowledged with 200 (they do not count as done). */
  refused: number;
}

/**
 * Sends `count` `/speech` commands, `concurrency` at a time, each signed with `signingSecret`
 * and form-encoded as Slack sends them, with `texts` in turn. A command is done when its reply
 * reaches the response_url; the next one starts then. Connections are kept alive, as Slack does.
 */
export async function slashCommandBurst(options: {
  port: number;
  slack: BenchSlack;
  signingSecret: string;
  count: number;
  concurrency: number;
  texts: readonly string[];
  command?: string;
}): Promise<BurstResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let next = 0;
  let refused = 0;
  const sendOne = async (index: number) => {
    const { url, answered } = options.slack.responseUrl();
    const body = new URLSearchParams({
      token: 'bench-verification-token',
      team_id: 'T0BENCH',
      team_domain: 'bench',
      channel_id: 'C0BENCH',
      channel_name: 'general',
      user_id: `U${index % 50}`,
      user_name: 'bench-user',
      command: options.command ?? '/speech',
      text: options.texts[index % options.texts.length] ?? '',
      api_app_id: 'A0BENCH',
      is_enterprise_install: 'false',
      response_url: url,
      trigger_id: `${index}.bench`,
    }).toString();
    const status = await postSigned(agent, options.port, body, options.signingSecret);
    if (status !== 200) {
      refused++;
      return;
    }
    await answered;
  };
  const started = performance.now();
  const workers = Array.from({ length: options.concurrency }, async () => {
    while (next < options.count) await sendOne(next++);
  });
  await Promise.all(workers);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const done = options.count - refused;
  return { commands: done, seconds, commandsPerSecond: done / seconds, refused };
}

function postSigned(agent: Agent, port: number, body: string, signingSecret: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-signature': signature,
          'x-slack-request-timestamp': String(timestamp),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Wall time of a process from spawn to exit, in ms; rejects when it exits non-zero. */
export function timeProcess(spec: ProcessSpec): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${spec.args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
