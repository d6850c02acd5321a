/** The service model as one CloudFormation template: the same model gives the same bytes. */
import type { ServiceModel } from '../../model/types.ts';
import { synthesizeApiKeys } from './api-keys.ts';
import { TemplateBuilder } from './builder.ts';
import { ARTIFACT_BUCKET_PARAMETER, type SynthContext, type SynthOptions } from './context.ts';
import { synthesizeHttpApi } from './http-api.ts';
import { synthesizeRestApi } from './rest-api.ts';
import type { CfnTemplate } from './template.ts';

export function synthesize(model: ServiceModel, options: SynthOptions): CfnTemplate {
  const builder = new TemplateBuilder(`${model.name}: synthesized by Hoplite`, options.source);
  builder.parameter(ARTIFACT_BUCKET_PARAMETER, { Type: 'String', Description: 'The S3 bucket that holds the function bundles' });
  const context: SynthContext = { model, builder, options };
  for (const api of model.apis) {
    if (api.protocol === 'HTTP') synthesizeHttpApi(context, api);
    else if (api.protocol === 'REST') synthesizeRestApi(context, api);
  }
  synthesizeApiKeys(context);
  return builder.toTemplate();
}
