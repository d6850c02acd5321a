/** An HTTP API model, synthesized, then read back by the template importer: the same model (each difference justified). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EVERY_HTTP_FEATURE as everything, serviceWith, synthesizeHttpApis } from '../../../test/helpers/http-synth.ts';
import { loadService } from '../../cli/load-service.ts';
import { validateService } from '../../model/index.ts';
import type { HttpApiModel, HttpLambdaAuthorizerModel, HttpRouteModel } from '../../model/types.ts';
import { parseTemplate } from '../cloudformation/index.ts';
import { type TemplateModelOptions, templateModel } from '../template-model/template-model.ts';
import { ids } from './context.ts';
import type { CfnTemplate } from './template.ts';

/** The synthesized HTTP API resources with each function as an AWS::Lambda::Function of local code, as the importer runs it. */
function minimalTemplate(template: CfnTemplate, functionNames: string[]): string {
  const functions = Object.fromEntries(
    functionNames.map((name) => [
      ids.function(name),
      { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: `build/${name}` } },
    ]),
  );
  return JSON.stringify({ ...template, Resources: { ...functions, ...template.Resources } }, null, 2);
}

function roundTrip(api: HttpApiModel, options: TemplateModelOptions = {}, functionNames = ['todo', 'check-token']) {
  const text = minimalTemplate(synthesizeHttpApis(serviceWith(api)), functionNames);
  const { model, warnings } = templateModel(parseTemplate(text, 'template.json'), options);
  // What the importer reads back is a model the gateway runs.
  validateService({ ...model, rootDir: '/app' }, 'template.json');
  return { apis: model.apis, warnings: warnings.map((warning) => `${warning.path}: ${warning.message}`) };
}

const LOCAL_ISSUER_OVERRIDE = 'TodoUsersAuthorizerIssuer=hoplite:local-issuer';

test('every HTTP API feature comes back as the same model, the local issuer through --parameter-overrides', () => {
  const { apis, warnings } = roundTrip(everything, { parameterOverrides: LOCAL_ISSUER_OVERRIDE });
  assert.deepStrictEqual(apis, [everything]);
  assert.deepStrictEqual(warnings, []);
});

test("the issuer parameter takes a real issuer's URL, as provision --parameter passes it", () => {
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_xyz';
  const { apis } = roundTrip(everything, { parameterOverrides: { TodoUsersAuthorizerIssuer: issuer } });
  const [users] = (apis[0] as HttpApiModel).authorizers ?? [];
  assert.deepStrictEqual(users, { ...everything.authorizers?.[0], jwtConfiguration: { issuer, audience: ['todo-web'] } });
});

test('HTTP-3: a stage without AutoDeploy comes back without it; its deployment is ignored with a warning', () => {
  const manual: HttpApiModel = { ...everything, stage: { ...everything.stage, name: 'prod', autoDeploy: false } };
  const { apis, warnings } = roundTrip(manual, { parameterOverrides: LOCAL_ISSUER_OVERRIDE });
  assert.deepStrictEqual(apis, [manual]);
  assert.deepStrictEqual(warnings, [
    'Resources.TodoDeployment8AAE4EBD: AWS::ApiGatewayV2::Deployment is ignored: every change is deployed locally (hot reload)',
  ]);
});

test('HTTP-83: the one difference: an HTTP_PROXY route of payload format 2.0 comes back as 1.0, the only format AWS takes for it', () => {
  const [proxy] = everything.routes.filter((route) => route.integration);
  const api: HttpApiModel = { ...everything, routes: [{ ...(proxy as HttpRouteModel), payloadFormatVersion: '2.0' }] };
  const { apis } = roundTrip(api, { parameterOverrides: LOCAL_ISSUER_OVERRIDE });
  // The payload format of an HTTP_PROXY route reaches no function, so the gateway serves both models alike.
  assert.deepStrictEqual(apis, [{ ...api, routes: [proxy] }]);
});

test('AUTH-35: a Lambda authorizer without identity sources comes back with the TTL 0 it has in effect', () => {
  const [, , , policy] = everything.authorizers ?? [];
  const api: HttpApiModel = {
    ...everything,
    authorizers: [...(everything.authorizers ?? []).slice(0, 3), { ...(policy as HttpLambdaAuthorizerModel), authorizerResultTtlInSeconds: 300 }],
  };
  const { apis } = roundTrip(api, { parameterOverrides: LOCAL_ISSUER_OVERRIDE });
  // Nothing is cached without identity sources, locally or on AWS, so both models authorize alike.
  assert.deepStrictEqual(apis, [everything]);
});

test('without a value for the issuer parameter the importer says which parameter to pass', () => {
  assert.throws(() => roundTrip(everything), {
    message:
      'template.json:5:5: Parameters.TodoUsersAuthorizerIssuer: has no Default; give a value with --parameter-overrides TodoUsersAuthorizerIssuer=<value>',
  });
});

for (const example of ['todo', 'todo-auth']) {
  test(`examples/${example}: its HTTP API comes back as it is`, async () => {
    const { model } = await loadService('hoplite.config.ts', fileURLToPath(new URL(`../../../examples/${example}`, import.meta.url)));
    const [api] = model.apis as HttpApiModel[];
    const { apis, warnings } = roundTrip(
      api as HttpApiModel,
      example === 'todo-auth' ? { parameterOverrides: [LOCAL_ISSUER_OVERRIDE] } : {},
      model.functions.map((fn) => fn.name),
    );
    assert.deepStrictEqual(apis, [api]);
    assert.deepStrictEqual(warnings, []);
  });
}
