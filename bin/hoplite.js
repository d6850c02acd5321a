#!/usr/bin/env node
// The hoplite command as installed: the compiled CLI in dist/ (`npm run build` makes it).
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
try {
  await access(entry);
} catch {
  console.error(`hoplite: ${fileURLToPath(entry)} is missing; run \`npm run build\` in the hoplite package first`);
  process.exit(1);
}
await import(entry.href);
