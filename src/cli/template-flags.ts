/** The flags of template definitions (SAM CLI's spelling), taken out of `hoplite dev`'s arguments before the gateway's own are parsed. */
import { HopliteError } from '../errors.ts';
import { helpEntry } from '../options/index.ts';
import type { TemplateImportOptions } from './template-format.ts';

const VALUE_FLAGS = ['parameter-overrides', 'stack-name', 'import-value', 'env-vars'] as const;
type TemplateFlag = (typeof VALUE_FLAGS)[number];

export const TEMPLATE_FLAG_HELP = [
  helpEntry('--parameter-overrides K=V', "template parameters as SAM CLI writes them, separated by spaces: 'Stage=dev Memory=512'"),
  helpEntry('--stack-name <name>', 'AWS::StackName of a template, and the service name (default: hoplite-local)'),
  helpEntry('--import-value <Name=V>', "a value for a template's Fn::ImportValue of that export name; repeatable"),
  helpEntry('--env-vars <env.json>', 'environment overrides as SAM CLI reads them: { "Parameters": {...} } for all functions, { "Fn": {...} } for one'),
];

export interface SplitArguments {
  /** What is left for the gateway's flags and the entries. */
  argv: string[];
  options: TemplateImportOptions;
}

export function splitTemplateFlags(argv: readonly string[]): SplitArguments {
  const rest: string[] = [];
  const values = new Map<TemplateFlag, string[]>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(argument);
    const flag = VALUE_FLAGS.find((name) => name === match?.[1]);
    if (!match || !flag) {
      rest.push(argument);
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${flag}: expected a value`);
      index++;
    }
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  const single = (flag: TemplateFlag) => {
    const given = values.get(flag);
    if (given && given.length > 1) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--${flag}: given ${given.length} times; expected once`);
    return given?.[0];
  };
  const options: TemplateImportOptions = {};
  const overrides = values.get('parameter-overrides');
  if (overrides) options.parameterOverrides = overrides.join(' ');
  const stackName = single('stack-name');
  if (stackName !== undefined) options.stackName = stackName;
  const envVars = single('env-vars');
  if (envVars !== undefined) options.envVars = envVars;
  const imports = values.get('import-value');
  if (imports) {
    options.importValues = {};
    for (const entry of imports) {
      const equals = entry.indexOf('=');
      if (equals <= 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--import-value: expected Name=Value (an export name and its value), got "${entry}"`);
      options.importValues[entry.slice(0, equals)] = entry.slice(equals + 1);
    }
  }
  return { argv: rest, options };
}
