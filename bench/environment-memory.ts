/**
 * What execution environments cost in memory, per runner: the HTTP case (50 connections, 5 s) against a fresh
 * target, then the gateway's resident memory against its own before the load, the resident memory of each
 * environment process still running (child processes), and how many cold starts there were. `npm run env-memory`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { httpGet } from './load.ts';

const RUNNERS = ['worker-thread', 'child-process', 'in-process'] as const;

function residentMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function environmentProcesses(pid: number): number[] {
  let children: string[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return children.map(Number).filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('environment-bootstrap');
    } catch {
      return false;
    }
  });
}

/** The next JSON line the target prints that has `key`. */
function nextLine<T>(target: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line);
        if (key in parsed) {
          target.stdout?.off('data', onData);
          resolve(parsed[key]);
          return;
        }
      }
    };
    target.stdout?.on('data', onData);
  });
}

for (const runner of RUNNERS) {
  const target = spawn(process.execPath, ['--import', 'tsx', 'targets/hoplite.ts', '--runner', runner, '--count-environments'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await nextLine<{ http: string }>(target, 'ready');
  const pid = target.pid as number;
  const before = residentMb(pid);
  const rate = await httpGet(`${ready.http}/hello`, 50, 5);
  const environments = nextLine<number>(target, 'environments');
  target.kill('SIGUSR2');
  const coldStarts = await environments;
  const gateway = residentMb(pid);
  const processes = environmentProcesses(pid).map(residentMb);
  console.log(
    JSON.stringify({
      runner,
      requestsPerSecond: rate.value,
      coldStarts,
      gatewayMbBefore: Math.round(before),
      gatewayMbAfter: Math.round(gateway),
      environmentProcessMb: processes.map(Math.round),
    }),
  );
  target.kill('SIGTERM');
  await new Promise((resolve) => target.once('exit', resolve));
}
