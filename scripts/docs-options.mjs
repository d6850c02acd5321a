#!/usr/bin/env node
// Writes docs/options.md from the options schema (src/options/schema.ts); test/meta/options-doc.test.ts fails when they differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOptionsDoc } from '../src/options/docs.ts';

writeFileSync(fileURLToPath(new URL('../docs/options.md', import.meta.url)), renderOptionsDoc());
