/** Lambda's Invoke API on the gateway, driven by the real @aws-sdk/client-lambda; what the SDK would never send, in memory through `gateway.fetch`. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import probe from '../fixtures/services/probe/hoplite.config.ts';
import { type StartedGateway, startGateway } from '../helpers/gateway.ts';

let started: StartedGateway;
let lambda: LambdaClient;
const decode = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

before(async () => {
  started = await startGateway(null, probe);
  lambda = new LambdaClient({
    endpoint: started.urls.lambdaEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
});
after(async () => {
  lambda.destroy();
  await started.gateway.dispose();
});

test('RequestResponse returns the payload; LogType Tail returns the invocation log, base64', async () => {
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"body":"hi"}'), LogType: 'Tail' }));
  assert.equal(output.StatusCode, 200);
  assert.equal(output.FunctionError, undefined);
  assert.equal(output.ExecutedVersion, '$LATEST');
  assert.deepEqual(JSON.parse(decode(output.Payload)), { statusCode: 200, body: 'hi' });
  const log = Buffer.from(output.LogResult ?? '', 'base64')
    .toString('utf8')
    .trimEnd()
    .split('\n');
  assert.match(log[0] ?? '', /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
  assert.match(log.at(-2) ?? '', /^END RequestId: /);
  assert.match(log.at(-1) ?? '', /^REPORT RequestId: .*\tDuration: /);
});

test('a function error is 200 with X-Amz-Function-Error and the error JSON; the handler console lines are in the tail', async () => {
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'fails', Payload: Buffer.from('{}'), LogType: 'Tail' }));
  assert.equal(output.FunctionError, 'Unhandled');
  const error = JSON.parse(decode(output.Payload));
  assert.deepEqual([error.errorType, error.errorMessage], ['TypeError', 'boom']);
  assert.ok(Array.isArray(error.trace));
  const log = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
  assert.match(log, /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom"/);
  const disconnect = await lambda.send(
    new InvokeCommand({
      FunctionName: 'disconnect',
      Payload: Buffer.from(JSON.stringify({ requestContext: { connectionId: 'X', disconnectStatusCode: 1000 } })),
      LogType: 'Tail',
    }),
  );
  assert.match(Buffer.from(disconnect.LogResult ?? '', 'base64').toString('utf8'), /\tINFO\tdisconnect X 1000\n/);
});

test('a function timeout is a function error with Lambda wording', async () => {
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'hang', Payload: Buffer.from('{"body":"{\\"ms\\":5000}"}') }));
  assert.equal(output.FunctionError, 'Unhandled');
  const error = JSON.parse(decode(output.Payload));
  assert.equal(error.errorType, 'Sandbox.Timedout');
  assert.match(error.errorMessage, /Task timed out after 1\.00 seconds$/);
});

test('Event invocations are accepted with 202, DryRun with 204; full ARNs name functions too', async () => {
  const event = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{}') }));
  assert.equal(event.StatusCode, 202);
  const dry = await lambda.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:echo', InvocationType: 'DryRun' }));
  assert.equal(dry.StatusCode, 204);
});

test('an unknown function is ResourceNotFoundException; a payload that is not JSON InvalidRequestContentException', async () => {
  const missing = (await lambda.send(new InvokeCommand({ FunctionName: 'nope' })).catch((error: Error) => error)) as Error;
  assert.deepEqual([missing.name, missing.message], ['ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope']);
  const invalid = (await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{nope') })).catch((error: Error) => error)) as Error;
  assert.equal(invalid.name, 'InvalidRequestContentException');
});

test('a throttled function is 429 TooManyRequestsException with the reason; the gateways answer as for a failed Lambda', async (t) => {
  const { fn, service, httpApi } = await import('../../src/index.ts');
  const slow = fn('sleep', { handler: 'handlers.ts#sleep', reservedConcurrency: 1 });
  const api = httpApi({ name: 'h' }).route('GET /slow', slow);
  const { urls, gateway } = await startGateway(
    t,
    service('throttled', { apis: [api], rootDir: new URL('../fixtures/services/http-probe/', import.meta.url).pathname }),
  );
  const client = new LambdaClient({
    endpoint: urls.lambdaEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  t.after(() => client.destroy());
  const busy = gateway.fetch(`${urls.apis[0]?.url}/slow?ms=500`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const throttled = (await client.send(new InvokeCommand({ FunctionName: 'sleep', Payload: Buffer.from('{}') })).catch((error: Error) => error)) as Error & {
    Reason?: string;
  };
  assert.deepEqual(
    [throttled.name, throttled.message, throttled.Reason],
    ['TooManyRequestsException', 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded'],
  );
  const refused = await gateway.fetch(`${urls.apis[0]?.url}/slow?ms=1`);
  assert.deepEqual([refused.status, await refused.text()], [500, '{"message":"Internal Server Error"}']);
  assert.equal((await busy).status, 200);
});

test('RT-10 deeply nested JSON (5000 levels) is InvalidRequestContentException, for Event invocations too (no 202); the API serves on', async () => {
  const deep = Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
  const message =
    'Could not parse request body into json: Could not parse payload into json: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)';
  for (const InvocationType of ['RequestResponse', 'Event'] as const) {
    const refused = (await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType, Payload: deep })).catch((error: Error) => error)) as Error & {
      $metadata: { httpStatusCode?: number };
    };
    assert.deepEqual([refused.name, refused.message, refused.$metadata.httpStatusCode], ['InvalidRequestContentException', message, 400], InvocationType);
  }
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"body":"still"}') }));
  assert.deepEqual(JSON.parse(decode(output.Payload)), { statusCode: 200, body: 'still' });
});

test("RT-11 a function name outside Lambda's FunctionName pattern is 400 ValidationException with Lambda's message", async () => {
  const pattern =
    '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
  for (const [name, path] of [
    ['bad name!', 'bad%20name!'],
    ['echo:v1:extra', 'echo:v1:extra'],
    ['%E0%A4%A', '%E0%A4%A'],
  ]) {
    const response = await started.gateway.fetch(`${started.urls.lambdaEndpoint}/2015-03-31/functions/${path}/invocations`, { method: 'POST', body: '{}' });
    assert.deepEqual(
      [response.status, response.headers.get('x-amzn-errortype'), await response.text()],
      [
        400,
        'ValidationException',
        JSON.stringify({
          message: `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
        }),
      ],
      name,
    );
  }
  const long = `${'a'.repeat(171)}`;
  const tooLong = (await lambda.send(new InvokeCommand({ FunctionName: long })).catch((error: Error) => error)) as Error;
  assert.deepEqual(
    [tooLong.name, tooLong.message],
    [
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 170`,
    ],
  );
});
