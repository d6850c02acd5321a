import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { capturedEvent, keyPaths, shapeDifferences } from '../../test/helpers/event-shape.ts';
import { type ConnectionFacts, connectEvent, disconnectEvent, messageEvent, parseQuery } from './events.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/aws-events/${name}.json`, import.meta.url), 'utf8'));
}

const facts: ConnectionFacts = {
  connectionId: 'Yk3rqdQ2oAMCJ5A=',
  connectedAt: 1707502303419,
  sourceIp: '198.51.100.7',
  userAgent: undefined,
  domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
  stage: 'dev',
  apiId: 'a1b2c3d4e5',
  stageVariables: undefined,
};

test('WS-30 CONNECT event matches the captured shape byte for byte, hop-by-hop headers dropped', () => {
  const event = connectEvent(
    facts,
    {
      rawHeaders: [
        'Host',
        'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
        'Connection',
        'Upgrade',
        'Upgrade',
        'websocket',
        'Sec-WebSocket-Extensions',
        'permessage-deflate; client_max_window_bits',
        'Sec-WebSocket-Key',
        'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version',
        '13',
      ],
      rawQuery: 'room=lobby&room=main',
      localPort: 443,
      secure: true,
      traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
    },
    'Yk3rqeHsoAMFa7w=',
    1707502303420,
  );
  assert.equal(JSON.stringify(event), JSON.stringify(fixture('websocket-connect')));
});

test('WS-30 no query string means no query maps; WS-33 userAgent is in identity when sent', () => {
  const event = connectEvent(
    { ...facts, userAgent: 'curl/8' },
    { rawHeaders: ['Host', 'h', 'User-Agent', 'curl/8'], rawQuery: '', localPort: 3001, secure: false, traceId: 'Root=1-0-0' },
    'Yk3rqeHsoAMFa7w=',
    1707502303420,
  );
  assert.equal('queryStringParameters' in event, false);
  assert.equal('multiValueQueryStringParameters' in event, false);
  assert.equal('body' in event, false);
  assert.deepEqual(event.requestContext.identity, { sourceIp: '198.51.100.7', userAgent: 'curl/8' });
  assert.equal(event.headers?.['X-Forwarded-Proto'], 'http');
  assert.equal(event.headers?.['X-Forwarded-Port'], '3001');
});

test('WS-30 client-supplied X-Forwarded-* and trace headers are replaced by the gateway own', () => {
  const event = connectEvent(
    facts,
    { rawHeaders: ['X-Forwarded-For', '10.9.9.9', 'x-amzn-trace-id', 'spoofed'], rawQuery: '', localPort: 1, secure: false, traceId: 'Root=1-a-b' },
    'Yk3rqeHsoAMFa7w=',
    1,
  );
  assert.deepEqual(event.multiValueHeaders?.['X-Forwarded-For'], ['198.51.100.7']);
  assert.equal(event.headers?.['x-amzn-trace-id'], undefined);
  assert.equal(event.headers?.['X-Amzn-Trace-Id'], 'Root=1-a-b');
});

test('WS-30 repeated headers: last value in headers, all values in multiValueHeaders', () => {
  const event = connectEvent(facts, { rawHeaders: ['X-A', '1', 'X-A', '2'], rawQuery: '', localPort: 1, secure: false, traceId: 't' }, 'Yk3rqeHsoAMFa7w=', 1);
  assert.equal(event.headers?.['X-A'], '2');
  assert.deepEqual(event.multiValueHeaders?.['X-A'], ['1', '2']);
});

test('WS-30 query values are URL-decoded; repeated keys keep the last value', () => {
  assert.deepEqual(parseQuery('a=1&a=2&b=x%20y&c'), { single: { a: '2', b: 'x y', c: '' }, multi: { a: ['1', '2'], b: ['x y'], c: [''] } });
  assert.equal(parseQuery(''), undefined);
});

test('WS-31 MESSAGE event matches the captured shape byte for byte', () => {
  const event = messageEvent(facts, 'sendmessage', '{"action":"sendmessage","data":"hi"}', 'Yk3s7fGSoAMCKug=', 'Yk3s7H2HoAMFZEQ=', 1707502321514);
  assert.equal(JSON.stringify(event), JSON.stringify(fixture('websocket-message')));
});

test('WS-31 body is the exact message text, never re-serialised', () => {
  const text = '{ "action" : "x",\n "n": 1.0 }';
  assert.equal(messageEvent(facts, '$default', text, 'Yk3s7fGSoAMCKug=', 'Yk3s7H2HoAMFZEQ=', 1).body, text);
});

test('WS-32 DISCONNECT event matches the captured shape byte for byte', () => {
  const event = disconnectEvent(facts, 1005, 'Client-side close frame status not set', 'Yk3xOeE8oAMF31w=', 1707503008941);
  assert.equal(JSON.stringify(event), JSON.stringify(fixture('websocket-disconnect')));
});

test('WS-30 stageVariables appear only when the stage defines some', () => {
  const withVariables = { ...facts, stageVariables: { env: 'dev' } };
  assert.deepEqual(messageEvent(withVariables, 'k', 'x', 'Yk3s7fGSoAMCKug=', 'Yk3s7H2HoAMFZEQ=', 1).stageVariables, { env: 'dev' });
  assert.deepEqual(disconnectEvent(withVariables, 1000, '', 'Yk3xOeE8oAMF31w=', 1).stageVariables, { env: 'dev' });
  assert.equal('stageVariables' in messageEvent(facts, 'k', 'x', 'Yk3s7fGSoAMCKug=', 'Yk3s7H2HoAMFZEQ=', 1), false);
});

