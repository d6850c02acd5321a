/** REST-58: a method's Lambda function named through a stage variable, resolved against the stage at start. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import type { RestApiModel } from '../../src/model/index.ts';
import { colours } from '../fixtures/services/rest-stage-function/hoplite.config.ts';
import { startGateway } from '../helpers/gateway.ts';
import { issuesOf } from '../helpers/model-issues.ts';

for (const colour of ['blue', 'green']) {
  test(`REST-58 the stage variable names the function: ${colour}`, async (t) => {
    const { gateway, urls } = await startGateway(t, colours(colour));
    const response = await gateway.fetch(`${(urls.apis[0] as ApiEndpoint).url}/colour`);
    assert.deepEqual([response.status, await response.json()], [200, { colour, stage: 'live' }]);
  });
}

test('REST-58 a stage variable the stage lacks, or one naming no function, is a definition error naming the field', () => {
  const unknown = colours('red').toModel();
  assert.deepEqual(issuesOf(unknown), [
    'app.ts: apis[0].resources[0].methods[0].function: expected the stage\'s variables to name a function of this service, "${stageVariables.handler}" is "red", which is not defined',
  ]);
  const missing = colours('blue').toModel();
  (missing.apis[0] as RestApiModel).stage.variables = {};
  assert.deepEqual(issuesOf(missing), [
    'app.ts: apis[0].resources[0].methods[0].function: expected stage variables the stage defines, got ${stageVariables.handler} with no such variable',
  ]);
});
