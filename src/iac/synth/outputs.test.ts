import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthesizeOutputs } from './outputs.ts';
import { contextOf } from './test-support.ts';

const apis = [
  { protocol: 'WEBSOCKET' as const, name: 'chat', routeSelectionExpression: '$request.body.action', stage: { name: 'v1', variables: {} }, routes: [] },
  { protocol: 'HTTP' as const, name: 'web', stage: { name: '$default', variables: {}, autoDeploy: true }, routes: [] },
  { protocol: 'REST' as const, name: 'legacy', stage: { name: 'prod', variables: {} }, binaryMediaTypes: [], resources: [] },
];

test("URLs on each API's stage (no path on $default), literals as they are, the model's names kept", () => {
  const context = contextOf({
    apis,
    outputs: [
      { name: 'ChatUrl', description: 'chat', value: { kind: 'websocket-url', api: 'chat' } },
      { name: 'WebUrl', description: 'web', value: { kind: 'http-url', api: 'web' } },
      { name: 'LegacyUrl', description: 'legacy', value: { kind: 'http-url', api: 'legacy' } },
      { name: 'Region', description: 'where', value: { kind: 'literal', value: 'eu-west-1' } },
    ],
  });
  synthesizeOutputs(context);
  assert.deepEqual(context.builder.toTemplate().Outputs, {
    ChatUrl: { Description: 'chat', Value: { 'Fn::Sub': 'wss://${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1' } },
    WebUrl: { Description: 'web', Value: { 'Fn::Sub': 'https://${WebApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}' } },
    LegacyUrl: { Description: 'legacy', Value: { 'Fn::Sub': 'https://${LegacyApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod' } },
    Region: { Description: 'where', Value: 'eu-west-1' },
  });
});

test('an API no output names gets one with its URL, so a deployment prints where every API is', () => {
  const context = contextOf({ apis, outputs: [{ name: 'ChatUrl', description: 'chat', value: { kind: 'websocket-url', api: 'chat' } }] });
  synthesizeOutputs(context);
  assert.deepEqual(context.builder.toTemplate().Outputs, {
    ChatUrl: { Description: 'chat', Value: { 'Fn::Sub': 'wss://${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1' } },
    WebApiUrl: { Description: "The HTTP API web's URL", Value: { 'Fn::Sub': 'https://${WebApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}' } },
    LegacyApiUrl: {
      Description: "The REST API legacy's URL",
      Value: { 'Fn::Sub': 'https://${LegacyApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod' },
    },
  });
});

test('a URL of the wrong kind of API, or a name CloudFormation refuses, is a config error', () => {
  const wrongKind = contextOf({ apis, outputs: [{ name: 'X', description: 'x', value: { kind: 'websocket-url', api: 'web' } }] });
  assert.throws(() => synthesizeOutputs(wrongKind), { message: /output "X": expected a WebSocket API of the service, got "web"/ });
  const badName = contextOf({ outputs: [{ name: 'my-url', description: 'x', value: { kind: 'literal', value: 'v' } }] });
  assert.throws(() => synthesizeOutputs(badName), { message: /output "my-url": expected a name of letters and digits only/ });
});
