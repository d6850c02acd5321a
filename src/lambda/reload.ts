/** Hot reload: watches the files each function is built from and rebuilds only the functions a change touches. */
import { type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Log } from '../internal/log.ts';
import type { LayerModel } from '../model/types.ts';
import { type BuiltFunction, buildFunction } from './build.ts';

export interface ReloadOptions {
  functions: readonly BuiltFunction[];
  /** The service's layers, which functions name. @default [] */
  layers?: readonly LayerModel[];
  rootDir: string;
  buildDir: string;
  log: Log;
  /** Takes a successful rebuild into service. */
  replace(built: BuiltFunction): Promise<void>;
  /**
   * Waits this long after the last change before rebuilding (editors write in several steps). Real time, not the
   * gateway's clock: it paces the real file system's events, which a manual clock would hold back. @default 50
   */
  debounceMs?: number;
}

export interface Reloader {
  close(): void;
  /** Resolves once every rebuild started so far has finished (for tests). */
  settled(): Promise<void>;
}

/** Dependencies inside node_modules are not watched: they change by installs, not edits. */
function watchable(file: string): boolean {
  return !file.split(/[\\/]/).includes('node_modules');
}

export function watchFunctions(options: ReloadOptions): Reloader {
  const current = new Map(options.functions.map((built) => [built.model.name, built]));
  const watchers = new Map<string, FSWatcher>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  /** Every file some function is built from → the functions built from it. */
  function dependents(): Map<string, string[]> {
    const byFile = new Map<string, string[]>();
    for (const built of current.values()) {
      for (const input of built.inputs.filter(watchable)) byFile.set(input, [...(byFile.get(input) ?? []), built.model.name]);
    }
    return byFile;
  }

  // Folders, not files: editors often replace a file (a new inode), which a file watcher would lose.
  function syncWatchers(): void {
    const folders = new Set([...dependents().keys()].map((file) => dirname(file)));
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, filename) => {
          if (filename) onChange(join(folder, filename.toString()));
        });
        watcher.on('error', () => {});
        watchers.set(folder, watcher);
      } catch (error) {
        options.log.warn(`cannot watch ${folder} for changes: ${(error as Error).message}`);
      }
    }
  }

  function onChange(file: string): void {
    if (closed || !dependents().has(file)) return;
    changed.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      running = running.then(() => rebuild(files));
    }, options.debounceMs ?? 50);
  }

  async function rebuild(files: string[]): Promise<void> {
    if (closed) return;
    const byFile = dependents();
    const names = [...new Set(files.flatMap((file) => byFile.get(file) ?? []))];
    const shown = files.map((file) => relative(options.rootDir, file)).join(', ');
    const reloaded: string[] = [];
    for (const name of names) {
      const previous = current.get(name) as BuiltFunction;
      try {
        const built = await buildFunction(previous.model, options.rootDir, options.buildDir, options.layers);
        if (closed) return;
        current.set(name, built);
        await options.replace(built);
        reloaded.push(name);
      } catch (error) {
        // The previous build keeps serving until the file is fixed.
        options.log.error(`${(error as Error).message}; ${name} keeps running its previous version`);
      }
    }
    if (reloaded.length > 0) options.log.info(`reloaded ${reloaded.join(', ')} (${shown} changed)`);
    syncWatchers();
  }

  syncWatchers();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
    settled: () => running,
  };
}
