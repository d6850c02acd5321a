/** IAM grants come back from a template as references to its resources, so synthesis points them at what it writes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const RESOURCES = [
  'Resources:',
  '  ChatApi: {Type: AWS::ApiGatewayV2::Api, Properties: {Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}}',
  '  Connections: {Type: AWS::DynamoDB::Table, Properties: {TableName: connections, AttributeDefinitions: [{AttributeName: id, AttributeType: S}], KeySchema: [{AttributeName: id, KeyType: HASH}], BillingMode: PAY_PER_REQUEST}}',
  '  SendLogGroup: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30}}',
];

const policies = (lines: string[]) => templateModel(parseTemplate([...RESOURCES, ...lines].join('\n'), 't.yaml')).model.functions[0]?.policies;

test("chat-sam's sendMessage: a Sub over a WebSocket API granting ManageConnections is that API's @connections, not a local ARN", () => {
  assert.deepEqual(
    policies([
      '  Send:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: app.handler',
      '      Policies:',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: execute-api:ManageConnections',
      '              Resource: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/*',
      '            - Effect: Allow',
      '              Action: [dynamodb:PutItem]',
      '              Resource: [!GetAtt Connections.Arn, !Sub "${Connections.Arn}/index/*", arn:aws:s3:::bucket/*]',
    ]),
    [
      { actions: ['execute-api:ManageConnections'], resource: { kind: 'api-connections', api: 'chat' } },
      { actions: ['dynamodb:PutItem'], resource: { kind: 'table', table: 'connections' } },
      { actions: ['dynamodb:PutItem'], resource: { kind: 'arn', arn: 'arn:aws:s3:::bucket/*' } },
    ],
  );
});

test('a Sub over an API that grants something else than ManageConnections stays an ARN, with the local API id', () => {
  assert.deepEqual(
    policies([
      '  Send:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: app.handler',
      '      Policies: [{Statement: [{Effect: Allow, Action: execute-api:Invoke, Resource: !Sub "arn:aws:execute-api:us-east-1:1:${ChatApi}/*"}]}]',
    ]),
    [{ actions: ['execute-api:Invoke'], resource: { kind: 'arn', arn: 'arn:aws:execute-api:us-east-1:1:1su9ygzeor/*' } }],
  );
});

test("a synthesized function's role: its inline policies are the function's grants, the grant on its own log group left to synthesis", () => {
  assert.deepEqual(
    policies([
      '  SendRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Version: 2012-10-17, Statement: []}',
      '      Policies:',
      '        - PolicyName: send-grants',
      '          PolicyDocument:',
      '            Version: 2012-10-17',
      '            Statement:',
      '              - {Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: [!GetAtt SendLogGroup.Arn]}',
      '              - {Effect: Allow, Action: [dynamodb:DeleteItem, dynamodb:PutItem], Resource: [!GetAtt Connections.Arn]}',
      '              - {Effect: Allow, Action: [execute-api:ManageConnections], Resource: [!Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/v1/POST/@connections/*"]}',
      '  Send:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: index.handler',
      '      Code: .',
      '      Role: !GetAtt SendRole.Arn',
    ]),
    [
      { actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem'], resource: { kind: 'table', table: 'connections' } },
      { actions: ['execute-api:ManageConnections'], resource: { kind: 'api-connections', api: 'chat' } },
    ],
  );
});

test('a Role that is an ARN outside the template records no grants', () => {
  assert.deepEqual(
    policies(['  Send: {Type: AWS::Lambda::Function, Properties: {Runtime: nodejs22.x, Handler: index.handler, Code: ., Role: arn:aws:iam::1:role/r}}']),
    [],
  );
});
