/** The runner's conformance suite: the Lambda handler contract, run in real worker threads on real bundles. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LAMBDA_TUNING } from '../../test/helpers/lambda-tuning.ts';
import { HopliteError } from '../errors.ts';
import { lambdaIntegration } from '../integrations/lambda.ts';
import { systemClock } from '../internal/clock.ts';
import { systemIds } from '../internal/ids.ts';
import { memoryLog } from '../internal/log.ts';
import { ManualClock } from '../internal/manual-clock.ts';
import { generateLocalCertificate } from '../internal/tls.ts';
import type { FunctionModel } from '../model/types.ts';
import { type InvocationOutcome, type Invoker, RESPONSE_TOO_LARGE } from './invoker.ts';
import { RUNNERS, type RunnerName } from './runners/index.ts';
import { createLambdaService } from './service.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/handlers', import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fn(name: string, exportName: string, extra: Partial<FunctionModel> = {}): FunctionModel {
  return { name, handler: `lambda.ts#${exportName}`, timeoutSeconds: 3, memoryMb: 256, environment: {}, policies: [], ...extra };
}

async function service(
  functions: FunctionModel[],
  options: {
    runner: RunnerName;
    rootDir?: string;
    trustedCertificates?: string[];
    accountConcurrency?: number;
    idleEnvironmentTtlMs?: number;
    /** A log that wants no function lines, as `--quiet` gives. */
    quiet?: boolean;
  },
) {
  const log = options.quiet ? { ...memoryLog(), wantsFunctionLines: () => false } : memoryLog();
  // Environments start and run for real; timeouts and idle reclaim wait for the test to move this clock.
  const clock = new ManualClock();
  const rootDir = options.rootDir ?? fixtures;
  const buildDir = await mkdtemp(join(rootDir, '.hoplite-test-'));
  const invoker = await createLambdaService({
    ...DEFAULT_LAMBDA_TUNING,
    functions,
    rootDir,
    buildDir,
    platformEnvironment: { AWS_REGION: 'eu-west-1', SHARED: 'platform', HOPLITE_ACCOUNT_ID: '123456789012' },
    trustedCertificates: options.trustedCertificates ?? [],
    log,
    clock,
    ids: systemIds,
    accountConcurrency: options.accountConcurrency ?? 1000,
    idleEnvironmentTtlMs: options.idleEnvironmentTtlMs ?? 600_000,
    runner: options.runner,
  }).catch(async (error) => {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  });
  const dispose = async () => {
    await invoker.dispose();
    await rm(buildDir, { recursive: true, force: true });
  };
  return { invoker, log, clock, dispose, lines: (name: string) => log.functionLines.filter((entry) => entry.functionName === name).map((entry) => entry.line) };
}

/**
 * Resolves once `count` timers wait on the clock: an invocation's timeout is set once its environment has started,
 * which takes real time (a cold start). Polling for it is not waiting for the timeout.
 */
