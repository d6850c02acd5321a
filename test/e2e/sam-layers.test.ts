/**
 * A SAM project as its users write it, outside this repository: an AWS::Serverless::LayerVersion whose
 * nodejs/node_modules holds a package, and an HTTP API function in its own folder requiring it. Loaded as
 * `hoplite dev` loads it and called over HTTP, on the worker-thread and in-process runners.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadService } from '../../src/cli/load-service.ts';
import type { RunnerName } from '../../src/lambda/runners/index.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 5
Resources:
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: shared
      ContentUri: layers/shared
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/hello/
      Handler: app.handler
      Layers:
        - !Ref SharedLayer
      Events:
        Hello:
          Type: HttpApi
          Properties:
            Path: /hello
            Method: get
`;

const FILES: Record<string, string> = {
  'template.yaml': TEMPLATE,
  'layers/shared/nodejs/node_modules/shared-lib/package.json': JSON.stringify({ name: 'shared-lib', version: '1.0.0', main: 'index.js' }),
  'layers/shared/nodejs/node_modules/shared-lib/index.js': 'exports.greet = (name) => `hello ${name} from the shared layer`;\n',
  'functions/hello/package.json': JSON.stringify({ name: 'hello', version: '1.0.0' }),
  'functions/hello/app.js': [
    "const { greet } = require('shared-lib');",
    "exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ message: greet('ada') }) });",
  ].join('\n'),
};

let dir: string;

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'hoplite-sam-layers-')));
  for (const [file, contents] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), contents);
  }
});

after(() => rm(dir, { recursive: true, force: true }));

for (const runner of ['worker-thread', 'in-process'] as RunnerName[]) {
  describe(`${runner}: a layer's nodejs/node_modules, as under /opt`, () => {
    let started: StartedGateway;

    before(async () => {
      const loaded = await loadService(undefined, dir, {});
      started = await startGateway(null, loaded.model, { runner });
    });
    after(() => started?.gateway.dispose());

    test("the function's require('shared-lib') finds the layer's package", async () => {
      const api = started.urls.apis.find((candidate) => candidate.name === 'ServerlessHttpApi');
      const response = await fetch(`${api?.url}/hello`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { message: 'hello ada from the shared layer' });
    });
  });
}
