/**
 * `npm run bench:bot`: the bot as a process, next to a bare Bolt app, in one run.
 *
 * All run in HTTP mode against a local fake of Slack's Web API (`bench/lib/process-slack.ts`):
 * the bot as `npm start` runs it (node with the start script's flags and `dist/main.js`, started
 * directly so npm's own start-up is not counted), the bare app (`bench/lib/process-bare-bolt.mjs`)
 * as `node` runs plain JavaScript, and the peer (`bench/lib/process-minisearch-bolt.mjs`): the
 * bare app answering with MiniSearch + jieba's best passage, what a plain search library costs.
 * Measured for each:
 * - **ready**: spawn → the first HTTP response on the port, median of `--starts` starts;
 * - **idle RSS**: VmRSS `--idle-seconds` after ready, median of the same starts;
 * - **slash commands/s**: bursts of `--commands` signed `/speech` POSTs, `--concurrency` at a time,
 *   each done when its reply reaches the response_url; median of `--bursts`, after `--warmup`
 *   commands to each, the two apps' bursts alternating so both see the same machine. The commands' texts
 *   are the eval sets' queries (`test/eval/*.jsonl`), in turn;
 * - **CPU per command**: the app process's CPU time (all threads, from /proc) over each burst,
 *   divided by its commands; and the same for this process (load generator and fake Slack).
 *   On a 2-core machine the three together, not the app's main thread alone, set the rate.
 * And for the bot alone:
 * - **ask**: `node dist/cli.js 档案安全`, spawn → exit, median of `--asks`;
 * - **one-time costs**: in a fresh process, importing the segmenter and the first `words()`
 *   (the jieba dictionary), then the first `generalIdf()` (the general IDF table), median of `--asks`.
 *
 * `--from-source` runs `src/` through tsx instead of `dist/` (how `npm start` ran before the
 * build step), `--root DIR` measures another checkout, `--cpu-prof DIR` writes CPU profiles of
 * the three apps that serve the bursts, in `DIR/bot`, `DIR/minisearch-bolt` and `DIR/bare-bolt`
 * (`node --cpu-prof`; open them in Chrome DevTools), so that what the bot spends beyond the
 * others shows side by side. `--json` prints {@link BotFigures}.
 * Progress goes to stderr. Linux only (RSS comes from /proc).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readOptions, wholeNumber } from './lib/args.ts';
import {
  type BurstResult,
  median,
  type ProcessSpec,
  processCpuMs,
  residentMb,
  type StartedServer,
  slashCommandBurst,
  sleep,
  startServer,
  stopProcess,
  timeProcess,
} from './lib/process-measure.ts';
import { BenchSlack } from './lib/process-slack.ts';
import { evalSetQueries } from './lib/queries.ts';
import { botSection } from './lib/report.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The options that count something, each a whole number ≥ 1. */
const COUNTS = ['starts', 'idle-seconds', 'commands', 'warmup', 'concurrency', 'bursts', 'asks'] as const;
const SIGNING_SECRET = 'bench-signing-secret';
/** node's flags to run TypeScript, tsx named by URL: processes start in a folder with no node_modules. */
const TSX = ['--import', import.meta.resolve('tsx')];
export interface BotBenchOptions {
  /** The checkout to measure (default: this one). */
  root?: string;
  /** Run `src/` through tsx instead of the built `dist/`. */
  fromSource?: boolean;
  starts?: number;
  idleSeconds?: number;
  /** Commands per burst. */
  commands?: number;
  /** Commands sent to each app before the measured bursts. */
  warmup?: number;
  concurrency?: number;
  bursts?: number;
  asks?: number;
  /** Write V8 CPU profiles of the three apps that serve the bursts (start-up included), one subfolder each. */
  cpuProfileDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** The figures of one app (bot, Bolt + MiniSearch, or bare Bolt). */
export interface AppFigures {
  /** Spawn → first HTTP response on its port, ms (median of the starts). */
  readyMs: number;
  /** VmRSS a few seconds after ready, MB (median of the starts). */
  idleRssMb: number;
  /** Slash commands per second, signed HTTP in → response_url out (median of the bursts). */
  commandsPerSecond: number;
  /**
   * CPU the app's process spent per command during the bursts, all threads (garbage collector
   * included), ms (median of the bursts). On 2 cores this, not the main thread alone, bounds the
   * rate: the load generator and fake Slack share the machine.
   */
  cpuMsPerCommand: number;
  /** CPU this benchmark's own process (load generator and fake Slack) spent per command, ms (median). */
  loadCpuMsPerCommand: number;
  runs: {
    readyMs: number[];
    idleRssMb: number[];
    commandsPerSecond: number[];
    cpuMsPerCommand: number[];
    loadCpuMsPerCommand: number[];
  };
}

/** What {@link measureBot} returns; `--json` prints it. */
export interface BotFigures extends AppFigures {
  /** `ask 档案安全` as a whole process, spawn → exit, ms (median). */
  askMs: number;
  /**
   * One-time costs in a fresh process, ms (median): `jieba` = importing the segmenter and the
   * first `words()` (dictionary read and built); `generalIdf` = the first `generalIdf()` (table
   * loaded); `total` = both.
   */
  oneTimeMs: { jieba: number; generalIdf: number; total: number };
  bareBolt: AppFigures;
  /** The bare Bolt app answering with MiniSearch + jieba: the peer a bot could be built on. */
  miniSearchBolt: AppFigures;
  /** Bot ÷ bare Bolt for each figure (ready and RSS: lower is better; commands/s: higher). */
  ratios: AppRatios;
  /** Bolt + MiniSearch ÷ bare Bolt, the same figures: what the peer reaches. */
  miniSearchRatios: AppRatios;
  environment: {
    node: string;
    cpus: number;
    cpuModel: string;
    /** How the bot ran: node's arguments (`npm start`'s), or `src via tsx`. */
    bot: string;
    commandsPerBurst: number;
    concurrency: number;
  };
}

/** One app's figures divided by another's. */
export interface AppRatios {
  readyMs: number;
  idleRssMb: number;
  commandsPerSecond: number;
  cpuMsPerCommand: number;
}

/** Runs every measurement (≈1 minute with the defaults on 2 cores). */
export async function measureBot(options: BotBenchOptions = {}): Promise<BotFigures> {
  const root = path.resolve(options.root ?? path.join(HERE, '..'));
  const fromSource = options.fromSource ?? false;
  const starts = options.starts ?? 5;
  const idleMs = (options.idleSeconds ?? 3) * 1000;
  const log = options.log ?? (() => undefined);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'speech-bench-bot-'));
  const slack = await BenchSlack.start();
  const running = new Set<StartedServer>();
  const code = (name: 'main' | 'cli') =>
    fromSource ? [...TSX, path.join(root, 'src', `${name}.ts`)] : [path.join(root, 'dist', `${name}.js`)];
  const botArgs = fromSource ? code('main') : startScriptArgs(root);

  let startCount = 0;
  const env = (): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? workDir,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'info',
    // A new database each start, as on a fresh deploy.
    DATABASE_PATH: path.join(workDir, `bot-${startCount++}.sqlite`),
  });
  // The working directory is the empty temporary folder, so no `.env` is read.
  const botSpec = (): ProcessSpec => ({
    command: process.execPath,
    args: botArgs,
    cwd: workDir,
    env: env(),
  });
  const referenceSpec = (script: string) => (): ProcessSpec => ({
    command: process.execPath,
    args: [path.join(HERE, 'lib', script)],
    cwd: root,
    env: env(),
  });
  const bareSpec = referenceSpec('process-bare-bolt.mjs');
  const miniSearchSpec = referenceSpec('process-minisearch-bolt.mjs');

  const start = async (spec: ProcessSpec) => {
    const server = await startServer(spec);
    running.add(server);
    return server;
  };
  const stop = async (server: StartedServer) => {
    await stopProcess(server.child);
    running.delete(server);
  };

  try {
    const bot = emptyRuns();
    const bare = emptyRuns();
    const miniSearch = emptyRuns();
    for (let round = 1; round <= starts; round++) {
      for (const [name, spec, runs] of [
        ['bot', botSpec, bot],
        ['Bolt + MiniSearch', miniSearchSpec, miniSearch],
        ['bare Bolt', bareSpec, bare],
      ] as const) {
        const server = await start(spec());
        await sleep(idleMs);
        runs.readyMs.push(server.readyMs);
        runs.idleRssMb.push(residentMb(server.child.pid ?? 0));
        log(
          `start ${round}/${starts} ${name}: ready ${server.readyMs.toFixed(0)} ms, idle RSS ${runs.idleRssMb.at(-1)?.toFixed(0)} MB`,
        );
        await stop(server);
      }
    }

    // All serving at once (the idle ones cost nothing), bursts in turn.
    const profiled = (spec: ProcessSpec, name: string): ProcessSpec =>
      options.cpuProfileDir
        ? {
            ...spec,
            args: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir, name)}`, ...spec.args],
          }
        : spec;
    const botServer = await start(profiled(botSpec(), 'bot'));
    const bareServer = await start(profiled(bareSpec(), 'bare-bolt'));
    const miniSearchServer = await start(profiled(miniSearchSpec(), 'minisearch-bolt'));
    const commands = options.commands ?? 400;
    const texts = evalSetQueries(root);
    const burst = (server: StartedServer, count: number): Promise<BurstResult> =>
      slashCommandBurst({
        port: server.port,
        slack,
        signingSecret: SIGNING_SECRET,
        count,
        concurrency: options.concurrency ?? 8,
        texts,
      });
    // JIT, caches and connection pools settle first: throughput keeps rising for a thousand commands.
    await burst(botServer, options.warmup ?? 1000);
    await burst(bareServer, options.warmup ?? 1000);
    await burst(miniSearchServer, options.warmup ?? 1000);
    for (let round = 1; round <= (options.bursts ?? 3); round++) {
      for (const [name, server, runs] of [
        ['bot', botServer, bot],
        ['Bolt + MiniSearch', miniSearchServer, miniSearch],
        ['bare Bolt', bareServer, bare],
      ] as const) {
        const pid = server.child.pid;
        if (pid === undefined) throw new Error(`${name}: the process has no pid`);
        const appCpuBefore = processCpuMs(pid);
        const loadCpuBefore = cpuMs(process.cpuUsage());
        const result = await burst(server, commands);
        const appCpu = processCpuMs(pid) - appCpuBefore;
        const loadCpu = cpuMs(process.cpuUsage()) - loadCpuBefore;
        if (result.refused > 0) throw new Error(`${name}: ${result.refused} commands refused`);
        runs.commandsPerSecond.push(result.commandsPerSecond);
        runs.cpuMsPerCommand.push(appCpu / result.commands);
        runs.loadCpuMsPerCommand.push(loadCpu / result.commands);
        log(
          `burst ${round} ${name}: ${result.commandsPerSecond.toFixed(0)} commands/s, ` +
            `CPU per command ${(appCpu / result.commands).toFixed(2)} ms (load generator ${(loadCpu / result.commands).toFixed(2)} ms)`,
        );
      }
    }
    await stop(botServer);
    await stop(bareServer);
    await stop(miniSearchServer);
    if (slack.unexpectedResponses > 0) throw new Error(`${slack.unexpectedResponses} unexpected replies`);

    const askRuns: number[] = [];
    const jiebaRuns: number[] = [];
    const idfRuns: number[] = [];
    for (let round = 1; round <= (options.asks ?? 5); round++) {
      const ask = await timeProcess({
        command: process.execPath,
        args: [...code('cli'), '档案安全'],
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? workDir },
      });
      if (!ask.stdout.includes('档案')) throw new Error(`ask printed no answer:\n${ask.stdout}`);
      askRuns.push(ask.ms);
      const oneTime = await measureOneTimeCosts(root, fromSource, workDir);
      jiebaRuns.push(oneTime.jieba);
      idfRuns.push(oneTime.generalIdf);
      log(
        `ask ${round}: ${ask.ms.toFixed(0)} ms; one-time: jieba ${oneTime.jieba.toFixed(0)} ms, IDF ${oneTime.generalIdf.toFixed(0)} ms`,
      );
    }

    const botFigures = summarize(bot);
    const bareFigures = summarize(bare);
    const miniSearchFigures = summarize(miniSearch);
    const jieba = median(jiebaRuns);
    const generalIdf = median(idfRuns);
    return {
      ...botFigures,
      askMs: median(askRuns),
      oneTimeMs: { jieba, generalIdf, total: median(jiebaRuns.map((ms, i) => ms + (idfRuns[i] ?? 0))) },
      bareBolt: bareFigures,
      miniSearchBolt: miniSearchFigures,
      ratios: ratiosOf(botFigures, bareFigures),
      miniSearchRatios: ratiosOf(miniSearchFigures, bareFigures),
      environment: {
        node: process.version,
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        bot: fromSource
          ? 'src via tsx'
          : botArgs.map((arg) => (arg.startsWith('-') ? arg : path.relative(root, arg))).join(' '),
        commandsPerBurst: commands,
        concurrency: options.concurrency ?? 8,
      },
    };
  } finally {
    for (const server of running) server.child.kill('SIGKILL');
    await slack.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * node's arguments in `npm start` (`exec node <flags> dist/main.js`), with the entry made absolute:
 * the bot runs exactly as npm starts it, without npm's own start-up in the figures.
 */
function startScriptArgs(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (scripts.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'exec' || words[1] !== 'node' || words.length < 3) {
    throw new Error(`npm start is not "exec node … dist/main.js": ${scripts.start}`);
  }
  return words.slice(2).map((word) => (word.startsWith('-') ? word : path.resolve(root, word)));
}

function ratiosOf(app: AppFigures, reference: AppFigures): AppRatios {
  return {
    readyMs: app.readyMs / reference.readyMs,
    idleRssMb: app.idleRssMb / reference.idleRssMb,
    commandsPerSecond: app.commandsPerSecond / reference.commandsPerSecond,
    cpuMsPerCommand: app.cpuMsPerCommand / reference.cpuMsPerCommand,
  };
}

function emptyRuns(): AppFigures['runs'] {
  return { readyMs: [], idleRssMb: [], commandsPerSecond: [], cpuMsPerCommand: [], loadCpuMsPerCommand: [] };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function summarize(runs: AppFigures['runs']): AppFigures {
  return {
    readyMs: median(runs.readyMs),
    idleRssMb: median(runs.idleRssMb),
    commandsPerSecond: median(runs.commandsPerSecond),
    cpuMsPerCommand: median(runs.cpuMsPerCommand),
    loadCpuMsPerCommand: median(runs.loadCpuMsPerCommand),
    runs,
  };
}

/** The jieba dictionary and the general IDF table, each paid on first use in a fresh process. */
async function measureOneTimeCosts(
  root: string,
  fromSource: boolean,
  cwd: string,
): Promise<{ jieba: number; generalIdf: number }> {
  const module = (name: string) =>
    pathToFileURL(
      path.join(root, fromSource ? 'src' : 'dist', 'search', `${name}.${fromSource ? 'ts' : 'js'}`),
    ).href;
  const script = `
    const started = performance.now();
    const { words } = await import(${JSON.stringify(module('segment'))});
    words('档案安全');
    const jiebaDone = performance.now();
    const { generalIdf } = await import(${JSON.stringify(module('general-idf'))});
    generalIdf('档案');
    console.log(JSON.stringify({ jieba: jiebaDone - started, generalIdf: performance.now() - jiebaDone }));`;
  const { stdout } = await timeProcess({
    command: process.execPath,
    args: [...(fromSource ? TSX : []), '--input-type=module', '--eval', script],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd },
  });
  return JSON.parse(stdout) as { jieba: number; generalIdf: number };
}

function renderText(figures: BotFigures): string {
  const { environment: where } = figures;
  return [
    ...botSection(figures).slice(1),
    `  (${where.node}, ${where.cpus} CPUs; CPU per command is all the app's threads; the load generator and fake Slack used ${figures.loadCpuMsPerCommand.toFixed(2)}, ${figures.miniSearchBolt.loadCpuMsPerCommand.toFixed(2)} and ${figures.bareBolt.loadCpuMsPerCommand.toFixed(2)} ms)`,
    `one-time costs: jieba ${figures.oneTimeMs.jieba.toFixed(0)} ms + general IDF ${figures.oneTimeMs.generalIdf.toFixed(0)} ms`,
  ].join('\n');
}

