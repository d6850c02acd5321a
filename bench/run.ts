/**
 * Runs every case against every target, one target process at a time, on loopback, and writes
 * results/latest.json and results/latest.md (medians, ranges, ratios against bare).
 * `--smoke` runs each case briefly with small counts, to keep the harness working.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { broadcast, churn, closedLoop, connectRate, holdIdle, httpGet, type Measurement } from './load.ts';
import type { TargetEndpoints } from './targets/protocol.ts';

const smoke = process.argv.includes('--smoke');
/** `--target NAME` and `--case TEXT` (repeatable) run a subset, printed only: the results files stay whole runs. */
function flagValues(flag: string): string[] {
  return process.argv.flatMap((arg, index) => (arg === flag && process.argv[index + 1] ? [process.argv[index + 1] as string] : []));
}
const onlyTargets = flagValues('--target');
const onlyCases = flagValues('--case');
const filtered = onlyTargets.length > 0 || onlyCases.length > 0;
const here = fileURLToPath(new URL('.', import.meta.url));

interface Target {
  name: string;
  /** Arguments to `node`; started with cwd = bench/. */
  args: string[];
}

const TARGETS: Target[] = [
  { name: 'bare', args: ['--import', 'tsx', 'targets/bare.ts'] },
  { name: 'hoplite', args: ['--import', 'tsx', 'targets/hoplite.ts'] },
  { name: 'hoplite in-process', args: ['--import', 'tsx', 'targets/hoplite.ts', '--runner', 'in-process'] },
  { name: 'sls-offline', args: ['--import', 'tsx', 'targets/serverless-offline.ts'] },
  { name: 'sls-offline in-process', args: ['--import', 'tsx', 'targets/serverless-offline.ts', '--useInProcess'] },
];

interface Case {
  name: string;
  run(endpoints: TargetEndpoints, rssMb: () => Promise<number>, treeRssMb: () => Promise<number>): Promise<Measurement>;
  /** Longer than the default deadline, for a case that runs longer by design. */
  deadlineMs?: number;
}

/** The cases as data: counts and durations in one place, smaller under --smoke. */
const scale = smoke
  ? { seconds: 1, httpConnections: 10, connections: 10, broadcastSmall: 10, broadcastLarge: 50, idle: 200, rounds: 2, churnSlots: 20, churnSeconds: 2 }
  : {
      seconds: 5,
      httpConnections: 50,
      connections: 100,
      broadcastSmall: 100,
      broadcastLarge: 1000,
      idle: 10_000,
      rounds: 5,
      churnSlots: 2000,
      churnSeconds: 60,
    };

const CASES: Case[] = [
  { name: `http GET (${scale.httpConnections} connections)`, run: (e) => httpGet(`${e.http}/hello`, scale.httpConnections, scale.seconds) },
  { name: `ws connect (${scale.connections} at once, cold)`, run: (e) => connectRate(e.chat, scale.connections) },
  { name: 'ws route-response echo (closed loop, 1 connection)', run: (e) => closedLoop(e.plain, 1, scale.seconds, '{"action":"echo","data":"x"}') },
  {
    name: `ws route-response echo (closed loop, ${scale.connections} connections)`,
    run: (e) => closedLoop(e.plain, scale.connections, scale.seconds, '{"action":"echo","data":"x"}'),
  },
  { name: 'ws sendself via @connections (sequential)', run: (e) => closedLoop(e.plain, 1, scale.seconds, '{"action":"sendself","data":"x"}') },
  {
    name: `ws sendself via @connections (closed loop, ${scale.connections} connections)`,
    run: (e) => closedLoop(e.plain, scale.connections, scale.seconds, '{"action":"sendself","data":"x"}'),
  },
  { name: `broadcast to ${scale.broadcastSmall}`, run: (e) => broadcast(e.chat, scale.broadcastSmall, scale.rounds) },
  { name: `broadcast to ${scale.broadcastLarge}`, run: (e) => broadcast(e.chat, scale.broadcastLarge, scale.rounds) },
  { name: `idle connections held (${scale.idle})`, run: (e, rss) => holdIdle(e.plain, scale.idle, rss) },
  {
    name: `connection churn (${scale.churnSlots} slots, ${scale.churnSeconds} s, RSS with environments)`,
    run: (e, _rss, treeRss) => churn(e.chat, scale.churnSlots, scale.churnSeconds, treeRss),
    deadlineMs: (scale.churnSeconds + 45) * 1000,
  },
];

/** Linux: the resident memory of a process and all its descendants (environments in child processes), in MB. */
function treeMemoryMb(pid: number): number {
  let kb = 0;
  const visit = (each: number) => {
    try {
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${each}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${each}/task`)) {
        const children = readFileSync(`/proc/${each}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) visit(Number(child));
      }
    } catch {
      // The process ended while it was read: it holds nothing now.
    }
  };
  visit(pid);
  return kb / 1024;
}

