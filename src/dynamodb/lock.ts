/**
 * An exclusive lock on a data directory: two dynalite servers on one folder corrupt it.
 *
 * The lock is proper-lockfile's: a directory made atomically by mkdir, whose mtime the holder refreshes; one left
 * unrefreshed for STALE_MS is taken over. No process id decides who holds it, so a reused id (a container's PID 1
 * started again) cannot keep a dead holder's lock alive. The holder's id is written beside it only to name it.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { HopliteError } from '../errors.ts';

const LOCK_DIR = 'hoplite.lock.d';
const OWNER_FILE = 'hoplite.lock.json';
/** A holder refreshes its lock every UPDATE_MS; one not refreshed for STALE_MS is a stopped holder's. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** How long a loser waits for the winner of a race to write who it is. */
const OWNER_WAIT_MS = 1_000;
const POLL_MS = 100;

/** Data directories locked by gateways of this process: a second gateway here is refused at once. */
const heldHere = new Set<string>();

interface Owner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface LockOptions {
  /** Told when the lock was lost while held (the holder's thread stalled past the stale time). */
  onLost?(message: string): void;
  /** Told when a start waits for a stopped holder's lock to grow stale. */
  onWait?(message: string): void;
  /** A stopped holder's lock is taken over once this old. */
  staleMs?: number;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string' ? (owner as Owner) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the named holder has visibly stopped: its lock then only needs to grow stale. */
function holderStopped(owner: Owner | undefined): boolean {
  if (!owner || owner.hostname !== hostname()) return false;
  // Our own id on a lock this process does not hold: an earlier run with the same id (a container's PID 1).
  return owner.pid === process.pid || !isRunning(owner.pid);
}

function lockedError(dir: string, owner: Owner | undefined): HopliteError {
  const holder = owner ? `process ${owner.pid} on ${owner.hostname} (since ${owner.startedAt})` : 'another process (which has not written its id)';
  return new HopliteError('HOPLITE_ERR_DYNAMODB_LOCKED', `the data directory ${dir} is in use by ${holder}; stop it or choose another --data-dir`);
}

async function tryLock(dir: string, options: LockOptions): Promise<(() => Promise<void>) | undefined> {
  const staleMs = options.staleMs ?? STALE_MS;
  try {
    return await lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_DIR),
      realpath: false,
      stale: staleMs,
      update: Math.min(UPDATE_MS, staleMs / 2),
      retries: 0,
      onCompromised: (error) => options.onLost?.(`the lock on the data directory ${dir} was lost: ${error.message}`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}

/** The holder as it names itself; the winner of a race writes it a moment after it takes the lock. */
async function waitForOwner(path: string): Promise<Owner | undefined> {
  const deadline = Date.now() + OWNER_WAIT_MS;
  for (;;) {
    const owner = await readOwner(path);
    if (owner || Date.now() >= deadline) return owner;
    await delay(POLL_MS);
  }
}

/** Takes the lock or throws HOPLITE_ERR_DYNAMODB_LOCKED naming the holder; a stopped holder's lock is taken over. */
export async function lockDirectory(dir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const ownerPath = join(dir, OWNER_FILE);
  const heldByThisProcess = () =>
    new HopliteError(
      'HOPLITE_ERR_DYNAMODB_LOCKED',
      `the data directory ${dir} is in use by process ${process.pid} (another gateway in this process); stop it or choose another --data-dir`,
    );
  if (heldHere.has(dir)) throw heldByThisProcess();
  let release = await tryLock(dir, options);
  if (!release) {
    let owner = await waitForOwner(ownerPath);
    // Two gateways of this process started together: the other one won.
    if (heldHere.has(dir)) throw heldByThisProcess();
    if (!holderStopped(owner)) throw lockedError(dir, owner);
    // Killed without releasing (SIGKILL, a container stopped): wait until its lock is stale, then take it.
    const staleMs = options.staleMs ?? STALE_MS;
    options.onWait?.(
      `the data directory ${dir} is still locked by ${owner ? `process ${owner.pid}` : 'a process'}, which has stopped; taking the lock over within ${staleMs / 1000} s`,
    );
    const deadline = Date.now() + staleMs + UPDATE_MS;
    while (!release && Date.now() < deadline) {
      await delay(POLL_MS);
      release = await tryLock(dir, options);
    }
    if (!release) {
      owner = await readOwner(ownerPath);
      throw lockedError(dir, owner);
    }
  }
  heldHere.add(dir);
  const owner: Owner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  await writeFile(ownerPath, `${JSON.stringify(owner)}\n`);
  const held = release;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    heldHere.delete(dir);
    await rm(ownerPath, { force: true });
    await held().catch(() => {});
  };
}
