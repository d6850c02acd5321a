/**
 * The round trip of examples/chat: synthesized to a template with a bundle folder per function, then that template
 * run through the importer as `hoplite dev template.json` runs it, and the seeds' chat replayed with real clients.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { resolveOutput } from '../../src/cli/dev.ts';
import { type LoadedService, loadService } from '../../src/cli/load-service.ts';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { ids } from '../../src/iac/synth/context.ts';
import { synthesize, templateText } from '../../src/iac/synth/index.ts';
import { fixedCode, handlerExport } from '../../src/iac/synth/test-support.ts';
import { deploymentHash } from '../../src/iac/synth/websocket-api.ts';
import type { ServiceModel, WebSocketApiModel } from '../../src/model/index.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { openClient } from '../helpers/ws-client.ts';

let dir: string;
let imported: LoadedService;
let started: StartedGateway;
let api: ApiEndpoint;
/** The model the template was synthesized from. */
let synthesized: ServiceModel;

/** Each function's asset folder as the bundler lays it out: a CommonJS `index.js` exporting the handler, the SDK left out. */
async function writeBundles(model: ServiceModel, code: ReturnType<typeof fixedCode>): Promise<void> {
  for (const fn of model.functions) {
    const [file] = fn.handler.split('#');
    const name = handlerExport(fn.handler);
    await build({
      stdin: { contents: `export { ${name} } from ${JSON.stringify(resolve(model.rootDir as string, file as string))};`, resolveDir: dir, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['@aws-sdk/*'],
      outfile: join(dir, code(fn.name).assetPath, 'index.js'),
      logLevel: 'silent',
    });
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-round-trip-'));
  const { model, displayPath } = await loadService('examples/chat/hoplite.config.ts', process.cwd());
  synthesized = model;
  const code = fixedCode(model);
  const { template, warnings } = synthesize(model, { source: displayPath, code });
  assert.deepEqual(warnings, []);
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeBundles(model, code);
  await writeFile(join(dir, 'template.json'), templateText(template));
  // provision passes the bucket; locally it is only a name, as the code runs from the asset folders.
  imported = await loadService(join(dir, 'template.json'), dir, { parameterOverrides: 'ArtifactBucket=local-artifacts' });
  started = await startGateway(null, imported.model);
  api = started.urls.apis[0] as ApiEndpoint;
});

after(async () => {
  await started?.gateway.dispose();
  await rm(dir, { recursive: true, force: true });
});

test('the synthesized template imports as the chat: functions from their asset folders, the table, the API and its URL', () => {
  const { model } = imported;
  assert.deepEqual(
    model.functions.map((fn) => [fn.name, fn.codeUri, fn.handler, fn.timeoutSeconds, fn.memoryMb, fn.environment.CONNECTION_TABLE]),
    [
      ['ConnectWorldFunction', 'assets/connectWorld', 'index.connectWorld', 10, 128, 'SampleConnectionsTable'],
      ['DisconnectWorldFunction', 'assets/disconnectWorld', 'index.disconnectWorld', 10, 128, 'SampleConnectionsTable'],
      ['SendMessageFunction', 'assets/sendMessage', 'index.sendMessage', 10, 128, 'SampleConnectionsTable'],
    ],
  );
  assert.deepEqual(
    model.tables.map((table) => [table.name, table.partitionKey, table.billing]),
    [['SampleConnectionsTable', { name: 'connectionID', type: 'S' }, { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 }]],
  );
  assert.deepEqual(
    model.apis.map((candidate) => [
      candidate.protocol,
      candidate.name,
      candidate.stage.name,
      candidate.protocol === 'WEBSOCKET' ? candidate.routes.map((route) => [route.key, route.function]) : [],
    ]),
    [
      [
        'WEBSOCKET',
        'sample',
        'v1',
        [
          ['$connect', 'ConnectWorldFunction'],
          ['$disconnect', 'DisconnectWorldFunction'],
          ['sendmessage', 'SendMessageFunction'],
        ],
      ],
    ],
  );
  assert.deepEqual(model.outputs, [{ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: 'sample' } }]);
  // What the importer leaves to AWS is said once each, by name.
  assert.deepEqual(
    imported.warnings.map((warning) => warning.replace(/^template\.json:\d+:\d+: /, '')),
    [
      'Resources.ConnectWorldFunction.Properties.LoggingConfig: AWS::Lambda::Function LoggingConfig is not run locally; ignored',
      'Resources.ConnectWorldFunction.Properties.Role: AWS::Lambda::Function Role are recorded, not applied locally: handlers run with the permissions of the local credentials',
      'Resources.ConnectWorldLogGroup: AWS::Logs::LogGroup is ignored: function logs are printed by hoplite dev',
      'Resources.ConnectWorldRole: AWS::IAM::Role is ignored: handlers run with the local credentials; IAM is not enforced (the inline policies of the role a function names are recorded as its grants)',
      `Resources.SampleDeployment${deploymentHash(synthesized.apis[0] as WebSocketApiModel)}: AWS::ApiGatewayV2::Deployment is ignored: every change is deployed locally (hot reload)`,
      'Resources.ConnectWorldSamplePermission: AWS::Lambda::Permission is ignored: API Gateway may invoke every function of the template locally',
    ],
  );
  assert.equal(resolveOutput(model.outputs[0] as (typeof model.outputs)[0], started.urls.apis), api.secureUrl);
});

test("the seeds' chat on the synthesized template: a message reaches both clients (WS-90)", async () => {
  assert.match(api.url, /^ws:\/\/127\.0\.0\.1:\d+\/v1$/);
  const alice = await openClient(api.url);
  const bob = await openClient(api.url);
  alice.ws.send('{"message":"sendmessage","data":"hello world !"}');
  assert.equal(await alice.next(), '"hello world !"');
  assert.equal(await bob.next(), '"hello world !"');
  alice.ws.close();
  bob.ws.close();
  await Promise.all([alice.closed, bob.closed]);
});

test("chat-auth's WebSocket API comes back from its template as it was: models, the authorizer, the MOCK route and its responses", async (t) => {
  const authDir = await mkdtemp(join(tmpdir(), 'hoplite-round-trip-auth-'));
  t.after(() => rm(authDir, { recursive: true, force: true }));
  const { model, displayPath } = await loadService('examples/chat-auth/hoplite.config.ts', process.cwd());
  const { template } = synthesize(model, { source: displayPath, code: fixedCode(model) });
  await writeFile(join(authDir, 'template.json'), templateText(template));
  const back = await loadService(join(authDir, 'template.json'), authDir, { parameterOverrides: 'ArtifactBucket=local-artifacts' });
  // Imported functions are named by their logical ids: `checkToken` comes back as `CheckTokenFunction`.
  const byLogicalId = Object.fromEntries(model.functions.map((fn) => [ids.function(fn.name), fn.name]));
  const renamed = JSON.parse(JSON.stringify(back.model.apis), (key, value) =>
    key === 'function' && typeof value === 'string' ? (byLogicalId[value] ?? value) : value,
  );
  assert.deepEqual(renamed, model.apis);
});
