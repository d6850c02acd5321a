/** `hoplite dev`'s flags, read from the options they set: parsing to option values, and the `--help` lines. */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { HopliteError } from '../errors.ts';
import { declaredFlags, flagLabel, primitiveDefault } from './declared.ts';
import type { OptionFlag, OptionMeta } from './meta.ts';
import { describeGiven } from './parse.ts';
import type { GatewayOptions } from './schema.ts';

type FlagText = string | boolean | string[];

export interface DevFlags {
  /** The options the flags set, and the command's defaults (`commandDefault`) of those not given. */
  options: GatewayOptions;
  /** Flags the command reads itself (`toOption: null`), as given. */
  commandFlags: Record<string, FlagText | undefined>;
  positionals: string[];
  help: boolean;
}

/** A flag whose value may be left out means its `alone` value; parseArgs wants a value for every string flag. */
function withAloneValues(argv: string[], flags: readonly OptionFlag[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => {
    const flag = flags.find((candidate) => candidate.alone !== undefined && arg === `--${candidate.name}`);
    return flag && (end === -1 || index < end) ? `--${flag.name}=${flag.alone}` : arg;
  });
}

function usageError(flag: OptionFlag, given: FlagText, issue: z.core.$ZodIssue | undefined): HopliteError {
  const index = issue?.path[0];
  const text = Array.isArray(given) && typeof index === 'number' ? given[index] : given;
  return new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${flag.name}: expected ${issue?.message ?? 'another value'}, got ${describeGiven(text)}`);
}

/** Reads the command line; a flag with a wrong value is a usage error naming the flag, the value and what is expected. */
export function parseOptionFlags(argv: string[]): DevFlags {
  const flags = declaredFlags();
  const { values, positionals } = parseArgs({
    args: withAloneValues(
      argv,
      flags.map(({ flag }) => flag),
    ),
    allowPositionals: true,
    strict: true,
    options: {
      ...Object.fromEntries(
        flags.map(({ flag }) => [flag.name, { type: flag.value === undefined ? 'boolean' : 'string', multiple: flag.multiple === true } as const]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
  });
  const given = values as Record<string, FlagText | undefined>;
  const options: Record<string, unknown> = {};
  const commandFlags: DevFlags['commandFlags'] = {};
  for (const { name, schema, flag } of flags) {
    const text = given[flag.name];
    if (flag.toOption === null) {
      commandFlags[flag.name] = text;
    } else if (text === undefined) {
      if (flag.commandDefault !== undefined) options[name] = flag.commandDefault;
    } else {
      const parsed = (flag.toOption ?? schema).safeParse(text, { reportInput: true });
      if (!parsed.success) throw usageError(flag, text, parsed.error.issues[0]);
      options[name] = parsed.data;
    }
  }
  return { options: options as GatewayOptions, commandFlags, positionals, help: given.help === true };
}

/** What `--help` gives as a flag's default: its own, the command's, the option's value, or the documented one. */
function helpDefault(flag: OptionFlag, schema: z.ZodType, meta: OptionMeta): string {
  if (flag.default !== undefined) return flag.default;
  if (flag.value === undefined) return 'off';
  if (flag.commandDefault !== undefined) return String(flag.commandDefault);
  return String(primitiveDefault(schema) ?? meta.default?.replaceAll('`', '') ?? 'none');
}

const LABEL_WIDTH = 27;
const LINE_WIDTH = 118;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** One `--help` entry: the label, then the text wrapped under itself. */
export function helpEntry(label: string, text: string): string {
  const indent = ' '.repeat(LABEL_WIDTH + 2);
  const [first = '', ...rest] = wrap(text, LINE_WIDTH - indent.length);
  return [`  ${label.padEnd(LABEL_WIDTH)}${first}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
}

/** The `Options:` lines of `hoplite dev --help`, one entry per flag: name, value, what it does, default. */
export function renderFlagHelp(): string[] {
  return declaredFlags().map(({ schema, meta, flag }) => helpEntry(flagLabel(flag), `${flag.help} (default: ${helpDefault(flag, schema, meta)})`));
}
