/** `gateway.fetch`: every HTTP surface by its printed URL, in memory, with exactly what the socket gives. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEndpoint, GatewayUrls } from '../../src/gateway.ts';
import probe from '../fixtures/services/http-probe/hoplite.config.ts';
import service from '../fixtures/services/malformed/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

let started: StartedGateway;
let urls: GatewayUrls;
const api = (name: string) => urls.apis.find((candidate) => candidate.name === name) as ApiEndpoint;

before(async () => {
  started = await startGateway(null, service, { hostAliases: ['devbox.test'] });
  urls = started.urls;
});
after(() => started.gateway.dispose());

const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/20240209/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
};

describe('every surface by its printed URL', () => {
  test('an HTTP API and a REST API, by url and by secureUrl', async () => {
    for (const name of ['http', 'rest']) {
      for (const base of [api(name).url, api(name).secureUrl]) {
        const response = await started.gateway.fetch(`${base}/ok/1`);
        assert.deepEqual([response.status, await response.text()], [200, 'ok'], base);
      }
    }
    const requestId = (await started.gateway.fetch(`${api('http').url}/ok/1`)).headers.get('apigw-requestid');
    assert.match(requestId ?? '', /^[A-Za-z0-9+/]{15}=$/);
    const restId = (await started.gateway.fetch(`${api('rest').url}/ok/1`)).headers.get('x-amzn-requestid');
    assert.match(restId ?? '', /^[0-9a-f-]{36}$/);
  });

  test('CONN-21 CONN-20 the @connections API by its managementEndpoint, and by the ws:// url of its port', async () => {
    const { managementEndpoint, url } = api('chat');
    const unknown = await started.gateway.fetch(`${managementEndpoint}/@connections/UNKNOWNUNKNOWN0%3D`, { method: 'POST', headers: SIGNED, body: 'x' });
    assert.deepEqual([unknown.status, unknown.headers.get('x-amzn-errortype'), await unknown.text()], [410, 'GoneException', '']);
    const elsewhere = await started.gateway.fetch(`${url}/elsewhere`);
    assert.deepEqual([elsewhere.status, await elsewhere.text()], [403, '{"message":"Forbidden"}']);
  });

  test('the Lambda Invoke API by lambdaEndpoint', async () => {
    const response = await started.gateway.fetch(`${urls.lambdaEndpoint}/2015-03-31/functions/ok/invocations`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-amz-executed-version'), '$LATEST');
    assert.equal(await response.text(), '{"statusCode":200,"body":"ok"}');
  });

  test('a site by its url: files and /hoplite.json; HEAD has no body', async () => {
    const site = (urls.sites[0] as { url: string }).url;
    const page = await started.gateway.fetch(site);
    assert.deepEqual([page.status, page.headers.get('content-type')], [200, 'text/html; charset=utf-8']);
    const config = await started.gateway.fetch(`${site}hoplite.json`);
    assert.equal(JSON.parse(await config.text()).service, 'malformed');
    const head = await started.gateway.fetch(site, { method: 'HEAD' });
    assert.deepEqual([head.status, head.headers.get('content-length'), await head.text()], [200, page.headers.get('content-length'), '']);
  });
});

describe('hosts and refusals', () => {
  test('the loopback names and the host aliases reach the same port; a Request object works as a URL does', async () => {
    const { port } = api('http');
    for (const host of ['127.0.0.1', 'localhost', 'devbox.test', 'LOCALHOST']) {
      const response = await started.gateway.fetch(new Request(`http://${host}:${port}/v1/ok/1`));
      assert.deepEqual([response.status, await response.text()], [200, 'ok'], host);
    }
  });

  test('an unknown port or host, or another scheme, rejects with a TypeError naming what the gateway serves', async () => {
    const { port } = api('http');
    for (const url of [`http://127.0.0.1:1/`, `http://example.com:${port}/v1/ok/1`, `ftp://127.0.0.1:${port}/`]) {
      await assert.rejects(started.gateway.fetch(url), (error: Error) => {
        assert.equal(error.name, 'TypeError');
        assert.match(error.message, /is not served by this gateway, which serves http\(s\):\/\/127\.0\.0\.1:\d+/);
        assert.ok(error.message.includes(`:${port}`));
        return true;
      });
    }
  });
});

/** The headers a client reads, without what only a socket has (its framing and the date) and with request ids masked. */
function comparable(response: Response): Array<[string, string]> {
  return [...response.headers]
    .filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name))
    .map(([name, value]): [string, string] => (/^(apigw-requestid|x-amzn-requestid)$/.test(name) ? [name, '<id>'] : [name, value]));
}