async function timersPending(clock: ManualClock, count: number): Promise<void> {
  const startedAt = Date.now();
  while (clock.pendingTimers < count) {
    if (Date.now() - startedAt > 10_000) assert.fail(`${clock.pendingTimers} timers pending after 10 s, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function ok(outcome: InvocationOutcome): unknown {
  assert.equal(outcome.kind, 'ok', JSON.stringify(outcome));
  return (outcome as { payload: unknown }).payload;
}

/** What the in-process runner deliberately does not do (docs/decisions/0004-in-process-runner.md). */
const IN_PROCESS_DIFFERS = {
  emptyEventLoop: "the gateway's event loop is never empty: a callback answers at once",
  memory: 'environments share the gateway heap: memorySize is not enforced',
};

/** What the worker-thread runner cannot hold (docs/decisions/0007-child-processes-hold-memory-size.md). */
const WORKER_THREAD_DIFFERS = "one allocation past a worker's heap limit aborts the whole process, and Buffers are outside that limit";

/** One reproduction of a large allocation, run in a process of its own: failing, it would end the gateway process. */
async function largeAllocation(runner: RunnerName, exportName: string): Promise<{ code: number | null; outcomes: unknown[] }> {
  const script = fileURLToPath(new URL('../../test/fixtures/memory/large-allocations.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script, runner, exportName], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    code,
    outcomes: stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

/** Every large-allocation reproduction ends as this: only the hog's environment, each time, and the gateway lives. */
const ONLY_THAT_ENVIRONMENT = {
  code: 0,
  outcomes: [
    { name: 'counter', kind: 'ok', payload: 1 },
    { name: 'hog', kind: 'crash', error: 'Runtime.OutOfMemory' },
    { name: 'counter', kind: 'ok', payload: 2 },
    { name: 'hog', kind: 'crash', error: 'Runtime.OutOfMemory' },
  ],
};

const LARGE_ALLOCATIONS: Array<[string, string]> = [
  ['new Array(40_000_000).fill(0.5) with memoryMb 128', 'bigArray'],
  ["a 'x'.repeat(300 MB) body with memoryMb 128", 'bigString'],
  ['a 50 MB body with memoryMb 128', 'bigResult'],
  ['256 MB of Buffers with memoryMb 128 (outside the heap)', 'bigBuffers'],
];

// One conformance suite for every runner.
for (const runner of Object.keys(RUNNERS) as RunnerName[]) {
  describe(runner, () => {
    describe('the handler contract', () => {
      let invoker: Invoker;
      let lines: (name: string) => string[];
      let dispose: () => Promise<void>;

      before(async () => {
        ({ invoker, lines, dispose } = await service(
          [
            fn('ok', 'ok', { environment: { ONLY_HERE: 'yes', SHARED: 'function' } }),
            fn('other', 'ok'),
            fn('throws', 'throws'),
            fn('rejects', 'rejects'),
            fn('throwsString', 'throwsString'),
            fn('callback', 'callback'),
            fn('callbackError', 'callbackError'),
            fn('counter', 'counter'),
            fn('context', 'context', { timeoutSeconds: 7 }),
            fn('logs', 'logs'),
            fn('undefined', 'returnsUndefined'),
          ],
          { runner },
        ));
      });
      after(() => dispose());

      test('GEN-12 a result goes through a JSON round trip; each invocation has a fresh UUID request id', async () => {
        const first = await invoker.invoke('ok', { a: [1, 'two'], d: undefined });
        assert.deepEqual(ok(first), { echo: { a: [1, 'two'] }, only: 'yes', shared: 'function' });
        const second = await invoker.invoke('ok', {});
        assert.match(first.requestId, UUID);
        assert.notEqual(first.requestId, second.requestId);
        assert.equal(ok(await invoker.invoke('undefined', {})), null);
      });

      test('RT-10 deeply nested JSON (5000 levels) is refused as InvalidRequestContentException before any environment; the function serves on', async () => {
        const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`);
        const refused = await invoker.invoke('ok', deep);
        assert.deepEqual(
          [refused.kind, (refused as { error: unknown }).error],
          [
            'rejected',
            {
              errorType: 'InvalidRequestContentException',
              errorMessage:
                'Could not parse request body into json: Could not parse payload into json: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
              trace: [],
            },
          ],
        );
        // At Lambda's limit the event still goes through, and the same environment answers.
        const atLimit = JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`);
        assert.deepEqual((ok(await invoker.invoke('ok', atLimit)) as { echo: unknown }).echo, atLimit);
        assert.deepEqual(ok(await invoker.invoke('ok', {})), { echo: {}, only: 'yes', shared: 'function' });
      });

      test('RT-10 an event that cannot be cloned (a function) fails that invocation only, as a payload Lambda cannot parse', async () => {
        const outcome = await invoker.invoke('ok', { f: () => 1 });
        if (runner === 'in-process') {
          // Nothing crosses a channel in process: the result's JSON round trip drops the function, as Lambda's would.
          assert.deepEqual(ok(outcome), { echo: {}, only: 'yes', shared: 'function' });
        } else {
          assert.equal(outcome.kind, 'error');
          const { error } = outcome as { error: { errorType: string; errorMessage: string } };
          assert.equal(error.errorType, 'InvalidRequestContentException');
          assert.match(error.errorMessage, /^Could not parse request body into json: .*could not be cloned/);
        }
        assert.deepEqual(ok(await invoker.invoke('ok', {})), { echo: {}, only: 'yes', shared: 'function' });
      });

      test("each function has its own process.env; the host's is untouched", async () => {
        assert.deepEqual(ok(await invoker.invoke('other', {})), { echo: {}, only: null, shared: 'platform' });
        assert.equal(process.env.ONLY_HERE, undefined);
        assert.equal(process.env.SHARED, undefined);
      });

      test('GEN-10 a thrown error, a rejection and a callback error are function errors in Lambda shape', async () => {
        const thrown = await invoker.invoke('throws', {});
        assert.equal(thrown.kind, 'error');
        assert.equal((thrown as { error: { errorType: string } }).error.errorType, 'TypeError');
        assert.equal((thrown as { error: { errorMessage: string } }).error.errorMessage, 'bad input');
        assert.match((thrown as { error: { trace: string[] } }).error.trace[0] ?? '', /^TypeError: bad input/);
        const rejected = await invoker.invoke('rejects', {});
        assert.deepEqual([rejected.kind, (rejected as any).error.errorType, (rejected as any).error.errorMessage], ['error', 'RangeError', 'nope']);
        const plain = await invoker.invoke('throwsString', {});
        assert.deepEqual((plain as any).error, { errorType: 'string', errorMessage: 'plain text', trace: [] });
        const viaCallback = await invoker.invoke('callbackError', {});
        assert.deepEqual([viaCallback.kind, (viaCallback as any).error.errorMessage], ['error', 'callback failed']);
        assert.ok(
          lines('throws').some((line) =>
            /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad input","stack":\["TypeError: bad input/.test(line),
          ),
        );
      });

      test('callbackWaitsForEmptyEventLoop: a callback handler answers once its pending work is done, unless set to false', async (t) => {
        if (runner === 'in-process') return t.skip(IN_PROCESS_DIFFERS.emptyEventLoop);
        const { invoker: waiting, lines: waitingLines, dispose } = await service([fn('pending', 'callbackWithPendingWork')], { runner });
        t.after(dispose);
        let started = Date.now();
        assert.equal(ok(await waiting.invoke('pending', {})), 'answered');
        assert.ok(Date.now() - started >= 240, 'the answer waited for the timer');
        assert.ok(waitingLines('pending').some((line) => line.endsWith('\tINFO\tpending work done after 250+ ms')));
        started = Date.now();
        assert.equal(ok(await waiting.invoke('pending', { noWait: true })), 'answered');
        assert.ok(Date.now() - started < 200, 'the answer did not wait');
      });

      test('callback handlers return through the callback', async () => {
        assert.deepEqual(ok(await invoker.invoke('callback', {})), { via: 'callback' });
      });

      test('module state lives as long as its environment: warm invocations share it, Init Duration only on the cold one', async () => {
        assert.equal(ok(await invoker.invoke('counter', {})), 1);
        assert.equal(ok(await invoker.invoke('counter', {})), 2);
        const reports = lines('counter').filter((line) => line.startsWith('REPORT'));
        assert.equal(reports.length, 2);
        assert.match(
          reports[0] ?? '',
          /^REPORT RequestId: \S+\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms$/,
        );
        assert.doesNotMatch(reports[1] ?? '', /Init Duration/);
      });

      test('the context is complete and getRemainingTimeInMillis counts down from the timeout', async () => {
        const outcome = await invoker.invoke('context', {});
        const context = ok(outcome) as any;
        assert.equal(context.functionName, 'context');
        assert.equal(context.functionVersion, '$LATEST');
        assert.equal(context.invokedFunctionArn, 'arn:aws:lambda:eu-west-1:123456789012:function:context');
        assert.equal(context.memoryLimitInMB, '256');
        assert.equal(context.awsRequestId, outcome.requestId);
        assert.equal(context.logGroupName, '/aws/lambda/context');
        assert.match(context.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
        assert.equal(context.env.AWS_LAMBDA_LOG_STREAM_NAME, context.logStreamName);
        assert.equal(context.callbackWaitsForEmptyEventLoop, true);
        assert.ok(context.first <= 7000 && context.first > 6000, String(context.first));
        assert.ok(context.first - context.second >= 45, `${context.first} then ${context.second}`);
        assert.deepEqual(
          { ...context.env, AWS_LAMBDA_LOG_STREAM_NAME: undefined },
          {
            AWS_LAMBDA_FUNCTION_NAME: 'context',
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
            AWS_REGION: 'eu-west-1',
            AWS_LAMBDA_LOG_STREAM_NAME: undefined,
          },
        );
      });

      test('console output becomes Lambda log lines between START and END, with time, request id and level', async () => {
        const outcome = await invoker.invoke('logs', {});
        const id = outcome.requestId;
        const logged = lines('logs');
        assert.equal(logged[0], `START RequestId: ${id} Version: $LATEST`);
        assert.match(logged[1] ?? '', new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${id}\\tINFO\\thello \\{ a: 1 \\}$`));
        assert.match(logged[2] ?? '', new RegExp(`\\t${id}\\tERROR\\tsomething bad$`));
        assert.match(logged[3] ?? '', new RegExp(`\\t${id}\\tWARN\\tcareful$`));
        assert.equal(logged[4], 'raw line');
        assert.equal(logged[5], `END RequestId: ${id}`);
        assert.match(logged[6] ?? '', new RegExp(`^REPORT RequestId: ${id}\\t`));
      });
    });

    describe('failures that end an environment', () => {
      test('GEN-10 GEN-11 a timeout stops the code at timeoutSeconds; the next invocation gets a fresh environment', async (t) => {
        const { invoker, lines, clock, dispose } = await service([fn('hang', 'hang', { timeoutSeconds: 1 }), fn('counter', 'counter', { timeoutSeconds: 1 })], {
          runner,
        });
        t.after(dispose);
        for (const round of ['first', 'again']) {
          let settled = false;
          const invocation = invoker.invoke('hang', {}).finally(() => {
            settled = true;
          });
          await timersPending(clock, 1);
          await clock.advance(999);
          assert.equal(settled, false, `${round}: still running a millisecond before the timeout`);
          await clock.advance(1);
          const outcome = await invocation;
          assert.equal(outcome.kind, 'timeout');
          assert.equal((outcome as any).error.errorType, 'Sandbox.Timedout');
          assert.match((outcome as any).error.errorMessage, /Task timed out after 1\.00 seconds$/);
          assert.ok(lines('hang').some((line) => line.endsWith(`${outcome.requestId} Task timed out after 1.00 seconds`)));
        }
        assert.equal(lines('hang').filter((line) => line.includes('Init Duration')).length, 2, 'each timeout leaves a cold start behind');
      });

      test('GEN-11 an integration timeout shorter than the function timeout answers first; the function is stopped at its own, its result discarded', async (t) => {
        const { invoker, lines, clock, dispose } = await service([fn('hang', 'hang', { timeoutSeconds: 2 })], { runner });
        t.after(dispose);
        let invocation: Promise<InvocationOutcome> | undefined;
        const watched: Invoker = {
          ...invoker,
          invoke: (name, event) => {
            invocation = invoker.invoke(name, event);
            return invocation;
          },
        };
        const integration = lambdaIntegration({ type: 'AWS_PROXY', invoker: watched, functionName: 'hang', timeoutMs: 500, clock });
        let functionSettled = false;
        const call = integration.call({});
        void invocation?.finally(() => {
          functionSettled = true;
        });
        // The integration's timer, then the function's once its environment has started.
        await timersPending(clock, 2);
        await clock.advance(500);
        assert.deepEqual(await call, { kind: 'timed-out' });
        assert.equal(functionSettled, false, 'the function runs on past the integration timeout');
        await clock.advance(1_500);
        assert.equal((await invocation)?.kind, 'timeout');
        assert.ok(lines('hang').some((line) => line.endsWith('Task timed out after 2.00 seconds')));
      });

      test('GEN-10 process.exit and an uncaught exception end only that environment', async (t) => {
        const { invoker, dispose } = await service([fn('exits', 'exits'), fn('crashesLater', 'crashesLater'), fn('counter', 'counter')], { runner });
        t.after(dispose);
        assert.equal(ok(await invoker.invoke('counter', {})), 1);
        const exited = await invoker.invoke('exits', {});
        assert.equal(exited.kind, 'crash');
        assert.equal((exited as any).error.errorType, 'Runtime.ExitError');
        assert.match((exited as any).error.errorMessage, /exit status 3/);
        const uncaught = await invoker.invoke('crashesLater', {});
        assert.equal(uncaught.kind, 'crash');
        assert.equal((uncaught as any).error.errorMessage, 'uncaught in a timer');
        assert.equal(ok(await invoker.invoke('counter', {})), 2, 'other functions keep their warm environment');
        assert.equal((await invoker.invoke('exits', {})).kind, 'crash', 'and the crashed function starts afresh');
      });

      test('memorySize bounds the heap: a handler that exceeds it ends its environment with Runtime.OutOfMemory', async (t) => {
        if (runner === 'in-process') return t.skip(IN_PROCESS_DIFFERS.memory);
        const { invoker, dispose } = await service([fn('hog', 'exhaustMemory', { memoryMb: 128 }), fn('counter', 'counter')], { runner });
        t.after(dispose);
        assert.equal(ok(await invoker.invoke('counter', {})), 1);
        const outcome = await invoker.invoke('hog', {});
        assert.deepEqual([outcome.kind, (outcome as any).error.errorType], ['crash', 'Runtime.OutOfMemory']);
        assert.equal(ok(await invoker.invoke('counter', {})), 2, 'other functions are untouched');
      });

      for (const [reproduction, exportName] of LARGE_ALLOCATIONS) {
        test(`${reproduction}: Runtime.OutOfMemory for that environment only; other functions serve on, the gateway process lives`, async (t) => {
          if (runner === 'in-process') return t.skip(IN_PROCESS_DIFFERS.memory);
          if (runner === 'worker-thread') return t.skip(WORKER_THREAD_DIFFERS);
          assert.deepEqual(await largeAllocation(runner, exportName), ONLY_THAT_ENVIRONMENT);
        });
      }

      test('a 50 MB result is Function.ResponseSizeTooLarge, and only its size reaches the gateway (its heap holds no copy)', async (t) => {
        if (runner === 'in-process') return t.skip('the result is built on the gateway heap itself');
        const rootDir = fileURLToPath(new URL('../../test/fixtures/memory', import.meta.url));
        const { invoker, dispose } = await service([fn('big', 'bigResult', { handler: 'handlers.ts#bigResult', memoryMb: 1024 })], { runner, rootDir });
        t.after(dispose);
        const heapBefore = process.memoryUsage().heapUsed;
        const outcome = await invoker.invoke('big', {});
        const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
        assert.deepEqual(outcome.kind === 'error' && outcome.error, RESPONSE_TOO_LARGE);
        assert.ok(heapGrowthMb < 25, `the gateway heap grew by ${heapGrowthMb.toFixed(0)} MB`);
      });

      test('init failures are reported per invocation and retried on the next', async (t) => {
        const dir = await mkdtemp(join(fixtures, '.init-'));
        t.after(() => rm(dir, { recursive: true, force: true }));
        await writeFile(join(dir, 'init.ts'), "throw new Error('no config');\nexport const handler = async () => 1;\n");
        const { invoker, dispose } = await service([{ ...fn('init', 'handler'), handler: 'init.ts#handler' }], { runner, rootDir: dir });
        t.after(dispose);
        const outcome = await invoker.invoke('init', {});
        assert.equal(outcome.kind, 'crash');
        assert.deepEqual([(outcome as any).error.errorType, (outcome as any).error.errorMessage], ['Error', 'no config']);
        assert.equal((await invoker.invoke('init', {})).kind, 'crash');
      });

      test('handlers find what their package declares and the runtime SDK v3, not what merely sits in node_modules', async (t) => {
        const dir = await mkdtemp(join(fixtures, '.modules-'));
        t.after(() => rm(dir, { recursive: true, force: true }));
        await writeFile(join(dir, 'package.json'), '{ "name": "user-project", "type": "module" }\n');
        await writeFile(
          join(dir, 'sdk.ts'),
          "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => typeof DynamoDBClient;\n",
        );
        await writeFile(join(dir, 'hoplite-dependency.ts'), "import { WebSocket } from 'ws';\nexport const handler = async () => typeof WebSocket;\n");
        await writeFile(join(dir, 'sdk-v2.ts'), "import AWS from 'aws-sdk';\nexport const handler = async () => typeof AWS;\n");
        const file = (name: string) => ({ ...fn(name, 'handler'), handler: `${name}.ts#handler` });
        const { invoker, dispose } = await service([file('sdk'), file('hoplite-dependency'), file('sdk-v2')], { runner, rootDir: dir });
        t.after(dispose);
        assert.equal(ok(await invoker.invoke('sdk', {})), 'function');
        for (const [name, missing] of [
          ['hoplite-dependency', 'ws'],
          ['sdk-v2', 'aws-sdk'],
        ] as const) {
          const outcome = await invoker.invoke(name, {});
          assert.equal(outcome.kind, 'crash');
          assert.equal((outcome as any).error.errorType, 'Runtime.ImportModuleError');
          assert.match(
            (outcome as any).error.errorMessage,
            new RegExp(`^Error: Cannot find package '${missing}' imported from ${join(dir, `${name}.ts`).replaceAll('.', '\\.')}\\. `),
          );
        }
      });

      test('a handler that does not compile is a build error naming the function, the file and the line', async (t) => {
        const dir = await mkdtemp(join(fixtures, '.broken-'));
        t.after(() => rm(dir, { recursive: true, force: true }));
        await writeFile(join(dir, 'broken.ts'), 'export const handler = async () => {\n  return 1 +;\n};\n');
        await assert.rejects(service([{ ...fn('broken', 'handler'), handler: 'broken.ts#handler' }], { runner, rootDir: dir }), (error: unknown) => {
          assert.ok(error instanceof HopliteError);
          assert.equal(error.code, 'HOPLITE_ERR_LAMBDA_BUILD');
          assert.match(error.message, /^function broken: handler "broken\.ts#handler" could not be built: broken\.ts:2:13: Unexpected ";"$/);
          return true;
        });
        await assert.rejects(
          service([{ ...fn('absent', 'handler'), handler: 'absent.ts#handler' }], { runner, rootDir: dir }),
          /function absent: handler "absent\.ts#handler": no such file: absent\.ts$/,
        );
      });
    });

    describe('environments and the host', () => {
      test('reserved concurrency: invocations beyond it are throttled as Lambda throttles them; environments are reused, not multiplied', async (t) => {
        const { invoker, lines, dispose } = await service([fn('slow', 'slow', { reservedConcurrency: 2 })], { runner });
        t.after(dispose);
        const results = await Promise.all([300, 300, 300].map((ms) => invoker.invoke('slow', { ms })));
        assert.deepEqual(results.map((outcome) => outcome.kind).sort(), ['ok', 'ok', 'throttled']);
        const throttled = results.find((outcome) => outcome.kind === 'throttled') as any;
        assert.deepEqual(
          [throttled.reason, throttled.error.errorType, throttled.error.errorMessage],
          ['ReservedFunctionConcurrentInvocationLimitExceeded', 'TooManyRequestsException', 'Rate Exceeded.'],
        );
        // Ten invocations one after another: the warm environments serve them all. Two were started; when one is
        // slower to start than an invocation lasts, the first serves both overlapping ones (decision 0003).
        for (let i = 0; i < 10; i++) ok(await invoker.invoke('slow', { ms: 1 }));
        const coldStarts = lines('slow').filter((line) => line.includes('Init Duration')).length;
        assert.ok(coldStarts === 1 || coldStarts === 2, `${coldStarts} cold starts`);
      });

      test('the account limit throttles every function once reached', async (t) => {
        const { invoker, dispose } = await service([fn('slow', 'slow'), fn('counter', 'counter')], { runner, accountConcurrency: 1 });
        t.after(dispose);
        const [first, second] = await Promise.all([invoker.invoke('slow', { ms: 200 }), invoker.invoke('counter', {})]);
        assert.equal(first.kind, 'ok');
        assert.deepEqual([second.kind, (second as any).reason], ['throttled', 'ConcurrentInvocationLimitExceeded']);
        assert.equal(ok(await invoker.invoke('counter', {})), 1);
      });

      test('an environment idle longer than its time to live is stopped: the next invocation is a cold start', async (t) => {
        const { invoker, lines, clock, dispose } = await service([fn('counter', 'counter')], { runner, idleEnvironmentTtlMs: 150 });
        t.after(dispose);
        assert.equal(ok(await invoker.invoke('counter', {})), 1);
        assert.equal(ok(await invoker.invoke('counter', {})), 2);
        await clock.advance(149);
        assert.equal(ok(await invoker.invoke('counter', {})), 3, 'still warm a millisecond before its time to live');
        await clock.advance(150);
        assert.equal(ok(await invoker.invoke('counter', {})), 1, 'module state starts over in a new environment');
        assert.equal(lines('counter').filter((line) => line.includes('Init Duration')).length, 2);
      });

      test('handler code trusts the gateway certificate for https without settings of its own', async (t) => {
        const tls = await generateLocalCertificate();
        const server = createServer({ key: tls.key, cert: tls.cert }, (_request, response) => response.end('trusted'));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
        const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        const trusting = await service([fn('fetch', 'fetchHttps')], { runner, trustedCertificates: [tls.cert] });
        t.after(trusting.dispose);
        assert.deepEqual(ok(await trusting.invoker.invoke('fetch', { url })), { status: 200, body: 'trusted' });
        const untrusting = await service([fn('fetch', 'fetchHttps')], { runner });
        t.after(untrusting.dispose);
        const refused = await untrusting.invoker.invoke('fetch', { url });
        assert.equal(refused.kind, 'error');
        assert.match((refused as any).error.errorMessage, /self-signed certificate/);
      });
    });
  });
}

