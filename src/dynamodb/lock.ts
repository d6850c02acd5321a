/** An exclusive lock on a data directory: two dynalite servers on one folder corrupt it. */
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HopliteError } from '../errors.ts';

const LOCK_FILE = 'hoplite.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws HOPLITE_ERR_DYNAMODB_LOCKED; a lock left by a dead process is taken over. */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(token);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = (await readFile(path, 'utf8').catch(() => '')).split(':');
    const pid = Number(holder[0]);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      throw new HopliteError(
        'HOPLITE_ERR_DYNAMODB_LOCKED',
        `the data directory ${dir} is in use by process ${pid}${pid === process.pid ? ' (another gateway in this process)' : ''}; stop it or choose another --data-dir`,
      );
    }
    await writeFile(path, token);
  }
  return async () => {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === token) await unlink(path).catch(() => {});
  };
}
