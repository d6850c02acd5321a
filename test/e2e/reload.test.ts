/** Hot reload: edit a handler while a client stays connected; in-flight invocations finish on the old code. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ServiceModel } from '../../src/model/index.ts';
import { startGateway } from '../helpers/gateway.ts';
import { eventually, openClient } from '../helpers/ws-client.ts';

function handlerSource(version: string): string {
  return `export const version = async () => ({ statusCode: 200, body: '${version}' });
export const slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { statusCode: 200, body: 'slow-${version}' };
};
`;
}

function model(rootDir: string): ServiceModel {
  const fn = (name: string) => ({ name, handler: `handler.ts#${name}`, timeoutSeconds: 5, memoryMb: 128, environment: {}, policies: [] });
  const route = (key: string) => ({ key, function: key, routeResponseSelectionExpression: '$default' as const, integrationTimeoutMs: 29_000 });
  return {
    name: 'reloading',
    rootDir,
    functions: [fn('version'), fn('slow')],
    apis: [
      {
        protocol: 'WEBSOCKET',
        name: 'api',
        routeSelectionExpression: '$request.body.action',
        stage: { name: 'dev', variables: {} },
        routes: [route('version'), route('slow')],
      },
    ],
    tables: [],
    outputs: [],
    sites: [],
  };
}

// Each local runner loads new code its own way (a new worker, a new module instance in-process).
for (const runner of ['worker-thread', 'in-process'] as const) {
  test(`${runner}: an edited handler serves the next message; the connection stays open; the in-flight one finishes on the old code`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'hoplite-reload-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'handler.ts'), handlerSource('v1'));
    const { urls, log } = await startGateway(t, model(dir), { reload: true, runner });
    const client = await openClient(urls.apis[0]?.url ?? '');
    client.ws.send('{"action":"version"}');
    assert.equal(await client.next(), 'v1');

    client.ws.send('{"action":"slow"}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(join(dir, 'handler.ts'), handlerSource('v2'));
    assert.equal(await client.next(), 'slow-v1', 'the invocation in flight finished on the code it started with');
    await eventually(() => (log.lines.some((line) => line === 'info reloaded version, slow (handler.ts changed)') ? true : undefined));
    client.ws.send('{"action":"version"}');
    assert.equal(await client.next(), 'v2');

    // A syntax error is reported and the previous version keeps serving.
    await writeFile(join(dir, 'handler.ts'), 'export const version = async () => ({ statusCode: 200, body: ;\n');
    await eventually(() =>
      log.lines.some(
        (line) =>
          line.startsWith('error function version: handler "handler.ts#version" could not be built: handler.ts:1:') &&
          line.endsWith('version keeps running its previous version'),
      )
        ? true
        : undefined,
    );
    client.ws.send('{"action":"version"}');
    assert.equal(await client.next(), 'v2');

    await writeFile(join(dir, 'handler.ts'), handlerSource('v3'));
    await eventually(async () => {
      client.ws.send('{"action":"version"}');
      const answer = await client.next();
      return answer === 'v3' ? true : undefined;
    });
    assert.equal(client.ws.readyState, client.ws.OPEN);
    client.ws.close();
  });
}

test('without reload, edits change nothing until restart', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-noreload-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'handler.ts'), handlerSource('v1'));
  const { urls } = await startGateway(t, model(dir));
  const client = await openClient(urls.apis[0]?.url ?? '');
  await writeFile(join(dir, 'handler.ts'), handlerSource('v2'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  client.ws.send('{"action":"version"}');
  assert.equal(await client.next(), 'v1');
  client.ws.close();
});

test('reload during traffic: no connection drops and no message fails while the code changes twice', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-traffic-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'handler.ts'), handlerSource('v1'));
  const { urls } = await startGateway(t, model(dir), { reload: true });
  const clients = await Promise.all([1, 2, 3].map(() => openClient(urls.apis[0]?.url ?? '')));
  const answers: string[] = [];
  let sending = true;
  const traffic = clients.map(async (client) => {
    while (sending) {
      client.ws.send('{"action":"version"}');
      answers.push(await client.next());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await writeFile(join(dir, 'handler.ts'), handlerSource('v2'));
  await new Promise((resolve) => setTimeout(resolve, 400));
  await writeFile(join(dir, 'handler.ts'), handlerSource('v3'));
  await eventually(() => (answers.at(-1) === 'v3' && answers.at(-2) === 'v3' && answers.at(-3) === 'v3' ? true : undefined));
  sending = false;
  await Promise.all(traffic);
  assert.ok(
    answers.every((answer) => /^v[123]$/.test(answer)),
    `every message was answered by some version: ${[...new Set(answers)]}`,
  );
  assert.ok(answers.includes('v1') && answers.includes('v3'));
  for (const client of clients) assert.equal(client.ws.readyState, client.ws.OPEN);
  for (const client of clients) client.ws.close();
});

// CommonJS as Lambda code is written: `exports.handler` in a package with no "type", a helper it requires.
for (const runner of ['worker-thread', 'in-process'] as const) {
  test(`${runner}: a CommonJS handler reloads when it or a file it requires changes; a function whose files did not change is left alone`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'hoplite-reload-cjs-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'package.json'), '{ "name": "legacy", "version": "1.0.0" }\n');
    await writeFile(join(dir, 'words.js'), "exports.word = 'one';\n");
    await writeFile(join(dir, 'app.js'), "const { word } = require('./words');\nexports.handler = async () => ({ statusCode: 200, body: word });\n");
    await writeFile(join(dir, 'other.js'), "exports.handler = async () => ({ statusCode: 200, body: 'other' });\n");
    const service: ServiceModel = {
      ...model(dir),
      functions: ['app', 'other'].map((name) => ({ name, handler: `${name}.handler`, timeoutSeconds: 5, memoryMb: 128, environment: {}, policies: [] })),
    };
    const api = service.apis[0] as Extract<ServiceModel['apis'][number], { protocol: 'WEBSOCKET' }>;
    api.routes = ['app', 'other'].map((key) => ({ key, function: key, routeResponseSelectionExpression: '$default' as const, integrationTimeoutMs: 29_000 }));
    const { urls, log } = await startGateway(t, service, { reload: true, runner });
    const client = await openClient(urls.apis[0]?.url ?? '');
    const ask = async (action: string) => {
      client.ws.send(JSON.stringify({ action }));
      return client.next();
    };
    assert.equal(await ask('app'), 'one');
    assert.equal(await ask('other'), 'other');

    await writeFile(join(dir, 'words.js'), "exports.word = 'two';\n");
    await eventually(() => (log.lines.includes('info reloaded app (words.js changed)') ? true : undefined));
    assert.equal(await ask('app'), 'two');
    await writeFile(join(dir, 'app.js'), "const { word } = require('./words');\nexports.handler = async () => ({ statusCode: 200, body: `${word}!` });\n");
    await eventually(() => (log.lines.includes('info reloaded app (app.js changed)') ? true : undefined));
    assert.equal(await ask('app'), 'two!');
    assert.equal(await ask('other'), 'other');
    assert.ok(!log.lines.some((line) => /reloaded .*other/.test(line)), log.lines.join('\n'));

    // A handler edited to name no export: a warning, and the previous version keeps serving.
    await writeFile(join(dir, 'app.js'), 'exports.renamed = async () => ({ statusCode: 200, body: "renamed" });\n');
    await eventually(() =>
      log.lines.some((line) => line.startsWith('error function app: handler "app.handler": app.js does not export "handler" (it exports renamed)'))
        ? true
        : undefined,
    );
    assert.equal(await ask('app'), 'two!');
    client.ws.close();
  });
}
