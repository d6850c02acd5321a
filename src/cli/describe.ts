/** `hoplite describe [entry]`: a picture of the service, as a text tree or a self-contained HTML page. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeHtml, describeText } from '../describe/index.ts';
import { HopliteError } from '../errors.ts';
import { DEFAULT_RUNTIME } from '../iac/synth/index.ts';
import { helpEntry } from '../options/index.ts';
import { IMPORT_FLAG_HELP, takeImportFlags } from './import-flags.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';
import { splitTemplateFlags, TEMPLATE_FLAG_HELP } from './template-flags.ts';

export const DESCRIBE_USAGE = [
  'Usage: hoplite describe [entry] [options]',
  '',
  "Draws the service: its APIs with their stages, routes and authorizers, each route's integration, the functions,",
  'tables, usage plans and API keys, and what each function is granted. The entry is found as hoplite dev finds it.',
  'Without --out it prints a text tree; with --out it writes a self-contained HTML page (inline SVG, nothing fetched)',
  'and prints its path.',
  '',
  'Options:',
  helpEntry('--out <file>', 'write the picture to this file, e.g. service.html (default: print it)'),
  helpEntry('--format <text|html>', 'text or html (default: html with --out, else text)'),
  ...TEMPLATE_FLAG_HELP,
  ...IMPORT_FLAG_HELP,
  helpEntry('-h, --help', 'show this help'),
].join('\n');

const FORMATS = ['text', 'html'] as const;
type DescribeFormat = (typeof FORMATS)[number];

export async function runDescribe(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const template = splitTemplateFlags(argv);
  const imported = takeImportFlags(template.argv);
  const { values, positionals } = parseArgs({
    args: imported.rest,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(`${DESCRIBE_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `describe takes one entry, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const format = chooseFormat(values.format, values.out);
  const loaded = await loadService(positionals[0], cwd, { ...template.options, ...imported.options });
  for (const warning of loaded.warnings) io.stderr.write(`warning: ${warning}\n`);
  const options = { defaultRuntime: DEFAULT_RUNTIME };
  const picture = format === 'html' ? describeHtml(loaded.model, options) : describeText(loaded.model, options);
  if (values.out === undefined) {
    io.stdout.write(picture);
    return 0;
  }
  const file = resolve(cwd, values.out);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, picture);
  // The path as the user gave it: relative to this folder when it is inside it.
  const shown = relative(cwd, file);
  io.stdout.write(`${shown === '' || shown.startsWith('..') || isAbsolute(shown) ? file : shown}\n`);
  return 0;
}

function chooseFormat(given: string | undefined, out: string | undefined): DescribeFormat {
  if (given === undefined) return out === undefined ? 'text' : 'html';
  const format = FORMATS.find((name) => name === given);
  if (!format) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--format: expected text or html, got "${given}"`);
  return format;
}
