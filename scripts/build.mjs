#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsconfig.build.json, from an empty dist/. Type errors fail it
// (and so `npm pack` and `npm publish`), except with --allow-type-errors or while npm installs a checkout
// (`prepare` under npm install or npm ci): tsc still writes the JavaScript, the errors are printed and the
// install goes on, so that it never hides the checks and tests that follow it (`npm run typecheck` reports
// the same errors).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** tsc's exit status when it reported errors and wrote its outputs all the same. */
const EMITTED_WITH_ERRORS = 2;

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.error) throw result.error;
const allowTypeErrors = process.argv.includes('--allow-type-errors') || ['install', 'ci'].includes(process.env.npm_command ?? '');
if (result.status === EMITTED_WITH_ERRORS && allowTypeErrors) {
  console.warn('hoplite: dist/ was written despite the type errors above');
  process.exit(0);
}
process.exit(result.status ?? 1);
