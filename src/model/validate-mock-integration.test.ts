import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel } from './types.ts';
import { validateService } from './validate.ts';

function withMock(): ServiceModel {
  return {
    name: 'chat',
    functions: [{ name: 'send', handler: 'h.ts#send', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: {} },
        routes: [
          { key: 'send', function: 'send', integrationTimeoutMs: 29_000 },
          {
            key: 'ping',
            integrationTimeoutMs: 29_000,
            routeResponseSelectionExpression: '$default',
            integration: {
              type: 'MOCK',
              templateSelectionExpression: '${request.body.kind}',
              requestTemplates: { $default: '{"statusCode": 200}' },
              integrationResponses: [
                { key: '/2\\d\\d/', responseTemplates: { $default: '{"pong": "$context.connectionId"}' } },
                { key: '$default', templateSelectionExpression: '${integration.response.statuscode}' },
              ],
            },
          },
        ],
      },
    ],
    tables: [],
    outputs: [],
    sites: [],
  };
}

test('MAP-22 a message route with a MOCK integration and templates that parse needs no function', () => {
  const model = withMock();
  assert.equal(validateService(model, 'app.ts'), model);
});

test('MAP-22 MAP-30 a template that does not parse names its route and key; MOCK stays off $connect and functions', () => {
  const model = withMock() as any;
  const ping = model.apis[0].routes[1];
  ping.integration.requestTemplates.$default = '#if(';
  ping.integration.integrationResponses[0].key = '2xx';
  ping.integration.integrationResponses[1].responseTemplates = { $default: '#foreach($x in' };
  ping.function = 'send';
  model.apis[0].routes.push({ key: '$connect', integrationTimeoutMs: 29_000, integration: { type: 'MOCK' } });
  const issues = issuesOf(model);
  assert.equal(issues.length, 5, issues.join('\n'));
  assert.match(issues[0] as string, /^app\.ts: apis\[0\]\.routes\[1\]\.function: expected no function on a route with a MOCK integration \(MAP-22\)$/);
  assert.match(
    issues[1] as string,
    /^app\.ts: apis\[0\]\.routes\[1\]\.integration\.requestTemplates\.\$default: expected a VTL mapping template \(MAP-30\): Parse error/,
  );
  assert.equal(
    issues[2],
    'app.ts: apis[0].routes[1].integration.integrationResponses[0].key: expected an integration response key: "$default" or a /regex/, got "2xx"',
  );
  assert.match(
    issues[3] as string,
    /^app\.ts: apis\[0\]\.routes\[1\]\.integration\.integrationResponses\[1\]\.responseTemplates\.\$default: expected a VTL mapping template/,
  );
  assert.equal(issues[4], 'app.ts: apis[0].routes[2].integration: expected no MOCK integration on $connect: only message routes have one');
});
