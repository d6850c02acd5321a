/** `hoplite dev template.yaml`: CloudFormation and SAM templates (YAML or JSON) as a DefinitionFormat. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { HopliteError } from '../errors.ts';
import { parseTemplate } from '../iac/cloudformation/index.ts';
import { type EnvironmentOverrides, templateModel } from '../iac/template-model/index.ts';
import { validateService } from '../model/index.ts';
import type { DefinitionFormat, ImportedService, ImportOptions } from './definition-format.ts';

/** What the template flags give the format (src/cli/template-flags.ts). */
export interface TemplateImportOptions {
  parameterOverrides?: string;
  stackName?: string;
  importValues?: Record<string, string>;
  /** The `--env-vars` file, relative to the current directory. */
  envVars?: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export const templateFormat: DefinitionFormat = {
  defaultNames: ['template.yaml', 'template.yml', 'template.json'],
  description: 'a CloudFormation or SAM template ending in .yaml, .yml or .json',
  // serverless.yml and serverless.json are the Serverless Framework's, not templates.
  accepts: (file) => EXTENSIONS.has(extname(file).toLowerCase()) && !basename(file).toLowerCase().startsWith('serverless.'),
  load: async (file, displayPath, options, cwd) => loadTemplate(file, displayPath, readTemplateOptions(options, cwd)),
};

function readEnvVars(path: string): EnvironmentOverrides {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new HopliteError(
      'HOPLITE_ERR_CLI_USAGE',
      `--env-vars ${path}: expected a JSON file such as { "Parameters": { "TABLE": "local" }, "MyFunction": { "STAGE": "dev" } }: ${(error as Error).message}`,
    );
  }
  const isMapping = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isMapping(parsed) || !Object.values(parsed as object).every(isMapping)) {
    throw new HopliteError(
      'HOPLITE_ERR_CLI_USAGE',
      `--env-vars ${path}: expected an object of objects: "Parameters" for every function, or a function's logical id or name, each mapping variable names to values`,
    );
  }
  return parsed as EnvironmentOverrides;
}

/** The template flags among the import options; `--env-vars` is relative to the current directory. */
function readTemplateOptions(options: ImportOptions, cwd: string): TemplateImportOptions {
  const given = options as TemplateImportOptions;
  return given.envVars === undefined ? given : { ...given, envVars: resolve(cwd, given.envVars) };
}

function loadTemplate(file: string, displayPath: string, options: TemplateImportOptions): ImportedService {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${displayPath}: the template could not be read: ${(error as Error).message}`, { cause: error });
  }
  const root = dirname(file);
  const { model, warnings, inlineCode } = templateModel(parseTemplate(text, displayPath), {
    ...(options.parameterOverrides === undefined ? {} : { parameterOverrides: options.parameterOverrides }),
    ...(options.stackName === undefined ? {} : { stackName: options.stackName }),
    ...(options.importValues === undefined ? {} : { importValues: options.importValues }),
    ...(options.envVars === undefined ? {} : { environmentOverrides: readEnvVars(options.envVars) }),
    readFile: (path) => readFileSync(join(root, path), 'utf8'),
    directoryExists: (path) => statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory() === true,
  });
  for (const code of inlineCode) {
    const path = join(root, code.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, code.text);
  }
  return {
    model: validateService({ ...model, rootDir: root }, displayPath),
    warnings: warnings.map((warning) => `${warning.location}: ${warning.path}: ${warning.message}`),
  };
}
