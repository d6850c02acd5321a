/** The template format of loadService: flags applied, warnings said once, inline code written, --env-vars read. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadService } from './load-service.ts';
import { templateFormat } from './template-format.ts';

let dir: string;
const TEMPLATE = `Parameters:
  Stage:
    Type: String
    Default: prod
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub \${AWS::StackName}-fn
      Runtime: nodejs20.x
      Handler: index.handler
      Environment:
        Variables:
          STAGE: !Ref Stage
          POOL: !ImportValue shared-Pool
          TABLE: remote
      Code:
        ZipFile: exports.handler = async () => 'ok';
  Topic:
    Type: AWS::SNS::Topic
`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-template-format-'));
  await writeFile(join(dir, 'template.yaml'), TEMPLATE);
  await writeFile(join(dir, 'env.json'), '{ "Parameters": { "TABLE": "local" } }');
});
after(() => rm(dir, { recursive: true, force: true }));

test("templates are .yaml, .yml and .json files, except the Serverless Framework's", () => {
  assert.deepEqual(
    ['template.yaml', 'a/b.yml', 'stack.JSON', 'serverless.yml', 'serverless.json', 'app.ts'].map((file) => templateFormat.accepts(file)),
    [true, true, true, false, false, false],
  );
  assert.deepEqual(templateFormat.defaultNames, ['template.yaml', 'template.yml', 'template.json']);
});

test('--parameter-overrides, --stack-name, --import-value and --env-vars reach the model; inline code is written', async () => {
  const loaded = await loadService('template.yaml', dir, {
    parameterOverrides: 'Stage=dev',
    stackName: 'chat-dev',
    importValues: { 'shared-Pool': 'us-east-1_abc' },
    envVars: join(dir, 'env.json'),
  });
  assert.equal(loaded.model.name, 'chat-dev');
  assert.equal(loaded.model.rootDir, dir);
  assert.deepEqual(loaded.model.functions, [
    {
      name: 'chat-dev-fn',
      handler: 'index.handler',
      codeUri: '.hoplite/inline/Fn',
      timeoutSeconds: 3,
      memoryMb: 128,
      environment: { STAGE: 'dev', POOL: 'us-east-1_abc', TABLE: 'local', AWS_SAM_LOCAL: 'true' },
      policies: [],
    },
  ]);
  assert.equal(await readFile(join(dir, '.hoplite/inline/Fn/index.js'), 'utf8'), "exports.handler = async () => 'ok';");
  assert.equal(await readFile(join(dir, '.hoplite/inline/Fn/package.json'), 'utf8'), '{ "type": "commonjs" }\n');
  assert.deepEqual(loaded.warnings, [
    'template.yaml:19:3: Resources.Topic: AWS::SNS::Topic is not run locally; Topic and the other resources of this type are ignored',
  ]);
});

test('--env-vars that is not a JSON object of objects is a usage error naming the file', async () => {
  await writeFile(join(dir, 'bad.json'), '{ "Parameters": 1 }');
  await assert.rejects(loadService('template.yaml', dir, { importValues: { 'shared-Pool': 'x' }, envVars: join(dir, 'bad.json') }), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message: `--env-vars ${join(dir, 'bad.json')}: expected an object of objects: "Parameters" for every function, or a function's logical id or name, each mapping variable names to values`,
  });
});
