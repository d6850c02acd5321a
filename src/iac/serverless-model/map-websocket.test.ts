/** websocket events → one WebSocket API: names, route selection, stage, routes, route responses, the $connect authorizer, errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mappingError, mapText, yaml } from './test-support.ts';

const CHAT = `functions:
  auth:
    handler: auth.check
  connect:
    handler: chat.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            name: auth
            identitySource: [route.request.querystring.token]
  send:
    handler: chat.send
    events:
      - websocket:
          route: sendMessage
          routeResponseSelectionExpression: $default
      - websocket: $default
`;

test('websocket events: one API named <stage>-<service>-websockets on the provider stage, $request.body.action, a $connect REQUEST authorizer', () => {
  const { model } = mapText(yaml('  stage: qa\n', CHAT));
  assert.deepEqual(model.apis, [
    {
      protocol: 'WEBSOCKET',
      name: 'qa-chat-websockets',
      routeSelectionExpression: '$request.body.action',
      stage: { name: 'qa', variables: {} },
      routes: [
        { key: '$connect', function: 'chat-qa-connect', integrationTimeoutMs: 29_000, authorizationType: 'CUSTOM', authorizerId: 'auth' },
        { key: 'sendMessage', function: 'chat-qa-send', integrationTimeoutMs: 29_000, routeResponseSelectionExpression: '$default' },
        { key: '$default', function: 'chat-qa-send', integrationTimeoutMs: 29_000 },
      ],
      authorizers: [{ name: 'auth', authorizerType: 'REQUEST', function: 'chat-qa-auth', identitySource: ['route.request.querystring.token'] }],
    },
  ]);
});

test('provider.websocketsApiName and websocketsApiRouteSelectionExpression name the API and select its routes', () => {
  const provider = '  websocketsApiName: chat-sockets\n  websocketsApiRouteSelectionExpression: $request.body.type\n';
  const [api] = mapText(yaml(provider, 'functions:\n  f:\n    handler: h.main\n    events:\n      - websocket: $connect\n')).model.apis;
  assert.deepEqual([api?.name, api?.protocol === 'WEBSOCKET' && api.routeSelectionExpression], ['chat-sockets', '$request.body.type']);
});

test('an authorizer that is not a function of the service is an error at its line, naming the functions', () => {
  const text = yaml('', 'functions:\n  f:\n    handler: h.main\n    events:\n      - websocket:\n          route: $connect\n          authorizer: nosuch\n');
  assert.equal(
    mappingError(text),
    'serverless.yml:10:23: functions.f.events.0.websocket.authorizer: expected the name of a function of this service (f), got "nosuch"',
  );
});

test('an authorizer on a route other than $connect is an error', () => {
  const text = yaml('', 'functions:\n  f:\n    handler: h.main\n    events:\n      - websocket:\n          route: send\n          authorizer: f\n');
  assert.equal(
    mappingError(text),
    'serverless.yml:10:23: functions.f.events.0.websocket.authorizer: expected an authorizer on the $connect route only, as API Gateway allows, not on send',
  );
});

test('a route response selection other than $default, and a route routed twice, are errors at the event, the kept events counted past others', () => {
  const text = yaml(
    '',
    `functions:
  f:
    handler: h.main
    events:
      - schedule: rate(1 minute)
      - websocket: { route: a, routeResponseSelectionExpression: $request.body }
  g:
    handler: h.other
    events:
      - websocket: a
`,
  );
  assert.equal(
    mappingError(text),
    [
      'serverless.yml:9:66: functions.f.events.1.websocket.routeResponseSelectionExpression: expected $default, the only route response selection API Gateway has, got "$request.body"',
      'serverless.yml:13:20: functions.g.events.0.websocket.route: expected one function per route, a is already routed',
    ].join('\n'),
  );
});
