/** AWS::ApiGateway::RestApi with an OpenAPI Body; AWS::ApiGateway::* mistakes are ConfigErrors at their place: file:line:column, the template path, what is expected. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const API = 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: a\n';
const STAGE = '  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      StageName: prod\n';
const method = (integration: string, extra = '') =>
  `  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Api\n      ResourceId: !GetAtt Api.RootResourceId\n      HttpMethod: GET\n${extra}      Integration:\n${integration}`;

const ERRORS: Array<[name: string, template: string, message: string]> = [
  [
    'a RestApi whose BodyS3Location is an S3 object rather than a local path',
    `${API}      BodyS3Location: { Bucket: b, Key: k }\n${STAGE}`,
    't.yaml:6:7: Resources.Api.Properties.BodyS3Location: Api: BodyS3Location: expected a string, got {"Bucket":"b","Key":"k"}',
  ],
  [
    'a RestApi without a stage',
    API,
    't.yaml:2:3: Resources.Api: Api: expected an AWS::ApiGateway::Stage with RestApiId: !Ref Api (or an AWS::ApiGateway::Deployment with StageName)',
  ],
  [
    'a Resource whose ParentId is not a Resource or the root',
    `${API}${STAGE}  R:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n      RestApiId: !Ref Api\n      ParentId: !Ref Stage\n      PathPart: x\n`,
    't.yaml:15:22: Resources.R.Properties.ParentId: R: ParentId: expected !GetAtt Api.RootResourceId or !Ref to an AWS::ApiGateway::Resource of Api, got a reference to another resource',
  ],
  [
    'a PathPart of two segments',
    `${API}${STAGE}  R:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n      RestApiId: !Ref Api\n      ParentId: !GetAtt Api.RootResourceId\n      PathPart: a/b\n`,
    't.yaml:16:17: Resources.R.Properties.PathPart: R: PathPart: expected one path segment: text, {name} or {name+}, got "a/b"',
  ],
  [
    'an Integration Type that does not exist',
    `${API}${STAGE}${method('        Type: LAMBDA\n')}`,
    't.yaml:18:15: Resources.M.Properties.Integration.Type: M: Type: expected AWS_PROXY, AWS, MOCK, HTTP or HTTP_PROXY, got "LAMBDA"',
  ],
  [
    'a Lambda integration whose Uri names no function of the template',
    `${API}${STAGE}${method('        Type: AWS_PROXY\n        Uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:elsewhere/invocations\n')}`,
    't.yaml:19:14: Resources.M.Properties.Integration.Uri: M: Integration.Uri: expected the ARN of a function of this template, e.g. !GetAtt MyFunction.Arn (or !Sub ...${MyFunction.Arn}/invocations), got "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:elsewhere/invocations"',
  ],
  [
    'a CUSTOM method without AuthorizerId',
    `${API}${STAGE}${method('        Type: MOCK\n', '      AuthorizationType: CUSTOM\n')}`,
    't.yaml:13:5: Resources.M.Properties: M: AuthorizerId is required with AuthorizationType CUSTOM',
  ],
  [
    'an AuthorizerId naming a Model',
    `${API}${STAGE}  Pet:\n    Type: AWS::ApiGateway::Model\n    Properties:\n      RestApiId: !Ref Api\n      Schema: {}\n${method('        Type: MOCK\n', '      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Pet\n')}`,
    't.yaml:23:26: Resources.M.Properties.AuthorizerId: M: AuthorizerId: expected !Ref to an AWS::ApiGateway::Authorizer of this template, got a reference to another resource',
  ],
  [
    'Resources whose ParentIds lead back to themselves',
    `${API}${STAGE}  A:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n      RestApiId: !Ref Api\n      ParentId: !Ref B\n      PathPart: a\n  B:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n      RestApiId: !Ref Api\n      ParentId: !Ref A\n      PathPart: b\n`,
    't.yaml:15:22: Resources.A.Properties.ParentId: A: ParentId leads back to A (A \u2192 B \u2192 A)',
  ],
  [
    "a Method on another API's Resource",
    `${API}${STAGE}  Other:\n    Type: AWS::ApiGateway::RestApi\n  R:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n      RestApiId: !Ref Other\n      ParentId: !GetAtt Other.RootResourceId\n      PathPart: r\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Api\n      ResourceId: !Ref R\n      HttpMethod: GET\n      Integration: { Type: MOCK }\n`,
    't.yaml:23:24: Resources.M.Properties.ResourceId: M: ResourceId: expected an AWS::ApiGateway::Resource of Api; R belongs to Other, got a reference to another resource',
  ],
  [
    'a Method whose RestApiId names no RestApi',
    `${API}${STAGE}  M2:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Stage\n      HttpMethod: GET\n`,
    't.yaml:14:23: Resources.M2.Properties.RestApiId: M2: RestApiId: expected !Ref to an AWS::ApiGateway::RestApi of this template (the API is declared resource by resource), got a reference to another resource',
  ],
  [
    'a UsagePlanKey of a KeyType other than API_KEY',
    `${API}${STAGE}  Plan:\n    Type: AWS::ApiGateway::UsagePlan\n    Properties:\n      ApiStages: [{ ApiId: !Ref Api, Stage: prod }]\n  PK:\n    Type: AWS::ApiGateway::UsagePlanKey\n    Properties:\n      KeyId: k\n      KeyType: COGNITO\n      UsagePlanId: !Ref Plan\n`,
    't.yaml:19:16: Resources.PK.Properties.KeyType: PK: KeyType: expected API_KEY, got "COGNITO"',
  ],
];

test('a RestApi with an OpenAPI Body takes its resources and methods from the definition', () => {
  const body = [
    '      Body:',
    '        openapi: 3.0.1',
    '        paths:',
    '          /ping:',
    '            get:',
    '              x-amazon-apigateway-integration:',
    '                type: mock',
    `                requestTemplates: { application/json: '{"statusCode": 200}' }`,
    `                responses: { default: { statusCode: '200', responseTemplates: { application/json: '{"pong": true}' } } }`,
    "              responses: { '200': { description: ok } }",
    '',
  ].join('\n');
  const { model } = templateModel(parseTemplate(`${API}${body}${STAGE}`, 't.yaml'));
  assert.deepEqual(model.apis[0], {
    protocol: 'REST',
    name: 'a',
    stage: { name: 'prod', variables: {} },
    binaryMediaTypes: [],
    resources: [
      {
        path: '/ping',
        methods: [
          {
            httpMethod: 'GET',
            integration: 'MOCK',
            integrationTimeoutMs: 29000,
            methodResponses: [{ statusCode: '200', responseParameters: {} }],
            integrationResponses: [{ statusCode: '200', responseParameters: {}, responseTemplates: { 'application/json': '{"pong": true}' } }],
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
          },
        ],
      },
    ],
  });
});

for (const [name, template, message] of ERRORS) {
  test(`${name} is an error at its place`, () => {
    assert.throws(() => templateModel(parseTemplate(template, 't.yaml')), { code: 'HOPLITE_ERR_CONFIG_INVALID', message });
  });
}
