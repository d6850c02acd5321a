/** Every resource and property HTTP API synthesis writes exists in AWS's CloudFormation resource specification, with its type. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EVERY_HTTP_FEATURE, serviceWith, synthesizeHttpApis } from '../../../test/helpers/http-synth.ts';
import { specProblems } from '../../../test/helpers/resource-spec-names.ts';
import type { CfnTemplate } from './template.ts';

const golden = (name: string): CfnTemplate => JSON.parse(readFileSync(new URL(`../../../test/fixtures/synth/${name}.http.json`, import.meta.url), 'utf8'));

for (const name of ['todo', 'todo-auth']) {
  test(`test/fixtures/synth/${name}.http.json: every property is one the specification has`, () => {
    const problems = Object.entries(golden(name).Resources).flatMap(([id, resource]) =>
      specProblems(resource.Type, resource.Properties ?? {}).map((p) => `${id}: ${p}`),
    );
    assert.deepStrictEqual(problems, []);
  });
}

test('the specification check finds a misspelt property and a wrong type', () => {
  assert.deepStrictEqual(
    specProblems('AWS::ApiGatewayV2::Stage', { ApiId: 'a', StageName: 'v1', DefaultRouteSettings: { ThrottlingBurst: 1, ThrottlingRateLimit: 'x' } }),
    [
      'AWS::ApiGatewayV2::Stage.DefaultRouteSettings.ThrottlingBurst: unknown property',
      'AWS::ApiGatewayV2::Stage.DefaultRouteSettings.ThrottlingRateLimit: expected number, got "x"',
    ],
  );
});

test('every HTTP API feature, with and without AutoDeploy: every property is one the specification has', () => {
  for (const autoDeploy of [true, false]) {
    const template = synthesizeHttpApis(serviceWith({ ...EVERY_HTTP_FEATURE, stage: { ...EVERY_HTTP_FEATURE.stage, autoDeploy } }));
    const problems = Object.entries(template.Resources).flatMap(([id, resource]) =>
      specProblems(resource.Type, resource.Properties ?? {}).map((p) => `${id}: ${p}`),
    );
    assert.deepStrictEqual(problems, []);
  }
});