/** Linux: the target's current and peak resident memory, from /proc. */
function memoryMb(pid: number): { rss: number; peak: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process is gone (it crashed under load): nothing to read.
    return { rss: Number.NaN, peak: Number.NaN };
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function startTarget(target: Target): Promise<{ child: ChildProcess; endpoints: TargetEndpoints; startupMs: number; memoryPid: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, target.args, {
    cwd: here,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const announced = await new Promise<{ ready: TargetEndpoints; memoryPid?: number }>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk;
      const line = buffer.split('\n').find((candidate) => candidate.startsWith('{"ready"'));
      if (line) resolve(JSON.parse(line) as { ready: TargetEndpoints; memoryPid?: number });
    });
    child.once('exit', (code) => reject(new Error(`${target.name} exited with ${code} before it was ready`)));
  });
  return { child, endpoints: announced.ready, startupMs: performance.now() - startedAt, memoryPid: announced.memoryPid ?? (child.pid as number) };
}

/** Targets stop what they started on SIGTERM (the peer's target kills its serverless-offline child). */
async function stopTarget(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface Row {
  target: string;
  case: string;
  value: number;
  unit: string;
  peakRssMb: number;
  details?: Record<string, number>;
  failure?: string;
}

/** A case that takes longer than this is recorded as not finished: load stays bounded in time. */
const CASE_DEADLINE_MS = smoke ? 30_000 : 60_000;

function withDeadline<T>(work: Promise<T>, deadlineMs = CASE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${deadlineMs / 1000} s`)), deadlineMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const rows: Row[] = [];
for (const target of TARGETS.filter((candidate) => onlyTargets.length === 0 || onlyTargets.includes(candidate.name))) {
  for (const benchCase of [{ name: 'start-up to all ports ready' }, ...CASES].filter(
    (candidate) => onlyCases.length === 0 || onlyCases.some((text) => candidate.name.includes(text)),
  )) {
    // A fresh target process per case: no case pays for another's warm environments or leftovers.
    const { child, endpoints, startupMs, memoryPid: pid } = await startTarget(target);
    try {
      const measurement =
        'run' in benchCase
          ? await withDeadline(
              (benchCase as Case).run(
                endpoints,
                async () => memoryMb(pid).rss,
                async () => treeMemoryMb(pid),
              ),
              (benchCase as Case).deadlineMs,
            )
          : { value: startupMs, unit: 'ms' };
      const row: Row = { target: target.name, case: benchCase.name, value: measurement.value, unit: measurement.unit, peakRssMb: memoryMb(pid).peak };
      if (measurement.details) row.details = measurement.details;
      rows.push(row);
      process.stdout.write(
        `${target.name.padEnd(18)} ${benchCase.name.padEnd(58)} ${measurement.value.toFixed(1).padStart(10)} ${measurement.unit.padEnd(7)} peak RSS ${row.peakRssMb.toFixed(0)} MB${row.details ? ` ${JSON.stringify(row.details)}` : ''}\n`,
      );
    } catch (error) {
      const row: Row = {
        target: target.name,
        case: benchCase.name,
        value: Number.NaN,
        unit: 'failed',
        peakRssMb: memoryMb(pid).peak,
        failure: (error as Error).message,
      };
      rows.push(row);
      process.stdout.write(`${target.name.padEnd(18)} ${benchCase.name.padEnd(58)} failed: ${(error as Error).message}\n`);
    } finally {
      await stopTarget(child);
    }
  }
}

const meta = {
  date: new Date().toISOString(),
  smoke,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  commit: spawnSyncText('git', ['rev-parse', '--short', 'HEAD']),
};

function spawnSyncText(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const table = ['| case | target | value | vs bare | peak RSS |', '| --- | --- | --- | --- | --- |'];
for (const caseName of [...new Set(rows.map((row) => row.case))]) {
  const bare = rows.find((row) => row.case === caseName && row.target === 'bare');
  for (const row of rows.filter((candidate) => candidate.case === caseName)) {
    const higherIsBetter = /\/s$/.test(row.unit);
    const ratio = bare && bare.value > 0 ? (higherIsBetter ? row.value / bare.value : bare.value / row.value) : undefined;
    table.push(
      `| ${caseName} | ${row.target} | ${row.value.toFixed(1)} ${row.unit} | ${ratio === undefined ? '' : `${(ratio * 100).toFixed(0)} %`} | ${row.peakRssMb.toFixed(0)} MB |`,
    );
  }
}
// A case that bare or Hoplite could not finish fails the run (the peer's failures are results of their own).
const broken = rows.filter((row) => row.unit === 'failed' && !row.target.startsWith('sls-offline'));
for (const row of broken) process.stderr.write(`failed: ${row.target}: ${row.case}: ${row.failure}\n`);
if (broken.length > 0) process.exitCode = 1;
if (filtered) process.exit();
const name = smoke ? 'smoke' : 'latest';
writeFileSync(new URL(`results/${name}.json`, import.meta.url), `${JSON.stringify({ meta, rows }, null, 2)}\n`);
writeFileSync(
  new URL(`results/${name}.md`, import.meta.url),
  `${[`Machine: ${meta.machine}; Node ${meta.node}; commit ${meta.commit}; ${meta.date}`, '', ...table].join('\n')}\n`,
);
process.stdout.write(`\nwrote results/${name}.json and results/${name}.md\n`);
