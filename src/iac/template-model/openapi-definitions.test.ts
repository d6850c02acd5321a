/** HTTP APIs whose routes come from an OpenAPI definition: inline with the template's intrinsics, or a local file. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../cloudformation/index.ts';
import { templateModel } from './template-model.ts';

const FUNCTION = `  Items:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
`;

const inline = `Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTION}  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        info: { title: t, version: '1' }
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
                payloadFormatVersion: '2.0'
`;

test('a SAM HttpApi DefinitionBody: its Fn::Sub with GetAtt names the template function', () => {
  const { model } = templateModel(parseTemplate(inline, 't.yaml'));
  const api = model.apis[0];
  assert.deepEqual(api?.protocol === 'HTTP' ? api.routes : undefined, [
    { key: 'GET /items', integrationTimeoutMs: 30000, function: 'Items', payloadFormatVersion: '2.0' },
  ]);
});

test('an error inside an inline body is at its line and column in the template', () => {
  const broken = inline.replace("payloadFormatVersion: '2.0'", "payloadFormatVersion: '3.0'");
  assert.throws(() => templateModel(parseTemplate(broken, 't.yaml')), {
    message:
      't.yaml:21:39: Resources.Api.Properties.DefinitionBody.paths["/items"].get.x-amazon-apigateway-integration.payloadFormatVersion: payloadFormatVersion: expected 1.0 or 2.0 (required for an HTTP API Lambda integration), got "3.0"',
  });
});

const file = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /items:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration:
        type: aws_proxy
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Items/invocations
        payloadFormatVersion: '1.0'
`;
const v2 = `Resources:
${FUNCTION.replace('AWS::Serverless::Function', 'AWS::Serverless::Function')}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      BodyS3Location: api/openapi.yaml
`;

test('an AWS::ApiGatewayV2::Api BodyS3Location given as a local file', () => {
  const read: string[] = [];
  const { model } = templateModel(parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${v2}`, 't.yaml'), {
    readFile: (path) => {
      read.push(path);
      return file;
    },
  });
  const api = model.apis[0];
  assert.deepEqual(read, ['api/openapi.yaml']);
  assert.deepEqual(api?.protocol === 'HTTP' ? api.routes : undefined, [
    { key: 'ANY /items', integrationTimeoutMs: 30000, function: 'Items', payloadFormatVersion: '1.0' },
  ]);
});

test('an error inside a definition file is at its line and column in that file', () => {
  assert.throws(
    () =>
      templateModel(parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${v2}`, 't.yaml'), {
        readFile: () => file.replace(':function:Items/', ':function:Other/'),
      }),
    {
      message:
        'api/openapi.yaml:8:14: paths["/items"].x-amazon-apigateway-any-method.x-amazon-apigateway-integration.uri: ANY /items: x-amazon-apigateway-integration.uri: expected the ARN of a function of this template, e.g. !GetAtt MyFunction.Arn (or !Sub ...${MyFunction.Arn}/invocations), got "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Other/invocations"',
    },
  );
});

test('an S3 DefinitionUri is an error: only local files are read', () => {
  const s3 = inline.replace(/DefinitionBody:[\s\S]*$/, 'DefinitionUri: s3://bucket/api.yaml\n');
  assert.throws(() => templateModel(parseTemplate(s3, 't.yaml')), {
    message:
      't.yaml:12:22: Resources.Api.Properties.DefinitionUri: Api: DefinitionUri: expected the path of a local OpenAPI file (YAML or JSON, relative to the template), got "s3://bucket/api.yaml"',
  });
});

test("a definition file's ignored extension warns at its line in that file", () => {
  const { warnings } = templateModel(parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${v2}`, 't.yaml'), {
    readFile: () => `${file}x-amazon-apigateway-policy: {}\n`,
  });
  assert.deepEqual(
    warnings.map((warning) => `${warning.location} ${warning.path}: ${warning.message}`),
    ['api/openapi.yaml:10:1 x-amazon-apigateway-policy: x-amazon-apigateway-policy is not applied locally'],
  );
});

const rest = `Transform: AWS::Serverless-2016-10-31
Resources:
${FUNCTION}  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      BinaryMediaTypes: [image~1png]
      DefinitionBody:
        swagger: '2.0'
        x-amazon-apigateway-binary-media-types: [application/octet-stream]
        paths:
          /items:
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
`;

test('a SAM Api DefinitionBody: its methods, with the definition binary media types before the property', () => {
  const { model } = templateModel(parseTemplate(rest, 't.yaml'));
  const api = model.apis.find((entry) => entry.protocol === 'REST');
  assert.deepEqual(api?.protocol === 'REST' ? { resources: api.resources, binary: api.binaryMediaTypes } : undefined, {
    resources: [
      {
        path: '/items',
        methods: [
          { httpMethod: 'POST', integration: 'AWS_PROXY', integrationTimeoutMs: 29000, methodResponses: [], integrationResponses: [], function: 'Items' },
        ],
      },
    ],
    binary: ['application/octet-stream', 'image/png'],
  });
});
