/**
 * serverless.yml (and .yaml, .json, .ts, .js, .mjs, .cjs) as a definition of `hoplite dev`: read with the CLI's
 * `--stage`, `--region`, `--param` and `--variable`, mapped onto the ServiceModel, served on serverless-offline's ports.
 */
import { basename } from 'node:path';
import { readServerlessServiceAt } from '../iac/serverless/index.ts';
import { describeIssue, serverlessOfflineFirstPort, serverlessToModel } from '../iac/serverless-model/index.ts';
import { validateService } from '../model/index.ts';
import type { DefinitionFormat, ImportOptions } from './definition-format.ts';

const NAME = /^serverless\.(ya?ml|json|ts|js|mjs|cjs)$/;

export const SERVERLESS_FORMAT: DefinitionFormat = {
  defaultNames: ['serverless.yml', 'serverless.ts'],
  description: 'a Serverless Framework service named serverless.yml, .yaml, .json, .ts, .js, .mjs or .cjs',
  accepts: (file) => NAME.test(basename(file)),
  async load(file, _displayPath, options, cwd) {
    const { stage, region, params, variables } = readOptions(options);
    const { service, positions } = await readServerlessServiceAt(file, {
      cwd,
      options: { ...(stage === undefined ? {} : { stage }), ...(region === undefined ? {} : { region }) },
      params,
      overrides: variables,
    });
    const { model, warnings } = serverlessToModel(service, positions);
    return {
      model: validateService(model, service.file),
      warnings: warnings.map((warning) => describeIssue(service.file, warning)),
      devPort: serverlessOfflineFirstPort(model),
    };
  },
};

function readOptions(options: ImportOptions): { stage?: string; region?: string; params: Record<string, string>; variables: Record<string, string> } {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const pairs = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, string>) : {});
  const result: ReturnType<typeof readOptions> = { params: pairs(options.params), variables: pairs(options.variables) };
  const stage = text(options.stage);
  const region = text(options.region);
  if (stage !== undefined) result.stage = stage;
  if (region !== undefined) result.region = region;
  return result;
}
