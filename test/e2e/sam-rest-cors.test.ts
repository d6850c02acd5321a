/** `Cors` on an AWS::Serverless::Api, as SAM transforms it: every path answers the preflight from an OPTIONS MOCK method. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const template = (cors: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  ItemsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
${cors}
  Items:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: items/
      Handler: app.handler
      Runtime: nodejs20.x
      Events:
        List: { Type: Api, Properties: { RestApiId: !Ref ItemsApi, Path: /items, Method: get } }
        Create: { Type: Api, Properties: { RestApiId: !Ref ItemsApi, Path: /items, Method: post } }
        Remove: { Type: Api, Properties: { RestApiId: !Ref ItemsApi, Path: '/items/{id}', Method: delete } }
`;

const CORS = `      Cors:
        AllowOrigin: "'https://app.example.com'"
        AllowHeaders: "'Content-Type,Authorization'"
        MaxAge: "'600'"
        AllowCredentials: true`;

let dir: string;
let started: StartedGateway;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-sam-cors-'));
  await writeFile(join(dir, 'template.yaml'), template(CORS));
  await mkdir(join(dir, 'items'));
  await writeFile(join(dir, 'items/package.json'), '{ "name": "items", "version": "1.0.0" }\n');
  await writeFile(
    join(dir, 'items/app.js'),
    "exports.handler = async (event) => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, body: event.httpMethod });\n",
  );
  started = await startGateway(null, (await loadService(undefined, dir)).model);
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

const preflight = async (path: string) => {
  const api = started.urls.apis[0] as ApiEndpoint;
  const response = await fetch(`${api.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
  });
  const cors = Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
  return { status: response.status, cors, body: await response.text() };
};

test("each path's preflight answers with the Cors values, and its own methods listed with OPTIONS, sorted", async () => {
  assert.deepEqual(await preflight('/items'), {
    status: 200,
    cors: {
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'Content-Type,Authorization',
      'access-control-allow-methods': 'GET,OPTIONS,POST',
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-max-age': '600',
    },
    body: '{}\n',
  });
  assert.equal((await preflight('/items/42')).cors['access-control-allow-methods'], 'DELETE,OPTIONS');
});

test('the Lambda proxy methods still answer themselves', async () => {
  const api = started.urls.apis[0] as ApiEndpoint;
  const response = await fetch(`${api.url}/items`, { method: 'POST' });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'POST');
});

test("an unquoted value, and '*' with credentials, are errors naming the line and what SAM expects", async () => {
  const bad = async (cors: string) => {
    await writeFile(join(dir, 'template.yaml'), template(cors));
    return loadService(undefined, dir).then(
      () => 'loaded',
      (error: Error) => error.message,
    );
  };
  assert.equal(
    await bad('      Cors: https://app.example.com'),
    `template.yaml:7:13: Resources.ItemsApi.Properties.Cors: ItemsApi: Cors: expected a quoted string such as "'https://app.example.com'" (SAM writes it into a response parameter as it stands), got "https://app.example.com"`,
  );
  assert.equal(
    await bad(`      Cors:\n        AllowOrigin: "'*'"\n        AllowCredentials: true`),
    `template.yaml:8:22: Resources.ItemsApi.Properties.Cors.AllowOrigin: ItemsApi: AllowOrigin: expected an origin other than '*' when AllowCredentials is true (SAM refuses it), got "'*'"`,
  );
});
