/** The model check of a WebSocket message route's Lambda custom, HTTP and HTTP_PROXY integrations (MAP-20, MAP-21). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel, WebSocketRouteModel } from './types.ts';
import { validateService } from './validate.ts';

function withRoutes(routes: WebSocketRouteModel[]): ServiceModel {
  return {
    name: 'svc',
    functions: [{ name: 'calc', handler: 'app.handler', timeoutSeconds: 3, memoryMb: 128, environment: {}, policies: [] }],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'v1', variables: { backend: 'http://127.0.0.1:8080' } },
        routes,
      },
    ],
    tables: [],
    outputs: [],
    sites: [],
  };
}

const route = (key: string, fields: Partial<WebSocketRouteModel>): WebSocketRouteModel => ({ key, integrationTimeoutMs: 29_000, ...fields });

test('MAP-20 AWS, HTTP and HTTP_PROXY integrations that are well formed pass', () => {
  const model = withRoutes([
    route('divide', {
      function: 'calc',
      integration: { type: 'AWS', passthroughBehavior: 'NEVER', requestTemplates: { $default: '{}' }, integrationResponses: [{ key: '$default' }] },
    }),
    route('order', {
      integration: {
        type: 'HTTP',
        integrationUri: '${stageVariables.backend}/orders',
        integrationMethod: 'POST',
        contentHandlingStrategy: 'CONVERT_TO_BINARY',
        requestParameters: { 'integration.request.header.connectionId': 'context.connectionId', 'integration.request.querystring.q': "'x'" },
        integrationResponses: [{ key: '/2\\d\\d/', contentHandlingStrategy: 'CONVERT_TO_TEXT' }],
      },
    }),
    route('$default', { integration: { type: 'HTTP_PROXY', integrationUri: 'https://example.com/in', integrationMethod: 'POST' } }),
  ]);
  assert.equal(validateService(model, 'app.ts'), model);
});

test('MAP-20 each wrong field of a non-proxy or HTTP integration is named with what is expected', () => {
  const model = withRoutes([
    route('divide', { integration: { type: 'AWS', passthroughBehavior: 'SOMETIMES' as 'NEVER' } }),
    route('order', {
      function: 'calc',
      integration: {
        type: 'HTTP',
        integrationUri: '${stageVariables.nowhere}/orders',
        integrationMethod: 'POST /x',
        requestParameters: { 'integration.request.path.id': 'context.connectionId', 'integration.request.header.x': 'route.request.header.Auth' },
        integrationResponses: [{ key: '$default', contentHandlingStrategy: 'BASE64' as 'CONVERT_TO_TEXT' }],
      },
    }),
    route('proxy', {
      integration: { type: 'HTTP_PROXY', integrationUri: 'ftp://x', integrationMethod: 'POST', requestTemplates: { $default: '{}' } } as never,
    }),
    route('$connect', { integration: { type: 'HTTP_PROXY', integrationUri: 'http://x', integrationMethod: 'GET' } }),
    route('odd', { integration: { type: 'LAMBDA' } as never }),
  ]);
  assert.deepEqual(issuesOf(model), [
    'app.ts: apis[0].routes[0].function: expected a string, got nothing',
    'app.ts: apis[0].routes[0].integration.passthroughBehavior: expected "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER", got "SOMETIMES"',
    'app.ts: apis[0].routes[1].function: expected no function on a route with an HTTP integration (MAP-22)',
    'app.ts: apis[0].routes[1].integration.integrationUri: expected stage variables the stage defines, got ${stageVariables.nowhere} with no such variable',
    'app.ts: apis[0].routes[1].integration.integrationMethod: expected an HTTP method such as "POST", got "POST /x"',
    'app.ts: apis[0].routes[1].integration.requestParameters.integration.request.path.id: expected a key "integration.request.header.<Name>" or "integration.request.querystring.<name>"',
    `app.ts: apis[0].routes[1].integration.requestParameters.integration.request.header.x: expected "context.<variable>", "stageVariables.<name>", "route.request.body.<path>" or a 'static' value, got "route.request.header.Auth"`,
    'app.ts: apis[0].routes[1].integration.integrationResponses[0].contentHandlingStrategy: expected "CONVERT_TO_BINARY", "CONVERT_TO_TEXT", got "BASE64"',
    'app.ts: apis[0].routes[2].integration.integrationUri: expected an http:// or https:// URL, got "ftp://x"',
    'app.ts: apis[0].routes[2].integration.requestTemplates: expected nothing: an HTTP_PROXY integration passes messages and responses unchanged',
    'app.ts: apis[0].routes[3].integration: expected no HTTP_PROXY integration on $connect: only message routes have one',
    'app.ts: apis[0].routes[4].integration.type: expected "MOCK", "AWS", "HTTP" or "HTTP_PROXY", got "LAMBDA"',
  ]);
});
