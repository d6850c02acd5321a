/** Gateway options: defaults and validation of the ones with structure. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGatewayOptions } from './options.ts';

test('inspect: off by default; host and port default to 127.0.0.1:9229; a bad port or host is an option error', () => {
  assert.equal(parseGatewayOptions({}).inspect, undefined);
  assert.deepEqual(parseGatewayOptions({ inspect: {} }).inspect, { host: '127.0.0.1', port: 9229 });
  assert.deepEqual(parseGatewayOptions({ inspect: { host: '0.0.0.0', port: 0 } }).inspect, { host: '0.0.0.0', port: 0 });
  assert.throws(() => parseGatewayOptions({ inspect: { port: 70_000 } }), { message: 'option inspect.port: expected an integer from 0 to 65535, got 70000' });
  assert.throws(() => parseGatewayOptions({ inspect: { host: '' } }), { message: 'option inspect.host: expected a host name or address, got ""' });
  assert.throws(() => parseGatewayOptions({ inspect: true as never }), { message: 'option inspect: expected { host?, port? }, got true' });
});

test('connectionLimits: defaults, overrides one by one, and bad values as option errors', () => {
  assert.deepEqual(parseGatewayOptions({}).connectionLimits, {
    firstByteTimeoutMs: 10_000,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    tlsHandshakeTimeoutMs: 10_000,
    maxConnectionsPerPort: 4096,
  });
  assert.equal(parseGatewayOptions({ connectionLimits: { maxConnectionsPerPort: 8 } }).connectionLimits.maxConnectionsPerPort, 8);
  assert.throws(() => parseGatewayOptions({ connectionLimits: { firstByteTimeoutMs: 0 } }), {
    message: 'option connectionLimits.firstByteTimeoutMs: expected a positive integer, got 0',
  });
  assert.throws(() => parseGatewayOptions({ connectionLimits: { idleMs: 5 } as never }), {
    message:
      'option connectionLimits.idleMs: expected one of firstByteTimeoutMs, headersTimeoutMs, requestTimeoutMs, tlsHandshakeTimeoutMs, maxConnectionsPerPort, got "idleMs"',
  });
  assert.throws(() => parseGatewayOptions({ connectionLimits: { headersTimeoutMs: 70_000 } }), {
    message: 'option connectionLimits.headersTimeoutMs: expected at most requestTimeoutMs (60000), got 70000',
  });
});

test('environmentMemoryBudgetMb: 768 by default; below 128 or not an integer is an option error; the runner defaults to child-process', () => {
  assert.equal(parseGatewayOptions({}).environmentMemoryBudgetMb, 768);
  assert.equal(parseGatewayOptions({ environmentMemoryBudgetMb: 4096 }).environmentMemoryBudgetMb, 4096);
  assert.throws(() => parseGatewayOptions({ environmentMemoryBudgetMb: 64 }), {
    message: 'option environmentMemoryBudgetMb: expected an integer of at least 128 (MB), got 64',
  });
  assert.throws(() => parseGatewayOptions({ environmentMemoryBudgetMb: 512.5 }), {
    message: 'option environmentMemoryBudgetMb: expected an integer of at least 128 (MB), got 512.5',
  });
  assert.equal(parseGatewayOptions({}).runner, 'child-process');
});

test('allowRemoteManagement, hostAliases and isTrustedClient are checked; by default other machines are not trusted', () => {
  const parsed = parseGatewayOptions();
  assert.equal(parsed.allowRemoteManagement, false);
  assert.deepEqual(parsed.hostAliases, []);
  assert.equal(parsed.isTrustedClient('127.0.0.1'), true);
  assert.equal(parsed.isTrustedClient('203.0.113.9'), false);
  assert.throws(() => parseGatewayOptions({ allowRemoteManagement: 'yes' as unknown as boolean }), {
    message: 'option allowRemoteManagement: expected true or false, got "yes"',
  });
  assert.throws(() => parseGatewayOptions({ hostAliases: ['devbox.local:3001'] }), {
    message: 'option hostAliases: expected an array of host names or addresses without a port, got ["devbox.local:3001"]',
  });
  assert.throws(() => parseGatewayOptions({ isTrustedClient: true as unknown as () => boolean }), {
    message: 'option isTrustedClient: expected a function (address) => boolean, got "boolean"',
  });
});
