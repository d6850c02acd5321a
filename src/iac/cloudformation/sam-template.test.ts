import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HopliteError } from '../../errors.ts';
import { readTemplateFile } from './read-template.ts';
import { resolveTemplate } from './resolve-template.ts';
import type { ResolvedTemplate } from './resolved-template.ts';
import { JoinedValue, ResourceReference } from './values.ts';

const CHAT = fileURLToPath(new URL('../../../test/fixtures/templates/chat-sam.yaml', import.meta.url));

/** What a mapper would give: the table's name locally; everything else stays a reference. */
const resolver = (logicalId: string, attribute?: string) => (logicalId === 'ConnectionsTable' && attribute === undefined ? 'chat-dev-connections' : undefined);

const invocationArn = (functionId: string) =>
  new JoinedValue(['arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/', new ResourceReference(functionId, 'Arn'), '/invocations']);

test('the chat as a SAM template resolves to its exact structure', () => {
  const resolved = resolveTemplate(readTemplateFile(CHAT), { stackName: 'chat-dev', region: 'eu-west-1', accountId: '111122223333', resolver });
  const at = (line: number, column: number) => ({ line, column });
  const expected: ResolvedTemplate = {
    file: CHAT,
    description: "The seeds' SpartaWebSocket chat, written as a SAM template",
    transforms: ['AWS::Serverless-2016-10-31'],
    serverless: true,
    parameters: new Map([
      ['Stage', { type: 'String', value: 'v1', source: 'default', noEcho: false }],
      ['TableSuffix', { type: 'String', value: 'connections', source: 'default', noEcho: false }],
      ['Secret', { type: 'String', value: 'not-a-secret', source: 'default', noEcho: true }],
    ]),
    conditions: new Map([['IsV2', false]]),
    resources: new Map([
      [
        'ChatApi',
        {
          type: 'AWS::ApiGatewayV2::Api',
          properties: { Name: 'chat-dev-sample', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.message' },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(31, 3),
        },
      ],
      [
        'ConnectRoute',
        {
          type: 'AWS::ApiGatewayV2::Route',
          properties: {
            ApiId: new ResourceReference('ChatApi'),
            RouteKey: '$connect',
            Target: new JoinedValue(['integrations/', new ResourceReference('ConnectIntegration')]),
          },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(38, 3),
        },
      ],
      [
        'ConnectIntegration',
        {
          type: 'AWS::ApiGatewayV2::Integration',
          properties: { ApiId: new ResourceReference('ChatApi'), IntegrationType: 'AWS_PROXY', IntegrationUri: invocationArn('ConnectWorld') },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(45, 3),
        },
      ],
      [
        'SendRoute',
        {
          type: 'AWS::ApiGatewayV2::Route',
          properties: {
            ApiId: new ResourceReference('ChatApi'),
            RouteKey: 'sendmessage',
            Target: new JoinedValue(['integrations/', new ResourceReference('SendIntegration')]),
          },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(52, 3),
        },
      ],
      [
        'SendIntegration',
        {
          type: 'AWS::ApiGatewayV2::Integration',
          properties: { ApiId: new ResourceReference('ChatApi'), IntegrationType: 'AWS_PROXY', IntegrationUri: invocationArn('SendMessage') },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(59, 3),
        },
      ],
      [
        'ChatStage',
        {
          type: 'AWS::ApiGatewayV2::Stage',
          properties: { ApiId: new ResourceReference('ChatApi'), StageName: 'v1', AutoDeploy: true, DefaultRouteSettings: {} },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(69, 3),
        },
      ],
      [
        'ConnectionsTable',
        {
          type: 'AWS::Serverless::SimpleTable',
          properties: {
            TableName: 'chat-dev-connections',
            PrimaryKey: { Name: 'connectionID', Type: 'String' },
            ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
          },
          condition: undefined,
          dependsOn: [],
          attributes: { DeletionPolicy: 'Retain' },
          position: at(78, 3),
        },
      ],
      [
        'ConnectWorld',
        {
          type: 'AWS::Serverless::Function',
          properties: { Handler: 'handlers.connectWorld', CodeUri: '.', Policies: [{ DynamoDBCrudPolicy: { TableName: 'chat-dev-connections' } }] },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(90, 3),
        },
      ],
      [
        'SendMessage',
        {
          type: 'AWS::Serverless::Function',
          properties: {
            Handler: 'handlers.sendMessage',
            CodeUri: '.',
            Environment: { Variables: { SECRET: 'not-a-secret' } },
            Policies: [
              { DynamoDBCrudPolicy: { TableName: 'chat-dev-connections' } },
              {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'execute-api:ManageConnections',
                    Resource: new JoinedValue(['arn:aws:execute-api:eu-west-1:111122223333:', new ResourceReference('ChatApi'), '/*']),
                  },
                ],
              },
            ],
          },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(99, 3),
        },
      ],
      [
        'Health',
        {
          type: 'AWS::Serverless::Function',
          properties: {
            Handler: 'handlers.health',
            CodeUri: '.',
            Events: {
              Get: { Type: 'HttpApi', Properties: { Path: '/health', Method: 'get' } },
              Nightly: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)', Enabled: false } },
            },
          },
          condition: undefined,
          dependsOn: [],
          attributes: {},
          position: at(115, 3),
        },
      ],
      [
        'ConnectPermission',
        {
          type: 'AWS::Lambda::Permission',
          properties: { Action: 'lambda:InvokeFunction', FunctionName: new ResourceReference('ConnectWorld'), Principal: 'apigateway.amazonaws.com' },
          condition: undefined,
          dependsOn: ['ChatApi', 'ConnectRoute'],
          attributes: {},
          position: at(132, 3),
        },
      ],
    ]),
    outputs: new Map([
      [
        'WebSocketUrl',
        {
          value: new JoinedValue(['wss://', new ResourceReference('ChatApi'), '.execute-api.eu-west-1.amazonaws.com/v1']),
          description: "The chat's WebSocket URL",
          exportName: undefined,
          condition: undefined,
          position: at(145, 3),
        },
      ],
      [
        'TableName',
        { value: 'chat-dev-connections', description: undefined, exportName: 'chat-dev-ConnectionsTable', condition: undefined, position: at(148, 3) },
      ],
    ]),
    globals: { Function: { Runtime: 'nodejs20.x', Timeout: 10, Environment: { Variables: { CONNECTION_TABLE: 'chat-dev-connections' } } } },
    warnings: [],
  };
  assert.deepStrictEqual(resolved, expected);
});

test('the chat with Stage=v2 keeps the V2-only topic and the metrics setting', () => {
  const resolved = resolveTemplate(readTemplateFile(CHAT), { parameterOverrides: 'Stage=v2', resolver });
  assert.deepEqual(resolved.resources.get('V2Only'), {
    type: 'AWS::SNS::Topic',
    properties: {},
    condition: 'IsV2',
    dependsOn: [],
    attributes: {},
    position: { line: 140, column: 3 },
  });
  assert.deepEqual(resolved.resources.get('ChatStage')?.properties.DefaultRouteSettings, { DetailedMetricsEnabled: true });
});

test('a template file that cannot be read is a load error naming it', () => {
  assert.throws(
    () => readTemplateFile('/nonexistent/template.yaml'),
    (error: unknown) =>
      error instanceof HopliteError &&
      error.code === 'HOPLITE_ERR_CONFIG_LOAD' &&
      error.message === "/nonexistent/template.yaml: the template could not be read: ENOENT: no such file or directory, open '/nonexistent/template.yaml'",
  );
});
