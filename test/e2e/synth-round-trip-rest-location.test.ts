/**
 * The round trip of examples/rest-location: `hoplite synth`, then the template through the importer, and Sparta's
 * Location example with fetch: the custom integration's response mapping survives as the template writes it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiEndpoint } from '../../src/gateway.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';
import { type RoundTrip, roundTrip, roundTripDifferences } from '../helpers/round-trip.ts';

let trip: RoundTrip;
let started: StartedGateway;
let api: ApiEndpoint;

before(async () => {
  trip = await roundTrip('examples/rest-location/hoplite.config.ts');
  started = await startGateway(null, trip.imported.model);
  api = started.urls.apis[0] as ApiEndpoint;
});
after(async () => {
  await started?.gateway.dispose();
  await trip?.dispose();
});

test('the imported model is the original but for what a deployment changes: resources, methods and mappings as they were', () => {
  assert.equal(trip.synthWarnings, '');
  assert.deepEqual(roundTripDifferences(trip), [
    `$.rootDir: "${process.cwd()}/examples/rest-location" → "${trip.dir}"`,
    '$.functions[0].handler: "handler.ts#hello" → "handler.hello"',
    '$.functions[0].environment.AWS_SAM_LOCAL: undefined → "true"',
    '$.functions[0].codeUri: undefined → "functions/hello"',
    `$.outputs[0]: undefined → ${JSON.stringify({ name: 'HelloApiUrl', description: "The REST API hello's URL", value: { kind: 'http-url', api: 'hello' } })}`,
  ]);
});

test('REST-11 the Location header from integration.response.body.location, and the 400 of a matching error, on the synthesized template', async () => {
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/prod$/);
  const response = await fetch(`${api.url}/hello`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('location'), 'https://example.com/hello/world');
  assert.equal(await response.text(), '{"location":"https://example.com/hello/world","body":"hello, world"}');
  const named = await fetch(`${api.url}/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Sparta"}' });
  assert.deepEqual([named.status, named.headers.get('location')], [200, 'https://example.com/hello/Sparta']);
  assert.equal(await named.text(), '{"location":"https://example.com/hello/Sparta","body":"hello, Sparta"}');
  const invalid = await fetch(`${api.url}/hello`, { method: 'POST', body: '{"name":"nobody"}' });
  assert.deepEqual([invalid.status, invalid.headers.get('location')], [400, null]);
  assert.equal(JSON.parse(await invalid.text()).errorMessage, 'Invalid name: nobody');
});
