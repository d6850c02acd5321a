/**
 * The round trip of examples/todo: `hoplite synth` into a folder outside the repository, then that template run as
 * `hoplite dev template.json` runs it, and the seed's curl session replayed with fetch over loopback.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { type RoundTrip, roundTrip, roundTripDifferences } from '../helpers/round-trip.ts';

const ID = 'e38e37c5-0056-45db-a5cb-9e50ff99ab9c';

let trip: RoundTrip;
let started: StartedGateway;
let api: ApiEndpoint;

before(async () => {
  trip = await roundTrip('examples/todo/hoplite.config.ts');
  started = await startGateway(null, trip.imported.model);
  api = started.urls.apis[0] as ApiEndpoint;
});
after(async () => {
  await started?.gateway.dispose();
  await trip?.dispose();
});

test('the imported model is the original but for what a deployment changes, each difference named', () => {
  assert.equal(trip.synthWarnings, 'warning site "web" (web) is not shipped: host its files yourself (S3 and CloudFront, for one)\n');
  assert.deepEqual(roundTripDifferences(trip), [
    // The code is the bundle's folder beside the template, its handler the bundle's module and export.
    `$.rootDir: "${process.cwd()}/examples/todo" → "${trip.dir}"`,
    '$.functions[0].handler: "handler.ts#handler" → "handler.handler"',
    // The table's name is CloudFormation's to choose; locally it is the table's logical id.
    '$.functions[0].environment.TABLE_NAME: "Todos" → "TodosTable"',
    // The importer runs a template's handlers as `sam local` does.
    '$.functions[0].environment.AWS_SAM_LOCAL: undefined → "true"',
    '$.functions[0].codeUri: undefined → "functions/todo"',
    // Synthesis gives every API a URL output.
    `$.outputs[0]: undefined → ${JSON.stringify({ name: 'TodoApiUrl', description: "The HTTP API todo's URL", value: { kind: 'http-url', api: 'todo' } })}`,
    // Sites are not shipped (synth warns).
    '$.sites[0]: {"name":"web","dir":"web"} → undefined',
  ]);
});

test("HTTP-30 the seed's session on the synthesized template: POST 204, GET the list, DELETE 204, 422 with fieldErrors", async () => {
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const created = await fetch(`${api.url}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: ID, description: 'Buy Milk', priority: 'normal', dueDate: '2022-01-27' }),
  });
  assert.deepEqual([created.status, await created.text()], [204, '']);
  const list = await fetch(`${api.url}/todos`);
  assert.equal(list.headers.get('content-type'), 'application/json');
  assert.equal(await list.text(), `[{"id":"${ID}","dueDate":"2022-01-27","description":"Buy Milk","priority":"normal"}]`);
  const deleted = await fetch(`${api.url}/todos/${ID}`, { method: 'DELETE' });
  assert.deepEqual([deleted.status, await deleted.text()], [204, '']);
  assert.equal(await (await fetch(`${api.url}/todos`)).text(), '[]');
  const invalid = await fetch(`${api.url}/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.deepEqual([invalid.status, await invalid.text()], [422, '{"fieldErrors":{"description":"required","id":"required","priority":"required"}}']);
  const unknownRoute = await fetch(`${api.url}/todos/${ID}`);
  assert.deepEqual([unknownRoute.status, await unknownRoute.text()], [404, '{"message":"Not Found"}']);
});