test('a quiet log is spared the platform lines, yet an invocation that asks for its log still gets them all', async (t) => {
  const { invoker, log, dispose } = await service([fn('logs', 'logs')], { runner: 'in-process', quiet: true });
  t.after(dispose);
  ok(await invoker.invoke('logs', {}));
  assert.deepEqual(
    log.functionLines.filter((entry) => /^(START|END|REPORT) /.test(entry.line)),
    [],
    'nothing formatted for a log that drops it',
  );
  const outcome = await invoker.invoke('logs', {}, { captureLogs: true });
  const id = outcome.requestId;
  assert.equal(outcome.logs?.[0], `START RequestId: ${id} Version: $LATEST`);
  assert.equal(outcome.logs?.at(-2), `END RequestId: ${id}`);
  assert.match(outcome.logs?.at(-1) ?? '', new RegExp(`^REPORT RequestId: ${id}\\t`));
  assert.ok(outcome.logs?.some((line) => line.endsWith('\tINFO\thello { a: 1 }')));
});

test('in-process: an unhandled rejection ends only its environment, and the gateway process lives on', async () => {
  const script = fileURLToPath(new URL('../../test/fixtures/in-process/unhandled-rejection.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  assert.deepEqual(
    stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
    [
      { kind: 'ok', payload: 1 },
      { kind: 'crash', error: 'unhandled later' },
      { kind: 'ok', payload: 2 },
    ],
  );
});

test("Lambda's JSON log format: platform.start and platform.report records, application records with level and request id", async (t) => {
  const log = memoryLog();
  const buildDir = await mkdtemp(join(fixtures, '.hoplite-json-'));
  t.after(() => rm(buildDir, { recursive: true, force: true }));
  const invoker = await createLambdaService({
    ...DEFAULT_LAMBDA_TUNING,
    functions: [fn('logs', 'logs'), fn('throws', 'throws')],
    rootDir: fixtures,
    buildDir,
    platformEnvironment: { AWS_REGION: 'eu-west-1' },
    trustedCertificates: [],
    log,
    clock: systemClock,
    ids: systemIds,
    logFormat: 'json',
  });
  t.after(() => invoker.dispose());
  const outcome = await invoker.invoke('logs', {});
  const records = log.functionLines.filter((entry) => entry.functionName === 'logs').map((entry) => entry.line);
  const parsed = records.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  assert.deepEqual(parsed[0].type, 'platform.start');
  assert.deepEqual(parsed[0].record, { requestId: outcome.requestId, version: '$LATEST' });
  assert.deepEqual({ ...parsed[1], timestamp: undefined }, { timestamp: undefined, level: 'INFO', requestId: outcome.requestId, message: 'hello { a: 1 }' });
  assert.deepEqual([parsed[2].level, parsed[2].message], ['ERROR', 'something bad']);
  const report = parsed.at(-1);
  assert.equal(report.type, 'platform.report');
  assert.equal(report.record.status, 'success');
  assert.deepEqual(Object.keys(report.record.metrics), ['durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB', 'initDurationMs']);
  assert.ok(records.includes('raw line'), 'raw stdout writes stay as they are');
  await invoker.invoke('throws', {});
  const failure = log.functionLines.filter((entry) => entry.functionName === 'throws').map((entry) => JSON.parse(entry.line));
  assert.deepEqual([failure[1].level, failure[1].message, failure[1].errorType, failure[1].errorMessage], ['ERROR', 'Invoke Error', 'TypeError', 'bad input']);
  assert.equal(failure.at(-1).record.status, 'error');
});
