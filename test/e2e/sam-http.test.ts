/** A SAM template with HttpApi events and an inline Lambda function, loaded as `hoplite dev` loads it and called over HTTP. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Greeting:
    Type: String
    Default: hello
Globals:
  Function:
    Runtime: nodejs20.x
    Environment:
      Variables:
        GREETING: !Ref Greeting
        MODE: remote
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: app.handler
      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /hello/{name}
            Method: get
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: |
          exports.handler = async () => ({ statusCode: 200, body: 'inline' });
  InlineApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: inline
      ProtocolType: HTTP
      Target: !GetAtt Inline.Arn
Outputs:
  HelloUrl:
    Value: !Sub https://\${ServerlessHttpApi}.execute-api.\${AWS::Region}.amazonaws.com/
`;

let dir: string;
let started: StartedGateway;
let outputs: unknown;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-sam-http-'));
  await writeFile(join(dir, 'template.yaml'), TEMPLATE);
  await writeFile(join(dir, 'env.json'), '{ "Hello": { "MODE": "local" } }');
  await mkdir(join(dir, 'hello'));
  await writeFile(join(dir, 'hello/package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(dir, 'hello/app.js'),
    `export const handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ greeting: process.env.GREETING, name: event.pathParameters.name, mode: process.env.MODE, samLocal: process.env.AWS_SAM_LOCAL }),
});
`,
  );
  const loaded = await loadService(undefined, dir, { parameterOverrides: 'Greeting=hi', envVars: join(dir, 'env.json') });
  outputs = loaded.model.outputs;
  started = await startGateway(null, loaded.model);
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

const apiNamed = (name: string) => started.urls.apis.find((api) => api.name === name) as ApiEndpoint;

test('an HttpApi event on the implicit ServerlessHttpApi runs its ES module handler with the parameters, --env-vars and AWS_SAM_LOCAL', async () => {
  const response = await fetch(`${apiNamed('ServerlessHttpApi').url}/hello/ada`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { greeting: 'hi', name: 'ada', mode: 'local', samLocal: 'true' });
});

test('quick create runs the inline ZipFile code on the $default route', async () => {
  const response = await fetch(`${apiNamed('inline').url}/anything`);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'inline');
});

test("an output over the implicit ServerlessHttpApi is that API's local URL", () => {
  assert.deepEqual(outputs, [{ name: 'HelloUrl', description: 'HelloUrl', value: { kind: 'http-url', api: 'ServerlessHttpApi' } }]);
});
