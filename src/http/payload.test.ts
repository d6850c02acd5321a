import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { capturedEvent, keyPaths, shapeDifferences } from '../../test/helpers/event-shape.ts';
import { applyCors, originAllowed, preflightResponse } from './cors.ts';
import { proxyResultV1ToResponse, requestToProxyEventV1 } from './payload-v1.ts';
import { proxyResultV2ToResponse, requestToProxyEventV2 } from './payload-v2.ts';
import { type ApiFacts, type HttpRequestFacts, queryEntries } from './request.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/aws-events/${name}.json`, import.meta.url), 'utf8'));
}

const curlRequest: HttpRequestFacts = {
  method: 'POST',
  rawPath: '/todos/42',
  rawQuery: 'tag=a&tag=b&q=x%20y',
  rawHeaders: [
    'Host',
    'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
    'User-Agent',
    'curl/8.5.0',
    'Accept',
    '*/*',
    'Cookie',
    's=1; theme=dark',
    'X-Trace',
    'one',
    'X-Trace',
    'two',
    'Content-Type',
    'application/json',
    'Content-Length',
    '13',
  ],
  body: Buffer.from('{"done":true}'),
  sourceIp: '198.51.100.7',
  domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
  localPort: 443,
  secure: true,
  traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
  requestId: 'LV7fzho-PHcEJPw=',
  timeEpoch: 1707502303420,
};
const api: ApiFacts = { apiId: 'a1b2c3d4e5', accountId: '123456789012', stage: '$default', stageVariables: { table: 'todos-dev' } };

test('HTTP-20 HTTP-21 the payload 2.0 event matches the documented shape byte for byte', () => {
  const event = requestToProxyEventV2(curlRequest, api, 'POST /todos/{id}', { id: '42' });
  assert.equal(JSON.stringify(event), JSON.stringify(fixture('http-v2')));
});

test('HTTP-21 optional fields are absent when empty; no User-Agent gives ""', () => {
  const event = requestToProxyEventV2(
    { ...curlRequest, rawQuery: '', rawHeaders: ['Host', 'h'], body: undefined },
    { ...api, stageVariables: undefined },
    '$default',
    undefined,
  );
  for (const key of ['cookies', 'queryStringParameters', 'pathParameters', 'stageVariables', 'body']) assert.equal(key in event, false, key);
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.rawQueryString, '');
  assert.equal(event.requestContext.http.userAgent, '');
});

test('HTTP-22 bodies are text for text media types and base64 for anything else', () => {
  const withType = (type: string | undefined) =>
    requestToProxyEventV2(
      { ...curlRequest, rawHeaders: type ? ['Content-Type', type] : [], body: Buffer.from([0x68, 0x69, 0xff]) },
      api,
      '$default',
      undefined,
    );
  for (const type of ['text/plain', 'application/json; charset=utf-8', 'application/xml', 'application/javascript', 'application/problem+json']) {
    assert.equal(withType(type).isBase64Encoded, false, type);
  }
  for (const type of [undefined, 'application/octet-stream', 'application/x-www-form-urlencoded', 'image/png']) {
    const event = withType(type);
    assert.deepEqual([event.isBase64Encoded, event.body], [true, 'aGn/'], String(type));
  }
});

test('HTTP-25 the payload 1.0 event on HTTP APIs: lower-cased headers, last values, nulls for empty maps', () => {
  const event = requestToProxyEventV1(
    curlRequest,
    { ...api, stage: 'dev', stageVariables: undefined },
    { id: '42' },
    {
      lowercaseHeaders: true,
      version: true,
      resource: '/todos/{id}',
      path: '/todos/42',
      requestId: 'LV7fzho-PHcEJPw=',
    },
  );
  assert.equal(event.version, '1.0');
  assert.deepEqual(Object.keys(event), [
    'version',
    'resource',
    'path',
    'httpMethod',
    'headers',
    'multiValueHeaders',
    'queryStringParameters',
    'multiValueQueryStringParameters',
    'requestContext',
    'pathParameters',
    'stageVariables',
    'body',
    'isBase64Encoded',
  ]);
  assert.equal(event.headers['x-trace'], 'two');
  assert.deepEqual(event.multiValueHeaders['x-trace'], ['one', 'two']);
  assert.deepEqual(event.queryStringParameters, { tag: 'b', q: 'x y' });
  assert.deepEqual(event.multiValueQueryStringParameters, { tag: ['a', 'b'], q: ['x y'] });
  assert.equal(event.stageVariables, null);
  assert.equal(event.requestContext.resourcePath, '/todos/{id}');
  assert.equal(event.requestContext.identity.userAgent, 'curl/8.5.0');
  assert.equal(event.requestContext.identity.accessKey, null);
});