const USAGE = `
Usage: npm run bench:bot -- [--json] [--from-source] [--root DIR] [--cpu-prof DIR] [counts]
  --json            print the figures as JSON
  --from-source     run src/ through tsx instead of the built dist/
  --root DIR        measure another checkout (built, with node_modules)
  --cpu-prof DIR    write V8 CPU profiles of the three apps that serve the bursts
                    (in DIR/bot, DIR/minisearch-bolt and DIR/bare-bolt)
counts (whole numbers ≥ 1, defaults in brackets):
  --starts [5] --idle-seconds [3] --commands [400] per burst --warmup [1000] commands
  --concurrency [8] --bursts [3] --asks [5]
`;

async function main(): Promise<void> {
  const values = readOptions(USAGE, () => {
    const { values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        'from-source': { type: 'boolean', default: false },
        root: { type: 'string' },
        starts: { type: 'string', default: '5' },
        'idle-seconds': { type: 'string', default: '3' },
        commands: { type: 'string', default: '400' },
        warmup: { type: 'string', default: '1000' },
        concurrency: { type: 'string', default: '8' },
        bursts: { type: 'string', default: '3' },
        asks: { type: 'string', default: '5' },
        'cpu-prof': { type: 'string' },
      },
    });
    // fromEntries forgets the keys: they are COUNTS, each mapped once.
    const counts = Object.fromEntries(COUNTS.map((name) => [name, wholeNumber(name, values[name])]));
    return { ...values, counts: counts as Record<(typeof COUNTS)[number], number> };
  });
  const { counts } = values;
  const figures = await measureBot({
    ...(values.root ? { root: values.root } : {}),
    fromSource: values['from-source'],
    starts: counts.starts,
    idleSeconds: counts['idle-seconds'],
    commands: counts.commands,
    warmup: counts.warmup,
    concurrency: counts.concurrency,
    bursts: counts.bursts,
    asks: counts.asks,
    ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${values.json ? JSON.stringify(figures, null, 2) : renderText(figures)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
