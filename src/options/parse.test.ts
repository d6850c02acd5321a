/** Gateway options: defaults and validation, as the schema declares them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGatewayOptions } from './parse.ts';

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
  assert.throws(() => parseGatewayOptions({ hostAliases: ['devbox.local', 'devbox.local:3001'] }), {
    message: 'option hostAliases[1]: expected a host name or address without a port, got "devbox.local:3001"',
  });
  assert.throws(() => parseGatewayOptions({ hostAliases: 'devbox.local' as never }), {
    message: 'option hostAliases: expected an array of host names or addresses without a port, got "devbox.local"',
  });
  assert.throws(() => parseGatewayOptions({ isTrustedClient: true as unknown as () => boolean }), {
    message: 'option isTrustedClient: expected a function (address) => boolean, got true',
  });
});

test('every default comes from the schema: the parsed options of {} hold each one', () => {
  const { log, clock, ids, isTrustedClient, ...plain } = parseGatewayOptions({});
  assert.deepEqual(plain, {
    host: '127.0.0.1',
    port: 0,
    region: 'us-east-1',
    accountId: '000000000000',
    allowRemoteManagement: false,
    hostAliases: [],
    websocketLimits: {
      maxFrameBytes: 32768,
      maxMessageBytes: 131072,
      idleTimeoutMs: 600000,
      maxConnectionDurationMs: 7200000,
      newConnectionsPerSecond: 500,
      maxUrlLength: 4096,
    },
    connectionLimits: {
      firstByteTimeoutMs: 10000,
      headersTimeoutMs: 10000,
      requestTimeoutMs: 60000,
      tlsHandshakeTimeoutMs: 10000,
      maxConnectionsPerPort: 4096,
    },
    accountConcurrency: 1000,
    parallelColdStarts: 2,
    environmentMemoryBudgetMb: 768,
    idleEnvironmentTtlMs: 600000,
    runner: 'child-process',
    reload: false,
    logFormat: 'text',
    redirectAwsEndpoints: true,
    sourceFile: '(service definition)',
  });
  assert.deepEqual([typeof log.requestLine, typeof clock.now, typeof ids.uuid, typeof isTrustedClient], ['function', 'function', 'function', 'function']);
});

test('every wrong option is one line naming the option, what was given and what is expected', () => {
  assert.throws(
    () =>
      parseGatewayOptions({
        port: 70_000,
        runner: 'thread' as never,
        logFormat: 'xml' as never,
        websocketLimits: { maxFrameBytes: -1, maxFrames: 2 } as never,
        dynamodbEndpoint: 'ftp://user:secret@db.internal',
      }),
    {
      code: 'HOPLITE_ERR_OPTION_INVALID',
      message: [
        'option port: expected an integer from 0 to 65535, got 70000',
        'option dynamodbEndpoint: expected an http:// or https:// URL, got "ftp://***@db.internal"',
        'option websocketLimits.maxFrameBytes: expected a positive integer, got -1',
        'option websocketLimits.maxFrames: expected one of maxFrameBytes, maxMessageBytes, idleTimeoutMs, maxConnectionDurationMs, newConnectionsPerSecond, maxUrlLength, got "maxFrames"',
        'option runner: expected "worker-thread", "child-process", "in-process" or { aws: { region, endpoint, credentials, functionNames } }, got "thread"',
        'option logFormat: expected "text" or "json", got "xml"',
      ].join('\n'),
    },
  );
  assert.throws(() => parseGatewayOptions(null as never), { message: 'options: expected an object of Gateway options, got null' });
});

test('a wrong credentials or tls option never writes the secret it holds into the message', () => {
  assert.throws(() => parseGatewayOptions({ credentials: [{ accessKeyId: 'AKID' }] as never }), {
    message: 'option credentials: expected a non-empty array of { accessKeyId, secretAccessKey }, got an array of 1',
  });
  assert.throws(() => parseGatewayOptions({ credentials: [] }), {
    message: 'option credentials: expected a non-empty array of { accessKeyId, secretAccessKey }, got an array of 0',
  });
  assert.throws(() => parseGatewayOptions({ tls: { key: '-----BEGIN PRIVATE KEY-----' } as never }), {
    message: 'option tls: expected { key, cert } in PEM, got a value of type object',
  });
});

test('the aws runner and a json log format are taken as given; the default log follows logFormat', () => {
  const parsed = parseGatewayOptions({ runner: { aws: { region: 'eu-west-1' } }, logFormat: 'json' });
  assert.deepEqual(parsed.runner, { aws: { region: 'eu-west-1' } });
  assert.equal(parsed.logFormat, 'json');
});
