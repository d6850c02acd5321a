/** APIs whose routes come from OpenAPI definitions (a DefinitionUri file, inline bodies of HTTP and REST APIs), loaded as `hoplite dev` loads them and called over HTTP. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Items:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: items
      CodeUri: items/
      Handler: app.handler
      Runtime: nodejs20.x
  FileApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Name: file
      DefinitionUri: api/openapi.json
  IncludedApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Name: included
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: api/included.yaml
  InlineApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: inline
      Body:
        openapi: 3.0.1
        info: { title: inline, version: '1' }
        x-amazon-apigateway-cors:
          allowOrigins: [https://app.example]
          allowMethods: [GET]
        paths:
          /things:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
                payloadFormatVersion: '1.0'
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      Name: rest
      StageName: v1
      DefinitionBody:
        openapi: 3.0.1
        info: { title: rest, version: '1' }
        paths:
          /items/{id}:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
          /health:
            get:
              responses:
                '200':
                  description: ok
                  headers:
                    X-Kind: { schema: { type: string } }
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: '{"statusCode": 200}'
                responses:
                  default:
                    statusCode: '200'
                    responseParameters:
                      method.response.header.X-Kind: "'mock'"
                    responseTemplates:
                      application/json: '{"healthy": true}'
`;

const DEFINITION = {
  openapi: '3.0.1',
  info: { title: 'file', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations',
          payloadFormatVersion: '2.0',
        },
      },
    },
  },
};

// Included with AWS::Include, as `aws cloudformation package` uploads it: its intrinsics are the template's.
const INCLUDED = `openapi: 3.0.1
info: { title: included, version: '1' }
paths:
  /included/{id}:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
        payloadFormatVersion: '2.0'
`;

let dir: string;
let started: StartedGateway;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-template-openapi-'));
  await writeFile(join(dir, 'template.yaml'), TEMPLATE);
  await mkdir(join(dir, 'api'));
  await writeFile(join(dir, 'api/openapi.json'), JSON.stringify(DEFINITION, null, 2));
  await writeFile(join(dir, 'api/included.yaml'), INCLUDED);
  await mkdir(join(dir, 'items'));
  await writeFile(join(dir, 'items/package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(dir, 'items/app.js'),
    `export const handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ version: event.version, routeKey: event.routeKey ?? event.resource, id: event.pathParameters?.id ?? null, method: event.httpMethod ?? event.requestContext.http.method }),
});
`,
  );
  const loaded = await loadService(undefined, dir, {});
  started = await startGateway(null, loaded.model);
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

const apiNamed = (name: string) => started.urls.apis.find((api) => api.name === name) as ApiEndpoint;

test('a route of a DefinitionUri file runs its function with payload 2.0', async () => {
  const response = await fetch(`${apiNamed('file').url}/items/7`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { version: '2.0', routeKey: 'GET /items/{id}', id: '7', method: 'GET' });
});

test('a path of the file without the method is not found', async () => {
  const response = await fetch(`${apiNamed('file').url}/items/7`, { method: 'POST' });
  assert.equal(response.status, 404);
  await response.body?.cancel();
});

test("an inline Body's any-method runs its !Sub-named function with payload 1.0, and its CORS answers preflight", async () => {
  const response = await fetch(`${apiNamed('inline').url}/things`, { method: 'DELETE' });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { version: '1.0', routeKey: '/things', id: null, method: 'DELETE' });
  const preflight = await fetch(`${apiNamed('inline').url}/things`, {
    method: 'OPTIONS',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
  });
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
  await preflight.body?.cancel();
});

test("a REST API's OpenAPI body: an aws_proxy method runs its function", async () => {
  const response = await fetch(`${apiNamed('rest').url}/items/9`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { routeKey: '/items/{id}', id: '9', method: 'GET' });
});

test("a REST API's OpenAPI body: a mock method answers with its response template and header", async () => {
  const response = await fetch(`${apiNamed('rest').url}/health`, { headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-kind'), 'mock');
  assert.deepEqual(await response.json(), { healthy: true });
});

test('a DefinitionBody included with Fn::Transform AWS::Include from a local file serves its routes', async () => {
  const response = await fetch(`${apiNamed('included').url}/included/7`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { version: '2.0', routeKey: 'GET /included/{id}', id: '7', method: 'GET' });
});