test('REST-1 the REST proxy event matches the documented shape byte for byte', () => {
  const request: HttpRequestFacts = {
    ...curlRequest,
    method: 'GET',
    rawPath: '/prod/hello',
    rawQuery: 'name=me&name=you',
    rawHeaders: ['Host', 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', 'User-Agent', 'curl/8.5.0', 'X-Req', 'a', 'X-Req', 'a'],
    body: undefined,
    requestId: 'Yk3rqeHsoAMFa7w=',
  };
  const event = requestToProxyEventV1(request, { ...api, stage: 'prod', stageVariables: undefined }, undefined, {
    lowercaseHeaders: false,
    version: false,
    resource: '/hello',
    path: '/hello',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  });
  const expected = fixture('rest-v1') as Record<string, any>;
  // The ids are Hoplite's own, in AWS's shape; the reference's example has no deploymentId, AWS's captures do.
  const { deploymentId, resourceId, ...context } = event.requestContext as typeof event.requestContext & { deploymentId: string };
  assert.match(deploymentId, /^[a-z0-9]{6}$/);
  assert.match(String(resourceId), /^[a-z0-9]{6}$/);
  // Key order aside (the REST capture lists fields in another order), every field and value is AWS's.
  assert.deepEqual(JSON.parse(JSON.stringify({ ...event, requestContext: { ...context, resourceId: 'abc123' } })), expected);
});

test('HTTP-30 structured 2.0 results: status, headers, cookies, body, base64', () => {
  assert.deepEqual(proxyResultV2ToResponse({ statusCode: 201, headers: { 'x-a': 1, 'x-b': true }, cookies: ['a=1', 'b=2'], body: 'made' }), {
    statusCode: 201,
    headers: [
      ['x-a', '1'],
      ['x-b', 'true'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ],
    body: Buffer.from('made'),
  });
  assert.deepEqual(proxyResultV2ToResponse({ statusCode: 200, body: 'aGk=', isBase64Encoded: true })?.body, Buffer.from('hi'));
  assert.deepEqual(proxyResultV2ToResponse({ statusCode: 204 }), { statusCode: 204, headers: [], body: Buffer.alloc(0) });
});

test('HTTP-30 inferred 2.0 results: 200 JSON; strings as they are; null as the text null // spec: unverified', () => {
  const inferred = (value: unknown) => {
    const response = proxyResultV2ToResponse(value);
    return [response?.statusCode, response?.headers, response?.body.toString()];
  };
  assert.deepEqual(inferred({ message: 'hi' }), [200, [['content-type', 'application/json']], '{"message":"hi"}']);
  assert.deepEqual(inferred('Hello'), [200, [['content-type', 'application/json']], 'Hello']);
  assert.deepEqual(inferred(null), [200, [['content-type', 'application/json']], 'null']);
  assert.deepEqual(inferred([1, 2]), [200, [['content-type', 'application/json']], '[1,2]']);
});

test('HTTP-30 malformed structured results are refused', () => {
  for (const result of [
    { statusCode: '200' },
    { statusCode: 200.5 },
    { statusCode: 200, body: {} },
    { statusCode: 200, headers: { a: {} } },
    { statusCode: 200, cookies: 'a=1' },
  ]) {
    assert.equal(proxyResultV2ToResponse(result), undefined, JSON.stringify(result));
  }
});

test('HTTP-31 1.0 results: multiValueHeaders win over headers; anything but an object with statusCode is refused', () => {
  assert.deepEqual(proxyResultV1ToResponse({ statusCode: 200, headers: { a: '1', b: '2' }, multiValueHeaders: { b: ['x', 'y'] }, body: 'ok' }), {
    statusCode: 200,
    headers: [
      ['a', '1'],
      ['b', 'x'],
      ['b', 'y'],
    ],
    body: Buffer.from('ok'),
  });
  assert.equal(proxyResultV1ToResponse('ok'), undefined);
  assert.equal(proxyResultV1ToResponse({ body: 'no status' }), undefined);
});

const cors = {
  allowOrigins: ['https://app.example.com', 'http://*'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type'],
  exposeHeaders: ['x-total'],
  allowCredentials: true,
  maxAgeSeconds: 300,
};

test('HTTP-50 origins: exact (case-insensitive), scheme wildcard, *', () => {
  assert.equal(originAllowed(cors, 'https://app.example.com'), true);
  assert.equal(originAllowed(cors, 'HTTPS://APP.EXAMPLE.COM'), true);
  assert.equal(originAllowed(cors, 'http://localhost:8100'), true);
  assert.equal(originAllowed(cors, 'https://evil.example.com'), false);
  assert.equal(originAllowed({ ...cors, allowOrigins: ['*'] }, 'https://anything'), true);
});

test('HTTP-51 the preflight answer; no access-control headers for an origin that is not allowed // spec: unverified', () => {
  assert.deepEqual(preflightResponse(cors, 'https://app.example.com', 'content-type'), {
    statusCode: 204,
    headers: [
      ['access-control-allow-origin', 'https://app.example.com'],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', 'GET,POST'],
      ['access-control-allow-headers', 'content-type'],
      ['access-control-max-age', '300'],
      ['vary', 'origin'],
    ],
    body: Buffer.alloc(0),
  });
  assert.deepEqual(preflightResponse(cors, 'https://evil.example.com', undefined).headers, []);
  const star = { ...cors, allowOrigins: ['*'], allowCredentials: false, allowHeaders: ['*'] };
  assert.deepEqual(preflightResponse(star, 'https://x.test', 'x-custom,content-type').headers.slice(0, 3), [
    ['access-control-allow-origin', '*'],
    ['access-control-allow-methods', 'GET,POST'],
    ['access-control-allow-headers', 'x-custom,content-type'],
  ]);
});

test('HTTP-52 actual requests: configured headers added, the integration own CORS headers dropped', () => {
  const response = {
    statusCode: 200,
    headers: [
      ['access-control-allow-origin', 'https://wrong'],
      ['x-a', '1'],
    ] as Array<[string, string]>,
    body: Buffer.from('x'),
  };
  assert.deepEqual(applyCors(cors, 'https://app.example.com', response).headers, [
    ['x-a', '1'],
    ['access-control-allow-origin', 'https://app.example.com'],
    ['access-control-allow-credentials', 'true'],
    ['access-control-expose-headers', 'x-total'],
    ['vary', 'origin'],
  ]);
  assert.deepEqual(applyCors(cors, undefined, response).headers, [['x-a', '1']]);
});

test('HTTP-21 query entries without anything to decode are split as URLSearchParams splits them', () => {
  for (const query of ['a=1', 'a', 'a=', '=b', 'a=1&&b=2', 'a=1&a=2', '&', 'a==b', 'a=1&b', 'a=%20', 'a+b=c+d', 'k=%E2%82%AC&x=1']) {
    assert.deepEqual(queryEntries(query), [...new URLSearchParams(query)], query);
  }
  assert.deepEqual(queryEntries(''), []);
});

const HTTP_MAPS = ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables'];

test('HTTP-20 the payload 2.0 event has the key set, key order, JSON types and literals of an AWS capture (aws-lambda-go)', () => {
  const event = requestToProxyEventV2(
    { ...curlRequest, method: 'GET', rawPath: '/', rawQuery: '', rawHeaders: ['Host', 'h', 'User-Agent', 'curl/7.58.0', 'Accept', '*/*'], body: undefined },
    { ...api, stageVariables: undefined },
    '$default',
    undefined,
  );
  const literals = ['version', 'routeKey', 'requestContext.routeKey', 'requestContext.stage', 'requestContext.http.protocol', 'isBase64Encoded'];
  // The capture is of an API with mutual TLS, whose events carry the client certificate.
  const captured = capturedEvent('aws-lambda-go/apigw-v2-request-no-authorizer.json');
  assert.deepEqual(shapeDifferences(event, captured, { maps: HTTP_MAPS, literals }), ['requestContext.authentication: missing here']);
  const capturedOrder = keyPaths(captured, { maps: HTTP_MAPS }).filter((path) => !path.startsWith('requestContext.authentication'));
  assert.deepEqual(keyPaths(event, { maps: HTTP_MAPS }), capturedOrder);
});

test('REST-1 the REST proxy event has the key set, JSON types and literals of an AWS capture (Powertools)', () => {
  const request: HttpRequestFacts = {
    ...curlRequest,
    rawPath: '/prod/no-auth',
    rawQuery: '',
    rawHeaders: ['Host', 'puhdx84jy9.execute-api.eu-west-1.amazonaws.com', 'User-Agent', 'HTTPie/3.2.2', 'Accept', '*/*'],
    body: undefined,
  };
  const event = requestToProxyEventV1(request, { ...api, stage: 'prod', stageVariables: undefined }, undefined, {
    lowercaseHeaders: false,
    version: false,
    resource: '/no-auth',
    path: '/no-auth',
    requestId: 'f88e38e3-2060-4a56-93c0-9efbc6a659a0',
  });
  const literals = ['requestContext.protocol', 'requestContext.stage', 'requestContext.path', 'isBase64Encoded'];
  assert.deepEqual(shapeDifferences(event, capturedEvent('powertools/apigw-rest-no-auth.json'), { maps: HTTP_MAPS, literals }), []);
});
