/** What REST synthesis writes, read back by the template importer, is the model it came from. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SHOP_API, SHOP_SERVICE } from '../../../test/fixtures/synth/rest-model.ts';
import { CASES } from '../../../test/fixtures/template-model/cases.ts';
import { loadService } from '../../cli/load-service.ts';
import { validateService } from '../../model/index.ts';
import type { ServiceModel } from '../../model/types.ts';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from '../template-model/index.ts';
import { synthesizeApiKeys } from './api-keys.ts';
import { TemplateBuilder } from './builder.ts';
import { ids } from './context.ts';
import { synthesizeRestApi } from './rest-api.ts';
import { restIds } from './rest-ids.ts';
import type { CfnTemplate } from './template.ts';

/** The REST parts synthesized, with each function as an AWS::Lambda::Function whose Code is a local folder. */
function templateOf(model: ServiceModel): CfnTemplate {
  const builder = new TemplateBuilder(model.name, 'app.ts');
  const context = {
    model,
    builder,
    warnings: [] as string[],
    options: { source: 'app.ts', code: (name: string) => ({ s3Key: `${name}.zip`, handler: 'index.handler', assetPath: name }) },
  };
  for (const api of model.apis) if (api.protocol === 'REST') synthesizeRestApi(context, api);
  synthesizeApiKeys(context);
  for (const fn of model.functions) {
    builder.resource(
      ids.function(fn.name),
      { Type: 'AWS::Lambda::Function', Properties: { FunctionName: fn.name, Handler: fn.handler, Runtime: 'nodejs22.x', Code: '.' } },
      `function "${fn.name}"`,
    );
  }
  return builder.toTemplate();
}

/** An API key's value is not synthesized (AWS generates it); the importer needs one locally, so the test puts the model's back. */
function withKeyValues(template: CfnTemplate, model: ServiceModel): CfnTemplate {
  for (const key of model.apiKeys ?? []) (template.Resources[restIds.apiKey(key.name)]?.Properties as Record<string, unknown>).Value = key.value;
  return template;
}

test('every REST part, API keys and usage plans survive synthesis and import unchanged, but for two values the deployer supplies', () => {
  validateService(SHOP_SERVICE, 'app.ts');
  // Difference 1: AWS generates an API key's value, so synthesis writes none; the importer needs one to accept it locally.
  const template = withKeyValues(templateOf(SHOP_SERVICE), SHOP_SERVICE);
  // Difference 2: an authorizer trusting the local issuer becomes a parameter; the deployer passes a user pool ARN, here the local issuer.
  const imported = templateModel(parseTemplate(JSON.stringify(template), 'template.json'), {
    parameterOverrides: { ShopLocalUserPoolArn: 'hoplite:local-issuer' },
  });
  assert.deepEqual(imported.model.apis, [SHOP_API]);
  assert.deepEqual(imported.model.apiKeys, SHOP_SERVICE.apiKeys);
  assert.deepEqual(imported.model.usagePlans, SHOP_SERVICE.usagePlans);
  assert.deepEqual(
    imported.warnings.map((warning) => warning.message),
    ['AWS::ApiGateway::Deployment is ignored: every change is deployed locally (hot reload); a StageName it gives is used when no Stage names the API'],
  );
});

test('seed 003: examples/rest-location round-trips through its synthesized template', async () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const { model } = await loadService('examples/rest-location/hoplite.config.ts', root);
  const imported = templateModel(parseTemplate(JSON.stringify(templateOf(model)), 'template.json'));
  assert.deepEqual(imported.model.apis, model.apis);
});

test("every REST API of the importer's fixture templates comes back from its synthesized template unchanged", () => {
  let checked = 0;
  for (const { name, template, options } of CASES) {
    const { model } = templateModel(parseTemplate(template, 't.yaml'), options as Record<string, never>);
    const restApis = model.apis.filter((api) => api.protocol === 'REST');
    if (restApis.length === 0) continue;
    const restOnly = { ...model, apis: restApis };
    const back = templateModel(parseTemplate(JSON.stringify(withKeyValues(templateOf(restOnly), model)), 'template.json')).model;
    assert.deepEqual({ apis: back.apis, usagePlans: back.usagePlans }, { apis: restApis, usagePlans: model.usagePlans }, name);
    checked++;
  }
  assert.equal(checked, 11);
});
