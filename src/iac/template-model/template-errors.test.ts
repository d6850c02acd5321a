/** What the importer cannot run is a ConfigError naming file:line:column, the template path, the resource and what is expected. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const ERRORS: Array<[name: string, template: string, message: string]> = [
  [
    'a runtime that is not Node.js',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.12\n',
    't.yaml:6:16: Resources.Fn.Properties.Runtime: Fn: Runtime: expected a Node.js runtime (nodejs18.x, nodejs20.x, nodejs22.x): Hoplite runs JavaScript and TypeScript handlers, got "python3.12"',
  ],
  [
    'a function without Runtime',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n',
    't.yaml:4:5: Resources.Fn.Properties: Fn: Runtime is required; expected a Node.js runtime such as nodejs20.x',
  ],
  [
    'CodeUri in S3',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      CodeUri: s3://bucket/code.zip\n',
    't.yaml:7:16: Resources.Fn.Properties.CodeUri: Fn: CodeUri: expected a local folder relative to the template (S3 locations cannot be read locally), got "s3://bucket/code.zip"',
  ],
  [
    'an image function',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      PackageType: Image\n',
    't.yaml:7:20: Resources.Fn.Properties.PackageType: Fn: container image functions are not run locally; expected a Zip function with CodeUri and Handler',
  ],
  [
    'Lambda Code in S3',
    'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Code:\n        S3Bucket: b\n        S3Key: k\n',
    't.yaml:7:7: Resources.Fn.Properties.Code: Fn: Code: expected a local folder (as `sam build` and `aws cloudformation package` read it) or ZipFile with the code inline; S3 and image code cannot be read locally',
  ],
  [
    'a route without an integration Target',
    'Resources:\n  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.a\n  R:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Ws\n      RouteKey: $connect\n',
    't.yaml:9:5: Resources.R.Properties.Target: R: Target: expected integrations/<id> naming an AWS::ApiGatewayV2::Integration, e.g. !Sub integrations/${MyIntegration}',
  ],
  [
    'an integration whose IntegrationUri names no function',
    'Resources:\n  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.a\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Ws\n      IntegrationType: AWS_PROXY\n      IntegrationUri: arn:aws:lambda:us-east-1:1:function:elsewhere\n  R:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Ws\n      RouteKey: $connect\n      Target: !Sub integrations/${I}\n',
    't.yaml:12:23: Resources.I.Properties.IntegrationUri: I: IntegrationUri: expected the ARN of a function of this template, e.g. !GetAtt MyFunction.Arn (or !Sub ...${MyFunction.Arn}/invocations), got "arn:aws:lambda:us-east-1:1:function:elsewhere"',
  ],
  [
    'a ProtocolType that is neither',
    'Resources:\n  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: GRPC\n',
    't.yaml:5:21: Resources.Ws.Properties.ProtocolType: Ws: ProtocolType: expected WEBSOCKET or HTTP, got "GRPC"',
  ],
  [
    'a DynamoDB key missing from AttributeDefinitions',
    'Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      AttributeDefinitions: []\n      KeySchema:\n        - { AttributeName: id, KeyType: HASH }\n',
    't.yaml:7:28: Resources.T.Properties.KeySchema[0].AttributeName: T: AttributeName: expected an attribute named in AttributeDefinitions, got "id"',
  ],
  [
    'an HttpApi event naming an authorizer the API does not have',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      Events:\n        E:\n          Type: HttpApi\n          Properties:\n            Path: /\n            Method: get\n            Auth:\n              Authorizer: Missing\n',
    't.yaml:14:27: Resources.Fn.Properties.Events.E.Properties.Auth.Authorizer: Fn: Auth.Authorizer: expected NONE, AWS_IAM or an authorizer of ServerlessHttpApi\'s Auth.Authorizers, got "Missing"',
  ],
  [
    'an event ApiId that is not a Serverless::HttpApi',
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      Events:\n        E:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Fn\n',
    't.yaml:11:25: Resources.Fn.Properties.Events.E.Properties.ApiId: Fn: ApiId: expected a reference to an AWS::Serverless::HttpApi of this template (!Ref MyApi), got "Fn"',
  ],
];

for (const [name, template, message] of ERRORS) {
  test(`${name} is an error at its place`, () => {
    assert.throws(() => templateModel(parseTemplate(template, 't.yaml')), { code: 'HOPLITE_ERR_CONFIG_INVALID', message });
  });
}
