/** Seed 003's REST example as a CloudFormation template (AWS::ApiGateway::*): a Lambda custom integration promoting `location` to the Location header, over real fetch. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const method = (id: string, httpMethod: string) => `
  ${id}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref HelloResource
      HttpMethod: ${httpMethod}
      AuthorizationType: NONE
      MethodResponses:
        - StatusCode: 200
          ResponseParameters:
            method.response.header.Location: true
        - StatusCode: 400
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Hello.Arn}/invocations
        IntegrationResponses:
          - StatusCode: 200
            ResponseParameters:
              method.response.header.Location: integration.response.body.location
          - StatusCode: 400
            SelectionPattern: Invalid.*`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Hello:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: hello
      Runtime: nodejs20.x
      Handler: handler.hello
      Code: hello/
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: hello
  HelloResource:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: hello${method('GetHello', 'GET')}${method('PostHello', 'POST')}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [GetHello, PostHello]
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Hello
      Principal: apigateway.amazonaws.com
Outputs:
  HelloUrl:
    Value: !Sub https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod/hello
`;

const HANDLER = `export async function hello(event) {
  const name = typeof event?.name === 'string' && event.name !== '' ? event.name : 'world';
  if (name === 'nobody') throw new Error(\`Invalid name: \${name}\`);
  return { location: \`https://example.com/hello/\${encodeURIComponent(name)}\`, body: \`hello, \${name}\` };
}
`;

let dir: string;
let started: StartedGateway;
let hello: ApiEndpoint;
let outputs: unknown;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-template-rest-'));
  await writeFile(join(dir, 'template.yaml'), TEMPLATE);
  await mkdir(join(dir, 'hello'));
  await writeFile(join(dir, 'hello/package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'hello/handler.js'), HANDLER);
  const loaded = await loadService(undefined, dir, {});
  outputs = loaded.model.outputs;
  started = await startGateway(null, loaded.model);
  hello = started.urls.apis.find((api) => api.name === 'hello') as ApiEndpoint;
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

test("GET /hello on the Deployment's stage: location becomes the Location header, the result is the body", async () => {
  const response = await fetch(`${hello.url}/hello`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('location'), 'https://example.com/hello/world');
  assert.equal(await response.text(), '{"location":"https://example.com/hello/world","body":"hello, world"}');
});

test('POST /hello passes the JSON body to the function as its event', async () => {
  const response = await fetch(`${hello.url}/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Sparta"}' });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('location'), 'https://example.com/hello/Sparta');
  assert.equal(await response.text(), '{"location":"https://example.com/hello/Sparta","body":"hello, Sparta"}');
});

test('a function error matching SelectionPattern Invalid.* is the 400 response, without Location', async () => {
  const response = await fetch(`${hello.url}/hello`, { method: 'POST', body: '{"name":"nobody"}' });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null);
  assert.equal(JSON.parse(await response.text()).errorMessage, 'Invalid name: nobody');
});

test('the stage is the one Deployment.StageName gives', () => {
  assert.equal(new URL(hello.url).pathname, '/prod');
});

test("an output over the RestApi is that API's local URL", () => {
  assert.deepEqual(outputs, [{ name: 'HelloUrl', description: 'HelloUrl', value: { kind: 'http-url', api: 'hello' } }]);
});
