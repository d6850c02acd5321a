/** The service model as one CloudFormation template: the same model gives the same bytes. */
import type { ServiceModel } from '../../model/types.ts';
import { synthesizeApiKeys } from './api-keys.ts';
import { TemplateBuilder } from './builder.ts';
import { ARTIFACT_BUCKET_PARAMETER, type SynthContext, type SynthOptions } from './context.ts';
import { synthesizeFunctions } from './functions.ts';
import { synthesizeHttpApi } from './http-api.ts';
import { localTargetWarnings } from './local-targets.ts';
import { synthesizeOutputs } from './outputs.ts';
import { synthesizePermissions } from './permissions.ts';
import { synthesizeRestApi } from './rest-api.ts';
import { synthesizeTables } from './tables.ts';
import type { CfnTemplate } from './template.ts';
import { synthesizeWebSocketApi } from './websocket-api.ts';

export interface SynthResult {
  template: CfnTemplate;
  /** What the template leaves out on purpose or cannot make work, one line each: a site, a function's layers, a local URL. */
  warnings: string[];
}

export function synthesize(model: ServiceModel, options: SynthOptions): SynthResult {
  const builder = new TemplateBuilder(`${model.name}: synthesized by Hoplite`, options.source);
  builder.parameter(ARTIFACT_BUCKET_PARAMETER, { Type: 'String', Description: 'The S3 bucket that holds the function bundles' });
  const context: SynthContext = { model, builder, options, warnings: [] };
  synthesizeTables(context);
  synthesizeFunctions(context);
  for (const api of model.apis) {
    if (api.protocol === 'WEBSOCKET') synthesizeWebSocketApi(context, api);
    else if (api.protocol === 'HTTP') synthesizeHttpApi(context, api);
    else synthesizeRestApi(context, api);
  }
  synthesizePermissions(context);
  synthesizeApiKeys(context);
  synthesizeOutputs(context);
  context.warnings.push(...localTargetWarnings(model));
  for (const site of model.sites) {
    context.warnings.push(`site "${site.name}" (${site.dir}) is not shipped: host its files yourself (S3 and CloudFront, for one)`);
  }
  return { template: builder.toTemplate(), warnings: context.warnings };
}
