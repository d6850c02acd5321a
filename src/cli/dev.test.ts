/** `hoplite dev` flags that need more than parseArgs. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ApiEndpoint } from '../gateway.ts';
import { checkDevPorts, parseFunctions, resolveOutput, startDev } from './dev.ts';
import type { CliIo } from './io.ts';

/** The test fixture with a WebSocket, an HTTP and a REST API and a site: 5 ports with its Invoke API; one function, `ok`. */
const FIVE_PORT_SERVICE = fileURLToPath(new URL('../../test/fixtures/services/malformed/hoplite.config.ts', import.meta.url));

function silentIo(): CliIo {
  return { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
}

const service = (name: string, apis: number, sites: number) => ({ name, apis: Array(apis).fill({}), sites: Array(sites).fill({}) });

test('--port too high for the ports a service needs is a usage error naming the count and the last port, not ERR_SOCKET_BAD_PORT', () => {
  assert.doesNotThrow(() => checkDevPorts(65533, [service('todo', 1, 1)]));
  assert.doesNotThrow(() => checkDevPorts(0, [service('todo', 5, 5)]));
  assert.throws(() => checkDevPorts(65534, [service('todo', 1, 1)]), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message:
      '--port 65534: the service todo needs 3 consecutive ports from 65534 (APIs, sites, then a Lambda Invoke API per service) and the last would be 65536, past 65535; choose --port 65533 or lower, or --port 0 for free ports',
  });
  assert.throws(() => checkDevPorts(65530, [service('chat', 1, 0), service('todo', 1, 1), service('rest', 1, 0)]), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message:
      '--port 65530: the services chat, todo, rest need 7 consecutive ports from 65530 (APIs, sites, then a Lambda Invoke API per service) and the last would be 65536, past 65535; choose --port 65529 or lower, or --port 0 for free ports',
  });
});

test('hoplite dev --port 65534 on a service that needs 5 ports stops with the usage error before anything listens', async () => {
  await assert.rejects(startDev(['--port', '65534', FIVE_PORT_SERVICE], silentIo(), process.cwd()), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message:
      '--port 65534: the service malformed needs 5 consecutive ports from 65534 (APIs, sites, then a Lambda Invoke API per service) and the last would be 65538, past 65535; choose --port 65531 or lower, or --port 0 for free ports',
  });
});

test('--functions with a name no service defines is a usage error naming the known functions, instead of silently hiding every log', async () => {
  const models = [{ functions: [{ name: 'connectWorld' }, { name: 'sendMessage' }] }, { functions: [{ name: 'todo' }] }];
  assert.equal(parseFunctions(undefined, models), undefined);
  assert.deepEqual(parseFunctions('todo, sendMessage', models), ['todo', 'sendMessage']);
  assert.throws(() => parseFunctions('todo,nosuch,other', models), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message: '--functions: no function named "nosuch", "other"; the functions are connectWorld, sendMessage, todo',
  });
  assert.throws(() => parseFunctions(' , ', models), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message: '--functions: expected function names separated by commas, got " , "; the functions are connectWorld, sendMessage, todo',
  });
  await assert.rejects(startDev(['--port', '0', '--functions', 'nosuch', FIVE_PORT_SERVICE], silentIo(), process.cwd()), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message: '--functions: no function named "nosuch"; the functions are ok',
  });
});

test("an output resolves as a deployment's would: an API's URL output is its wss:// or https:// endpoint, a literal itself", () => {
  const apis: ApiEndpoint[] = [
    {
      name: 'sample',
      protocol: 'WEBSOCKET',
      apiId: 'abcdefghij',
      stage: 'v1',
      port: 3001,
      url: 'ws://127.0.0.1:3001/v1',
      secureUrl: 'wss://127.0.0.1:3001/v1',
    },
    { name: 'todo', protocol: 'HTTP', apiId: 'klmnopqrst', stage: 'v1', port: 3003, url: 'http://127.0.0.1:3003/v1', secureUrl: 'https://127.0.0.1:3003/v1' },
  ];
  assert.deepEqual(
    [
      resolveOutput({ name: 'APIGatewayURL', description: 'API Gateway Websocket URL', value: { kind: 'websocket-url', api: 'sample' } }, apis),
      resolveOutput({ name: 'TodoURL', description: 'the todo API', value: { kind: 'http-url', api: 'todo' } }, apis),
      resolveOutput({ name: 'Region', description: 'where it runs', value: { kind: 'literal', value: 'us-east-1' } }, apis),
    ],
    ['wss://127.0.0.1:3001/v1', 'https://127.0.0.1:3003/v1', 'us-east-1'],
  );
});
