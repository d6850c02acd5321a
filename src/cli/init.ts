/** `hoplite init [dir]`: writes the starter project of templates/starter into a folder, never over existing files. */
import { constants } from 'node:fs';
import { appendFile, copyFile, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HopliteError } from '../errors.ts';
import { DEFAULT_DEV_PORT } from '../options/index.ts';
import type { CliIo } from './io.ts';

export const INIT_USAGE = `Usage: hoplite init [dir] [options]

Writes a starter project into dir (default: the current folder; created if missing): hoplite.config.ts with a
WebSocket API and an HTTP API, their Lambda handlers in src/, a README.md, a package.json (unless one exists)
and a .gitignore (an existing one gets the lines it lacks). If any of the starter's files already exists,
nothing is written.

Options:
  -h, --help   show this help`;

/** The starter's files, kept as real, type-checked sources in the repository and shipped with the package. */
export const STARTER_DIR = fileURLToPath(new URL('../../templates/starter/', import.meta.url));
const OWN_MANIFEST = new URL('../../package.json', import.meta.url);

/** What every Hoplite project keeps out of git: the build and dev state folder, and installed packages. */
export const GITIGNORE_LINES = ['.hoplite/', 'node_modules/'];

// The starter's APIs as `hoplite dev` serves them by default: the WebSocket API on the first port, the HTTP API
// on the next, both on stage `dev` (templates/starter/hoplite.config.ts).
const WEBSOCKET_URL = `ws://127.0.0.1:${DEFAULT_DEV_PORT}/dev`;
const HTTP_URL = `http://127.0.0.1:${DEFAULT_DEV_PORT + 1}/dev`;

/** The starter's files, relative to its folder with `/` separators, sorted. Build output and packages are not part of it. */
export async function starterFiles(dir = STARTER_DIR, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.hoplite' || entry.name === 'node_modules') continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) files.push(...(await starterFiles(join(dir, entry.name), `${path}/`)));
    else files.push(path);
  }
  return files.sort();
}

/** A valid npm package name made from a folder name, e.g. `My App` → `my-app`. */
export function packageNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[-._~]+|-+$/g, '')
    .slice(0, 214);
  return name || 'hoplite-app';
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * How the new project gets Hoplite: as the enclosing project got it (a `file:` tarball or folder, rebased to the
 * new folder; a git URL), so that `npm install` there works before Hoplite is published; else the version range.
 */
export async function hopliteSpec(target: string, name: string, version: string): Promise<string> {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const manifest = await readOptional(join(dir, 'package.json'));
    if (manifest !== undefined) {
      try {
        const parsed = JSON.parse(manifest) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
        const spec = parsed.devDependencies?.[name] ?? parsed.dependencies?.[name];
        if (spec?.startsWith('file:')) return `file:${relative(target, resolve(dir, spec.slice('file:'.length))) || '.'}`;
        if (spec) return spec;
      } catch {
        // Not this project's business to fix here.
      }
    }
    if (dirname(dir) === dir) return `^${version}`;
  }
}

async function starterManifest(target: string): Promise<string> {
  const folder = basename(target);
  const own = JSON.parse(await readFile(OWN_MANIFEST, 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
  const manifest = {
    name: packageNameFor(folder),
    private: true,
    type: 'module',
    scripts: { dev: 'hoplite dev' },
    // No @aws-sdk/* dependency: the Lambda runtime provides the AWS SDK v3, and so does hoplite dev.
    devDependencies: { '@types/aws-lambda': own.dependencies['@types/aws-lambda'] ?? '*', [own.name]: await hopliteSpec(target, own.name, own.version) },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `.hoplite/`, `/.hoplite` and `.hoplite` ignore the same folder. */
function ignoreKey(line: string): string {
  return line.trim().replace(/^\//, '').replace(/\/$/, '');
}

/** Creates the .gitignore, or appends the lines it lacks; returns the lines added. */
async function ensureGitignore(path: string): Promise<string[]> {
  const current = await readOptional(path);
  if (current === undefined) {
    await writeFile(path, `${GITIGNORE_LINES.join('\n')}\n`, { flag: 'wx' });
    return GITIGNORE_LINES;
  }
  const present = new Set(current.split(/\r?\n/).map(ignoreKey));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(ignoreKey(line)));
  if (missing.length > 0) await appendFile(path, `${current === '' || current.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
  return missing;
}

/** What an existing package.json still needs for the starter to run, as notes and commands. */
function checkExistingManifest(text: string): { notes: string[]; install?: string } {
  let manifest: { type?: unknown; dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
  try {
    manifest = JSON.parse(text);
  } catch {
    return { notes: ['package.json is not valid JSON: it was left as it is'] };
  }
  const notes: string[] = [];
  if (manifest.type !== 'module') notes.push('package.json has no "type": "module"; add it: hoplite.config.ts and the handlers are ES modules');
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };
  const wanted = ['hoplite', '@types/aws-lambda'].filter((name) => !(name in declared));
  return wanted.length > 0 ? { notes, install: `npm install --save-dev ${wanted.join(' ')}` } : { notes };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

export async function runInit(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(`${INIT_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `expected at most one folder, got ${positionals.length}\n${INIT_USAGE}`);
  const dirArg = positionals[0] ?? '.';
  const target = resolve(cwd, dirArg);
  const label = dirArg.replace(/(.)[\\/]+$/, '$1');

  const files = await starterFiles();
  const taken: string[] = [];
  for (const file of files) if (await exists(join(target, file))) taken.push(file);
  if (taken.length > 0) {
    for (const file of taken) io.stderr.write(`error: ${label}/${file} already exists; init writes a new project\n`);
    return 1;
  }

  try {
    await mkdir(target, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `${label}: exists and is not a folder`);
    throw error;
  }
  for (const file of files) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(join(STARTER_DIR, file), join(target, file), constants.COPYFILE_EXCL);
  }

  const written = [...files];
  const manifestPath = join(target, 'package.json');
  const existingManifest = await readOptional(manifestPath);
  let manifestCheck: ReturnType<typeof checkExistingManifest> = { notes: [] };
  if (existingManifest === undefined) {
    await writeFile(manifestPath, await starterManifest(target), { flag: 'wx' });
    written.push('package.json');
  } else {
    manifestCheck = checkExistingManifest(existingManifest);
  }
  const gitignoreExisted = await exists(join(target, '.gitignore'));
  const added = await ensureGitignore(join(target, '.gitignore'));
  if (!gitignoreExisted) written.push('.gitignore');
  else if (added.length > 0) written.push(`.gitignore (added ${added.join(', ')})`);

  const here = target === resolve(cwd);
  const steps = [
    ...(here ? [] : [`cd ${shellQuote(dirArg)}`]),
    ...(existingManifest === undefined ? ['npm install'] : manifestCheck.install ? [manifestCheck.install] : []),
    'npx hoplite dev',
  ];
  const lines = [
    `Wrote a Hoplite starter ${here ? 'in this folder' : `to ${label}`}:`,
    ...written.map((file) => `  ${file}`),
    ...(existingManifest === undefined ? [] : ['Kept the existing package.json.']),
    ...manifestCheck.notes.map((note) => `note: ${note}`),
    '',
    'Next steps:',
    ...steps.map((step) => `  ${step}`),
    '',
    'Then, from another terminal:',
    `  curl -X POST ${HTTP_URL}/items -H 'content-type: application/json' -d '{"text":"hello"}'`,
    `  curl ${HTTP_URL}/items`,
    `  npx hoplite connect ${WEBSOCKET_URL}`,
    `  > {"action":"sendmessage","data":"hello"}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
