import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientCloseCause, GATEWAY_CLOSES } from './close-codes.ts';
import { errorFrame, FRAME_MESSAGES } from './error-frames.ts';

test('WS-52 a client close frame reports its own code and reason', () => {
  assert.deepEqual(clientCloseCause(1001, ''), { code: 1001, reason: '' });
  assert.deepEqual(clientCloseCause(4000, 'bye'), { code: 4000, reason: 'bye' });
});

test('WS-52 a close frame without status reports 1005 with AWS text', () => {
  assert.deepEqual(clientCloseCause(1005, ''), { code: 1005, reason: 'Client-side close frame status not set' });
});

test('WS-52 a vanished client reports 1006 // spec: unverified', () => {
  assert.deepEqual(clientCloseCause(1006, ''), { code: 1006, reason: 'Client closed connection abnormally' });
});

test('WS-52 WS-53 gateway-initiated closes', () => {
  assert.deepEqual(GATEWAY_CLOSES.deletedByBackend, { code: 1000, reason: 'Connection Closed Normally' });
  assert.equal(GATEWAY_CLOSES.messageTooBig.code, 1009);
  assert.equal(GATEWAY_CLOSES.binaryNotSupported.code, 1003);
  assert.equal(GATEWAY_CLOSES.idleTimeout.code, 1001);
  assert.equal(GATEWAY_CLOSES.maxDurationReached.code, 1001);
});

test('WS-25 WS-45 WS-46 error frames are byte-exact', () => {
  assert.equal(
    errorFrame(FRAME_MESSAGES.noRoute, 'Yk3rqdQ2oAMCJ5A=', 'Yk3s7H2HoAMFZEQ='),
    '{"message": "Forbidden", "connectionId":"Yk3rqdQ2oAMCJ5A=", "requestId":"Yk3s7H2HoAMFZEQ="}',
  );
  assert.equal(errorFrame(FRAME_MESSAGES.handlerError, 'a', 'b'), '{"message": "Internal server error", "connectionId":"a", "requestId":"b"}');
  assert.equal(errorFrame(FRAME_MESSAGES.integrationTimeout, 'a', 'b'), '{"message": "Endpoint request timed out", "connectionId":"a", "requestId":"b"}');
});
