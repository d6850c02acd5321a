/** A synthesis context with one HTTP API, for the HTTP API synthesis tests. */

import { TemplateBuilder } from '../../src/iac/synth/builder.ts';
import type { SynthContext } from '../../src/iac/synth/context.ts';
import { synthesizeHttpApi } from '../../src/iac/synth/http-api.ts';
import type { CfnTemplate } from '../../src/iac/synth/template.ts';
import type { HttpApiModel, ServiceModel } from '../../src/model/types.ts';

export function httpContext(model: ServiceModel, source = 'app.ts'): SynthContext {
  return {
    model,
    builder: new TemplateBuilder(`${model.name}: HTTP API resources`, source),
    options: {
      source,
      code: (name) => ({ s3Key: `functions/${name}.zip`, handler: 'index.handler', assetPath: `functions/${name}` }),
    },
  };
}

/** The template holding only what synthesizeHttpApi writes for each of the model's HTTP APIs. */
export function synthesizeHttpApis(model: ServiceModel, source = 'app.ts'): CfnTemplate {
  const context = httpContext(model, source);
  for (const api of model.apis) if (api.protocol === 'HTTP') synthesizeHttpApi(context, api);
  return context.builder.toTemplate();
}

export function serviceWith(api: HttpApiModel): ServiceModel {
  return { name: 'svc', functions: [], apis: [api], tables: [], outputs: [], sites: [] };
}