test('the fetch path and the socket path give the same status, headers (but the date and the framing) and body', async () => {
  const chat = api('chat');
  const cases: Array<[string, RequestInit]> = [
    [`${api('http').url}/ok/1`, {}],
    [`${api('http').url}/nothing`, {}],
    [`http://127.0.0.1:${api('http').port}/elsewhere`, { method: 'DELETE' }],
    [`${api('rest').url}/ok/1`, {}],
    [`${api('rest').url}/nothing`, { method: 'PUT', body: '{}' }],
    [`${api('rest').url}/custom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' }],
    // The socket client would refuse the test certificate of the https: managementEndpoint: plain HTTP on its port.
    [`http://127.0.0.1:${chat.port}/dev/@connections/not-an-id`, { method: 'POST', headers: SIGNED, body: 'x' }],
    [`http://127.0.0.1:${chat.port}/dev/@connections/UNKNOWNUNKNOWN0%3D`, { method: 'GET', headers: SIGNED }],
    [`${urls.lambdaEndpoint}/2015-03-31/functions/nothing/invocations`, { method: 'POST', body: '{}' }],
    [`${urls.lambdaEndpoint}/2015-03-31/functions/ok/invocations`, { method: 'POST', body: 'not json' }],
    [`${(urls.sites[0] as { url: string }).url}missing.txt`, {}],
    [`${(urls.sites[0] as { url: string }).url}`, { method: 'POST' }],
  ];
  for (const [url, init] of cases) {
    const label = `${init.method ?? 'GET'} ${url}`;
    const socket = await fetch(url, init).catch((error: Error) => assert.fail(`${label}: ${error.message} ${(error.cause as Error)?.message}`));
    const memory = await started.gateway.fetch(url, init);
    assert.equal(memory.status, socket.status, label);
    assert.deepEqual(comparable(memory), comparable(socket), label);
    assert.deepEqual(Buffer.from(await memory.arrayBuffer()), Buffer.from(await socket.arrayBuffer()), label);
  }
});

test('REST-20 a body over the limit: the 413 says the connection closes, as the socket path does after it', async () => {
  const response = await started.gateway.fetch(`${api('rest').url}/custom`, { method: 'POST', body: 'x'.repeat(6 * 1024 * 1024 + 1) });
  assert.deepEqual([response.status, response.headers.get('connection'), await response.text()], [413, 'close', '{"message":"Request Too Long"}']);
});

test('GEN-4 HTTP-20 an event through fetch has the socket path fields: TLS for https:, source 127.0.0.1, the Host of the URL', async (t) => {
  const { gateway, urls: probeUrls } = await startGateway(t, probe);
  const staged = probeUrls.apis[0] as ApiEndpoint;
  const viaSocket = JSON.parse(await (await fetch(`${staged.url}/items/1`)).text());
  const plain = JSON.parse(await (await gateway.fetch(`${staged.url}/items/1`)).text());
  const secure = JSON.parse(await (await gateway.fetch(`${staged.secureUrl}/items/1`)).text());
  const byName = JSON.parse(await (await gateway.fetch(`http://localhost:${staged.port}/dev/items/1`)).text());
  for (const event of [viaSocket, plain]) {
    assert.deepEqual(
      [event.headers['x-forwarded-proto'], event.requestContext.http.sourceIp, event.requestContext.domainName, event.headers.host],
      ['http', '127.0.0.1', `127.0.0.1:${staged.port}`, `127.0.0.1:${staged.port}`],
    );
  }
  assert.equal(secure.headers['x-forwarded-proto'], 'https');
  assert.deepEqual([byName.requestContext.domainName, byName.headers.host], [`localhost:${staged.port}`, `localhost:${staged.port}`]);
});

test('after dispose, fetch rejects', async (t) => {
  const { gateway, urls: probeUrls } = await startGateway(t, probe);
  await gateway.dispose();
  await assert.rejects(gateway.fetch(`${(probeUrls.apis[0] as ApiEndpoint).url}/items/1`), TypeError);
});
