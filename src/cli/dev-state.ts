/** What a running `hoplite dev` tells other commands in the same folder (`.hoplite/dev.json`). */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevState {
  pid: number;
  services: Array<{ name: string; lambdaEndpoint: string; functions: string[]; localIssuer?: DevLocalIssuer }>;
}

/** What `hoplite token` needs to sign a token the service's local issuer accepts. */
export interface DevLocalIssuer {
  issuer: string;
  signingKeyFile: string;
  /** The audiences of the JWT authorizers that trust it: the default `aud` is the first. */
  audiences: string[];
}

export function devStatePath(cwd: string): string {
  return join(cwd, '.hoplite', 'dev.json');
}

export async function writeDevState(cwd: string, state: DevState): Promise<void> {
  await mkdir(join(cwd, '.hoplite'), { recursive: true });
  await writeFile(devStatePath(cwd), `${JSON.stringify(state, null, 2)}\n`);
}

export async function removeDevState(cwd: string, pid: number): Promise<void> {
  const state = await readDevState(cwd);
  if (state?.pid === pid) await rm(devStatePath(cwd), { force: true });
}

/** The state of a `hoplite dev` still running in `cwd`, if any. */
export async function readDevState(cwd: string): Promise<DevState | undefined> {
  try {
    const state = JSON.parse(await readFile(devStatePath(cwd), 'utf8')) as DevState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}
