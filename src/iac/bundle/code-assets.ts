/**
 * The files of a code root a bundle carries besides its code: what a handler may read from beside itself
 * (templates, JSON data, certificates). Sources are left out, as the bundle holds the code they compile to.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Source files: their code is in the bundle (or unused by the handler); maps would point at files not shipped. */
const SOURCE_FILE = /\.(?:[cm]?js|[cm]?ts|map)$/;

/** Lock files describe node_modules, which the bundle replaces. */
const LOCK_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml']);

export interface CodeAsset {
  /** Relative to the code root, with `/` separators (as zip entries name it). */
  path: string;
  absolutePath: string;
  /** The owner may execute it: shipped as 0755 rather than 0644. */
  executable: boolean;
}

/** Whether a file or folder of a code root is shipped: no node_modules, no dot-files, no sources, no lock files. */
export function isCodeAsset(name: string, isDirectory: boolean): boolean {
  if (name.startsWith('.') || name === 'node_modules') return false;
  if (isDirectory) return true;
  return !SOURCE_FILE.test(name) && !LOCK_FILES.has(name);
}

/** The assets under `root`, sorted by path; folders in `skip` (such as the output folder) are not entered. */
export async function listCodeAssets(root: string, skip: readonly string[] = []): Promise<CodeAsset[]> {
  const assets: CodeAsset[] = [];
  // The real folders being walked: a link back to one of them would otherwise be walked forever.
  const ancestors = new Set<string>();
  async function visit(dir: string): Promise<void> {
    const real = await realpath(dir);
    if (ancestors.has(real)) return;
    ancestors.add(real);
    const entries = (await readdir(dir)).sort();
    for (const name of entries) {
      const absolutePath = join(dir, name);
      // Links are followed, as a zip tool that stores file contents does.
      const info = await stat(absolutePath).catch(() => undefined);
      if (!info || !isCodeAsset(name, info.isDirectory())) continue;
      if (info.isDirectory()) {
        if (!skip.includes(absolutePath)) await visit(absolutePath);
      } else if (info.isFile()) {
        assets.push({ path: relative(root, absolutePath).split(sep).join('/'), absolutePath, executable: (info.mode & 0o100) !== 0 });
      }
    }
    ancestors.delete(real);
  }
  await visit(root);
  return assets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
