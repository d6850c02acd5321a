/** `hoplite dev`'s importer flags (--stage, --region, --param, --variable), the port a serverless.yml asks for, the CLI end to end. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { firstDevPort, startDev } from './dev.ts';
import { takeImportFlags } from './import-flags.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';

test('--stage, --region, --param and --variable are taken out for the importers, in both spellings; the rest stays in order', () => {
  const argv = ['serverless.yml', '--stage', 'qa', '--region=eu-west-1', '--port', '0', '--param', 'domain=example.com'];
  argv.push('--param=key=a=b', '--variable', 'cf:auth.PoolId=local', '--quiet');
  assert.deepEqual(takeImportFlags(argv), {
    options: { stage: 'qa', region: 'eu-west-1', params: { domain: 'example.com', key: 'a=b' }, variables: { 'cf:auth.PoolId': 'local' } },
    rest: ['serverless.yml', '--port', '0', '--quiet'],
    portGiven: true,
  });
  assert.deepEqual(takeImportFlags(['a.yml']), { options: { params: {}, variables: {} }, rest: ['a.yml'], portGiven: false });
  // After `--`, everything is an entry.
  assert.deepEqual(takeImportFlags(['--', '--stage', 'x']).rest, ['--', '--stage', 'x']);
});

test('an importer flag without its value, or a pair without =, is a usage error naming the flag', () => {
  assert.throws(() => takeImportFlags(['--stage']), { code: 'HOPLITE_ERR_CLI_USAGE', message: '--stage: expected a value' });
  assert.throws(() => takeImportFlags(['--stage', '--port', '0']), { code: 'HOPLITE_ERR_CLI_USAGE', message: '--stage: expected a value' });
  assert.throws(() => takeImportFlags(['--param', 'domain']), { code: 'HOPLITE_ERR_CLI_USAGE', message: '--param: expected name=value, got "domain"' });
  assert.throws(() => takeImportFlags(['--variable=cf:x']), { code: 'HOPLITE_ERR_CLI_USAGE', message: '--variable: expected name=value, got "cf:x"' });
});

test("the first port: --port when given, else the format's (serverless-offline's for a serverless.yml), else the command's default", () => {
  assert.equal(firstDevPort(false, 3001, 3000), 3000);
  assert.equal(firstDevPort(true, 4000, 3000), 4000);
  assert.equal(firstDevPort(true, 0, 3000), 0);
  assert.equal(firstDevPort(false, 3001, undefined), 3001);
});

function captureIo(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  return { stdin: new PassThrough(), stdout, stderr, env: {}, out: () => out, err: () => err };
}

test('hoplite dev examples/serverless-chat/serverless.yml --stage qa: the stage names the APIs and tables; the plugin warning is printed', async () => {
  const io = captureIo();
  const handle = await startDev(['examples/serverless-chat/serverless.yml', '--stage', 'qa', '--port', '0'], io, process.cwd());
  assert.ok(typeof handle !== 'number');
  try {
    const banner = io.out();
    assert.match(banner, /^Hoplite dev: serverless-chat \(examples\/serverless-chat\/serverless\.yml\)$/m);
    assert.match(banner, /^ {2}HTTP API qa-serverless-chat: http:\/\/127\.0\.0\.1:\d+ {2}/m);
    assert.match(banner, /^ {2}WebSocket API qa-serverless-chat-websockets: ws:\/\/127\.0\.0\.1:\d+\/qa /m);
    assert.match(io.err(), /examples\/serverless-chat\/serverless\.yml:7:5: plugins\.0: plugin serverless-offline is not run/);
    const [gateway] = handle.gateways;
    assert.deepEqual(
      gateway?.model.tables.map((table) => table.name),
      ['serverless-chat-connections-qa', 'serverless-chat-messages-qa'],
    );
  } finally {
    handle.stop();
    await handle.done;
  }
});

test('a mapping error names the file, line, column and field; --param and --variable reach the variables', async (context) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-sls-'));
  context.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'serverless.yml');
  const text = [
    'service: svc',
    'provider:',
    '  name: aws',
    '  environment:',
    '    DOMAIN: ${param:domain}',
    '    POOL: ${cf:auth.PoolId}',
    'functions:',
    '  f:',
    '    handler: h.main',
    '    events:',
    '      - websocket:',
    '          route: send',
    '          authorizer: f',
    '',
  ].join('\n');
  await writeFile(file, text);
  await assert.rejects(loadService('serverless.yml', dir, { params: { domain: 'example.com' }, variables: { 'cf:auth.PoolId': 'local' } }), {
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message:
      'serverless.yml:13:23: functions.f.events.0.websocket.authorizer: expected an authorizer on the $connect route only, as API Gateway allows, not on send',
  });
  await writeFile(file, text.replace('route: send', 'route: $connect'));
  const loaded = await loadService(undefined, dir, { params: { domain: 'example.com' }, variables: { 'cf:auth.PoolId': 'local' } });
  assert.equal(loaded.displayPath, 'serverless.yml');
  assert.deepEqual(loaded.model.functions[0]?.environment, { DOMAIN: 'example.com', POOL: 'local', IS_OFFLINE: 'true' });
  assert.equal(loaded.devPort, 3001);
});