const WS_MAPS = ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'stageVariables'];
const WS_LITERALS = ['requestContext.routeKey', 'requestContext.eventType', 'requestContext.messageDirection', 'isBase64Encoded'];

test('WS-30 the CONNECT event has the key set and JSON types of a published AWS capture (Powertools)', () => {
  const event = connectEvent(
    facts,
    {
      rawHeaders: ['Host', 'abcdef123.execute-api.us-east-1.amazonaws.com', 'Connection', 'upgrade', 'Upgrade', 'websocket', 'content-length', '0'],
      rawQuery: 'QueryString1=queryValue1',
      localPort: 443,
      secure: true,
      traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5',
    },
    'Yk3rqeHsoAMFa7w=',
    1707502303420,
  );
  // That capture is what a REQUEST authorizer of $connect sees (type, methodArn); its stage has no variables.
  assert.deepEqual(shapeDifferences(event, capturedEvent('powertools/apigw-websocket-connect.json'), { maps: WS_MAPS, literals: WS_LITERALS }), [
    'type: missing here',
    'methodArn: missing here',
    'stageVariables: missing here',
    'body: missing here',
  ]);
});

test('WS-31 the MESSAGE event has the key set, key order, JSON types and literals of an AWS capture (aws-lambda-go)', () => {
  const event = messageEvent({ ...facts, userAgent: 'Mozilla/5.0' }, '$default', '{"a": 1}', 'Yk3s7fGSoAMCKug=', 'Yk3s7H2HoAMFZEQ=', 1707502321514);
  const captured = capturedEvent('aws-lambda-go/apigw-websocket-request-send-message.json');
  assert.deepEqual(shapeDifferences(event, captured, { maps: WS_MAPS, literals: WS_LITERALS }), []);
  assert.deepEqual(keyPaths(event, { maps: WS_MAPS }), keyPaths(captured, { maps: WS_MAPS }));
});

test('WS-32 the DISCONNECT event has the key sets and key order (its fixed headers included), JSON types and literals of an AWS capture (aws-lambda-go)', () => {
  const event = disconnectEvent({ ...facts, userAgent: 'Mozilla/5.0' }, 1001, '', 'Yk3xOeE8oAMF31w=', 1707503008941);
  const captured = capturedEvent('aws-lambda-go/apigw-websocket-request-disconnect.json');
  assert.deepEqual(shapeDifferences(event, captured, { literals: WS_LITERALS }), []);
  assert.deepEqual(keyPaths(event), keyPaths(captured));
});

test('AUTH-8 an accepted API key is in identity on MESSAGE and DISCONNECT as on CONNECT, before userAgent and sourceIp // spec: unverified', () => {
  const keyed: ConnectionFacts = { ...facts, userAgent: 'probe/1', apiKey: { value: 'mobile-key-0123456789', id: 'k1b2c3d4e5' } };
  const identity = { apiKey: 'mobile-key-0123456789', apiKeyId: 'k1b2c3d4e5', userAgent: 'probe/1', sourceIp: '198.51.100.7' };
  const request = { rawHeaders: [], rawQuery: '', localPort: 443, secure: true, traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5' };
  assert.deepEqual(Object.keys(connectEvent(keyed, request, 'r1', 1).requestContext.identity), Object.keys(identity));
  assert.deepEqual(connectEvent(keyed, request, 'r1', 1).requestContext.identity, identity);
  assert.deepEqual(messageEvent(keyed, '$default', '{}', 'm1', 'r2', 2).requestContext.identity, identity);
  assert.deepEqual(disconnectEvent(keyed, 1000, '', 'r3', 3).requestContext.identity, identity);
  const { userAgent: _, ...withoutAgent } = identity;
  assert.deepEqual(messageEvent({ ...keyed, userAgent: undefined }, '$default', '{}', 'm1', 'r2', 2).requestContext.identity, withoutAgent);
});

test('AUTH-7 the signer of an AWS_IAM $connect is in identity on every event, before an API key, userAgent and sourceIp // spec: unverified(order)', () => {
  const iam = { accessKey: 'AKID', accountId: '000000000000', caller: 'AKID', user: 'AKID', userArn: 'arn:aws:iam::000000000000:user/AKID' };
  const signed: ConnectionFacts = { ...facts, userAgent: 'probe/1', iam, apiKey: { value: 'mobile-key-0123456789', id: 'k1b2c3d4e5' } };
  const identity = { ...iam, apiKey: 'mobile-key-0123456789', apiKeyId: 'k1b2c3d4e5', userAgent: 'probe/1', sourceIp: '198.51.100.7' };
  const request = { rawHeaders: [], rawQuery: '', localPort: 443, secure: true, traceId: 'Root=1-65c66a6f-0a1b2c3d4e5f60718293a4b5' };
  assert.deepEqual(Object.keys(connectEvent(signed, request, 'r1', 1).requestContext.identity), Object.keys(identity));
  assert.deepEqual(messageEvent(signed, '$default', '{}', 'm1', 'r2', 2).requestContext.identity, identity);
  assert.deepEqual(disconnectEvent(signed, 1000, '', 'r3', 3).requestContext.identity, identity);
  assert.deepEqual(messageEvent({ ...signed, userAgent: undefined, apiKey: undefined }, '$default', '{}', 'm1', 'r2', 2).requestContext.identity, {
    ...iam,
    sourceIp: '198.51.100.7',
  });
});
