/** The options of a Gateway, declared once: types, defaults, expectations, documentation and `hoplite dev` flags. */
import { z } from 'zod';
import { thisMachineOnly } from '../internal/bind.ts';
import { type Clock, systemClock } from '../internal/clock.ts';
import { CONNECTION_LIMITS, type ConnectionLimits } from '../internal/connection-limits.ts';
import { type Ids, systemIds } from '../internal/ids.ts';
import { consoleLog, type Log } from '../internal/log.ts';
import type { TlsMaterial } from '../internal/tls.ts';
import type { AwsRunnerOptions } from '../lambda/runners/aws.ts';
import { RUNNERS, type RunnerName } from '../lambda/runners/index.ts';
import { WEBSOCKET_LIMITS, type WebSocketLimits } from '../limits.ts';
import { expecting, integer, isObject, limitsOf, MAX_PORT, orList, portNumber, positiveInteger, trueOrFalse } from './expect.ts';
import { documented } from './meta.ts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Credentials handlers get when none are configured: local only, they open nothing on AWS. */
export const LOCAL_CREDENTIALS: Credentials = { accessKeyId: 'HOPLITELOCALACCESSKEY', secretAccessKey: 'hoplite-local-secret-access-key' };

/** The port of the first API under `hoplite dev`. */
export const DEFAULT_DEV_PORT = 3001;

/** Node's own default inspector address. */
export const DEFAULT_INSPECT = { host: '127.0.0.1', port: 9229 } as const;

const RUNNER_NAMES = Object.keys(RUNNERS);
/** Checked against RUNNERS as each value is parsed, so that a runner registered later (a test's) counts. */
const localRunner = (expected: string) => z.custom<RunnerName>((value) => typeof value === 'string' && Object.hasOwn(RUNNERS, value), expecting(expected));

/** Lambda's default quota of concurrent executions per account and region. */
const ACCOUNT_CONCURRENCY = 1000;
/** UNVERIFIED: Lambda does not publish when it reclaims idle environments; minutes is what users observe. */
const IDLE_ENVIRONMENT_TTL_MS = 10 * 60 * 1000;
/**
 * What the environments of every function may set aside together (each counts its memoryMb): on a developer
 * machine, room for 6 environments of 128 MB; Lambda's own quota is per environment only.
 */
const ENVIRONMENT_MEMORY_BUDGET_MB = 768;

const isCredentials = (value: unknown) => isObject(value) && typeof value.accessKeyId === 'string' && typeof value.secretAccessKey === 'string';
const hostAlias = z
  .string(expecting('a host name or address without a port'))
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, expecting('a host name or address without a port'));
const logFormats = ['text', 'json'] as const;

/** `--inspect=[host:]port`, `--inspect=[::1]:port` or `--inspect=host`, as Node takes it. */
export const inspectAddress = z.string().transform((value, context) => {
  const match = value.match(/^(?:(\[[^\]]+\]|[^:[\]]+):)?(\d+)$/) ?? value.match(/^(\[[^\]]+\]|[^:[\]]+)()$/);
  const port = match?.[2] ? Number(match[2]) : DEFAULT_INSPECT.port;
  if (!match || port > MAX_PORT) {
    context.addIssue({ code: 'custom', message: `[host:]port with a port from 0 to ${MAX_PORT}`, input: value });
    return z.NEVER;
  }
  return { host: match[1]?.replace(/^\[(.*)\]$/, '$1') ?? DEFAULT_INSPECT.host, port };
});

const connectionLimits = limitsOf<ConnectionLimits>(CONNECTION_LIMITS).check((context) => {
  const { headersTimeoutMs, requestTimeoutMs } = context.value;
  // node:http refuses a headers timeout longer than the whole request's.
  if (headersTimeoutMs > requestTimeoutMs) {
    context.issues.push({ code: 'custom', path: ['headersTimeoutMs'], message: `at most requestTimeoutMs (${requestTimeoutMs})`, input: headersTimeoutMs });
  }
});

const limitList = (limits: Record<string, number>) =>
  Object.entries(limits)
    .map(([name, value]) => `\`${name}\` ${value}`)
    .join(', ');

/** Each option in the order docs/options.md and `hoplite dev --help` list them. */
export const GATEWAY_OPTION_SHAPE = {
  host: documented(z.string(expecting('a host name or address')).default('127.0.0.1'), {
    meaning:
      'Interface the API, site and Invoke API ports listen on; any other than loopback is reachable from the network and warns at start ([what each bind exposes](exposure.md)).',
    flags: [
      { name: 'host', value: '<address>', help: 'interface to listen on; any other address than loopback is reachable from the network: see docs/exposure.md' },
    ],
  }),
  port: documented(portNumber.default(0), {
    meaning:
      'Port of the first API; further APIs, sites and the Lambda Invoke API take the next ones, and the last must be at most 65535. `0` picks free ports.',
    flags: [
      {
        name: 'port',
        value: '<n>',
        help: 'port of the first API, 0 for free ports; further APIs, sites and Invoke APIs take the next ports',
        toOption: z
          .string()
          .regex(/^\d+$/, expecting(`an integer from 0 to ${MAX_PORT}`))
          .transform(Number)
          .pipe(portNumber),
        commandDefault: DEFAULT_DEV_PORT,
      },
    ],
  }),
  rootDir: documented(z.string(expecting('a folder path')).optional(), {
    default: "the service's `rootDir`",
    meaning:
      "Folder that `handler` paths are relative to (a function's `codeUri` and a site's `dir` too); overrides the service's. A service's own `rootDir` is the folder of the file that called `service()`, or `service(name, { rootDir })` relative to that folder; the same in `hoplite dev` and library use. A plain-object model without one: the definition file's folder under `hoplite dev`, the current directory in library use. Compiled TypeScript and the functions' snapshots go to `<rootDir>/.hoplite/build`.",
  }),
  dataDir: documented(z.string(expecting('a folder path')).optional(), {
    default: 'in memory',
    meaning:
      'Persist the embedded DynamoDB here; the folder is locked while in use, and a lock left by a gateway that was killed (SIGKILL, a stopped container) is taken over once it is 10 s old ([decision 0008](decisions/0008-data-dir-lock.md)). `hoplite dev` with several services keeps one subfolder per service.',
    flags: [{ name: 'data-dir', value: '<dir>', help: "keep the embedded DynamoDB's data in this folder" }],
  }),
  dynamodbEndpoint: documented(
    z
      .string(expecting('an http:// or https:// URL'))
      .regex(/^https?:\/\/[^/]+/, expecting('an http:// or https:// URL'))
      .optional(),
    {
      default: 'the embedded store',
      meaning: "Any DynamoDB-compatible endpoint (`http://127.0.0.1:8000`); the model's tables are created there.",
      flags: [{ name: 'dynamodb-endpoint', value: '<url>', help: 'use this DynamoDB instead of the embedded one' }],
    },
  ),
  region: documented(z.string(expecting('a region name')).default('us-east-1'), {
    meaning: 'Region handlers see (`AWS_REGION`) and the SigV4 scope.',
  }),
  accountId: documented(z.string(expecting('an account id')).default('000000000000'), {
    meaning: 'Account id in ARNs (`invokedFunctionArn`).',
  }),
  credentials: documented(
    z
      .custom<Credentials[]>(
        (value) => Array.isArray(value) && value.length > 0 && value.every(isCredentials),
        expecting('a non-empty array of { accessKeyId, secretAccessKey }'),
      )
      .optional(),
    {
      default: 'none',
      secret: true,
      meaning:
        'CONN-4: `[{ accessKeyId, secretAccessKey }]`: every `@connections` request (service `execute-api`) and Lambda Invoke API request (service `lambda`) must carry a valid SigV4 signature by one of them, from any client, and so must the upgrade of an `AWS_IAM` `$connect` (AUTH-7) and a request to an `AWS_IAM` HTTP API route (AUTH-40); handlers get the first. Without it any well-formed signature is accepted from this machine (see `isTrustedClient`; on an `AWS_IAM` `$connect` or HTTP API route, from any client), other machines are refused unless `allowRemoteManagement` ([exposure](exposure.md)), and handlers get local dummy credentials.',
    },
  ),
  allowRemoteManagement: documented(trueOrFalse.default(false), {
    meaning:
      'Without `credentials`, let clients on other machines call the Lambda Invoke API and `@connections` (otherwise 403, `AccessDeniedException` / `ForbiddenException`). Anyone who reaches the ports can then invoke any function and post to or close any connection.',
    flags: [{ name: 'allow-remote', help: 'let clients on other machines call the Lambda Invoke API and @connections, which refuse them with 403 otherwise' }],
  }),
  hostAliases: documented(z.array(hostAlias, expecting('an array of host names or addresses without a port')).default([]), {
    default: 'none',
    meaning:
      'GEN-4: further names of this machine, without a port (`devbox.local`, `host.docker.internal`): a client sending one as `Host` gets it as `domainName`. Other unknown Hosts get the printed `host:port`.',
    flags: [
      {
        name: 'host-alias',
        value: '<name>',
        multiple: true,
        help: 'another name of this machine that clients use (repeatable); events carry it as domainName when a client sends it as Host',
      },
    ],
  }),
  isTrustedClient: documented(
    z
      .custom<(address: string) => boolean>((value) => typeof value === 'function', expecting('a function (address) => boolean'))
      .default(() => thisMachineOnly()),
    {
      default: "loopback and this machine's own addresses",
      meaning:
        '`(address) => boolean`: which client addresses count as this machine for the Invoke API and `@connections` when neither `credentials` nor `allowRemoteManagement` is set; tests use it to play a client on another machine.',
    },
  ),
  tls: documented(
    z
      .custom<TlsMaterial>((value) => isObject(value) && typeof value.key === 'string' && typeof value.cert === 'string', expecting('{ key, cert } in PEM'))
      .optional(),
    {
      default: 'a fresh self-signed certificate for localhost (`hoplite dev`: cached in `~/.cache/hoplite`)',
      secret: true,
      meaning: '`{ key, cert }` PEM for TLS on the API ports.',
    },
  ),
  websocketLimits: documented(limitsOf<WebSocketLimits>(WEBSOCKET_LIMITS), {
    default: 'AWS quotas',
    meaning: `WebSocket quotas, each given one replacing AWS's value (src/limits.ts): ${limitList(WEBSOCKET_LIMITS)}.`,
  }),
  connectionLimits: documented(connectionLimits, {
    default: 'see meaning',
    meaning: `On every port (APIs, sites, the Lambda Invoke API): \`firstByteTimeoutMs\` ${CONNECTION_LIMITS.firstByteTimeoutMs} closes a connection that sends nothing; \`headersTimeoutMs\` ${CONNECTION_LIMITS.headersTimeoutMs} (at most \`requestTimeoutMs\`) and \`requestTimeoutMs\` ${CONNECTION_LIMITS.requestTimeoutMs} answer 408 to a request whose headers, or whole body, have not arrived; \`tlsHandshakeTimeoutMs\` ${CONNECTION_LIMITS.tlsHandshakeTimeoutMs} drops an unfinished TLS handshake; \`maxConnectionsPerPort\` ${CONNECTION_LIMITS.maxConnectionsPerPort} refuses further connections (WebSocket ones included) with one log line a minute. API Gateway publishes none of these, nor a cap on connections; an upgraded WebSocket connection then follows \`websocketLimits\` only.`,
  }),
  accountConcurrency: documented(positiveInteger.default(ACCOUNT_CONCURRENCY), {
    meaning:
      "Lambda's concurrent executions for the account: beyond it invocations are throttled (`TooManyRequestsException`; the gateways answer as API Gateway does for a throttled Lambda). A function's `reservedConcurrency` limits it further.",
  }),
  // DIFF: Lambda starts an environment for every overlapping invocation; a few at a time keep a burst affordable (docs/decisions/0003).
  parallelColdStarts: documented(positiveInteger.default(2), {
    meaning:
      'Environments of one function that may be starting at once; further invocations wait for the first free environment. Lambda starts one for every overlapping invocation ([decision 0003](decisions/0003-bounded-cold-starts.md)).',
  }),
  // DIFF: Lambda has no budget across environments; one machine's memory needs one.
  environmentMemoryBudgetMb: documented(integer(128, Number.MAX_SAFE_INTEGER, 'an integer of at least 128 (MB)').default(ENVIRONMENT_MEMORY_BUDGET_MB), {
    meaning:
      'Memory the execution environments of every function may hold together, each counting its `memoryMb`: a start that would pass it first stops idle environments (longest idle first), else waits for one to come free; one environment always starts, whatever its size. Lambda has no such budget.',
  }),
  idleEnvironmentTtlMs: documented(integer(1, Number.MAX_SAFE_INTEGER, 'a positive integer (milliseconds)').default(IDLE_ENVIRONMENT_TTL_MS), {
    meaning: 'An execution environment idle this long is stopped; the next invocation is a cold start.',
  }),
  runner: documented(
    z
      .union(
        [localRunner('a runner'), z.object({ aws: z.custom<AwsRunnerOptions>(isObject) })],
        expecting(`${RUNNER_NAMES.map((name) => JSON.stringify(name)).join(', ')} or { aws: { region, endpoint, credentials, functionNames } }`),
      )
      .default('child-process'),
    {
      meaning:
        "Where execution environments run: `'child-process'` (one Node process each: memorySize holds for the heap and all other memory, native modules, `process.chdir`; see [decision 0007](decisions/0007-child-processes-hold-memory-size.md)), `'worker-thread'` (one worker thread each: lighter, but one allocation larger than the heap limit ends the whole gateway), `'in-process'` (on the gateway's own thread: fastest, least isolated; see [decision 0004](decisions/0004-in-process-runner.md)), or `{ aws: { region, endpoint, credentials, functionNames } }` (deployed functions through the AWS SDK: the gateway fronts them).",
      flags: [
        {
          name: 'runner',
          value: '<name>',
          help: "child-process (one Node process per environment, memorySize holds), worker-thread (lighter; one large allocation can end the whole gateway) or in-process (on the gateway's thread: fastest, least isolated)",
          toOption: localRunner(orList(RUNNER_NAMES)),
        },
      ],
    },
  ),
  reload: documented(trueOrFalse.default(false), {
    meaning: 'Rebuild a function when one of its files changes; idle environments are replaced, busy ones finish on the old code.',
    flags: [
      { name: 'no-reload', help: 'do not rebuild functions when their files change', toOption: z.boolean().transform((given) => !given), commandDefault: true },
    ],
  }),
  inspect: documented(
    z
      .object(
        {
          host: z.string(expecting('a host name or address')).min(1, expecting('a host name or address')).default(DEFAULT_INSPECT.host),
          port: portNumber.default(DEFAULT_INSPECT.port),
        },
        expecting('{ host?, port? }'),
      )
      .optional(),
    {
      default: `not inspecting (\`{}\`: \`${DEFAULT_INSPECT.host}:${DEFAULT_INSPECT.port}\`)`,
      meaning:
        "Debuggers (chrome://inspect, VS Code) attach to handler code: the gateway's inspector for worker threads and in-process, the next ports for child-process environments (`port` 0: free ports). While inspecting, an environment is stopped only at Lambda's 900 s limit ([decision 0006](decisions/0006-inspect-keeps-paused-environments.md)).",
      flags: [
        {
          name: 'inspect',
          value: 'host:port',
          alone: `${DEFAULT_INSPECT.host}:${DEFAULT_INSPECT.port}`,
          help: 'let Chrome DevTools or VS Code stop at breakpoints in handlers, port 0 for a free port; child-process environments take the next ports; function timeouts are raised to 900 s so that a pause does not end the environment',
          default: `not inspecting; alone: ${DEFAULT_INSPECT.host}:${DEFAULT_INSPECT.port}`,
          toOption: inspectAddress,
        },
      ],
    },
  ),
  logFormat: documented(z.enum(logFormats, expecting(orList(logFormats))).default('text'), {
    meaning:
      "Lambda's text log format or its JSON log format, for platform lines and handler output; the default `log` writes its request lines the same way (one JSON object each, see [the README](../README.md#hoplite-dev)).",
    flags: [{ name: 'log-format', value: '<text|json>', help: "Lambda's text log format or its JSON log format; request lines follow it" }],
  }),
  redirectAwsEndpoints: documented(trueOrFalse.default(true), {
    meaning:
      'Handler connections to `{apiId}.execute-api.{region}.amazonaws.com` and `dynamodb.{region}.amazonaws.com` reach this gateway and its store, so code with hard-coded AWS host names (or the SDK v2) stays on this machine ([decision 0002](decisions/0002-aws-host-names-stay-local.md)).',
  }),
  log: documented(z.custom<Log>(isObject, expecting('a Log such as consoleLog(), memoryLog() or silentLog')).optional(), {
    default: 'the terminal',
    meaning:
      "Where gateway messages, request lines and function logs go (`consoleLog({ quiet, functions, format })`, `memoryLog({ format })`, `silentLog`); the default is `consoleLog({ format: logFormat })`. `--quiet` keeps only errors, `--functions a,b` only those functions' lines and the lines of requests their routes served.",
    flags: [
      { name: 'quiet', help: 'print only errors: no request lines, function logs or warnings', toOption: null },
      { name: 'functions', value: '<a,b>', help: 'print the logs of these functions only', default: 'every function', toOption: null },
    ],
  }),
  clock: documented(z.custom<Clock>(isObject, expecting('a Clock { now(), setTimer() }')).default(systemClock), {
    default: 'the system clock',
    meaning: 'Time source and timers, injectable for deterministic tests.',
  }),
  ids: documented(z.custom<Ids>(isObject, expecting('an Ids source')).default(systemIds), {
    default: 'random ids',
    meaning: 'Source of connection ids and request ids, injectable for deterministic tests.',
  }),
  sourceFile: documented(z.string(expecting('a file name')).default('(service definition)'), {
    meaning: 'Name of the definition file, used in error messages.',
  }),
};

const gatewayOptionsObject = z.object(GATEWAY_OPTION_SHAPE, expecting('an object of Gateway options'));

/** The options with every default filled in; the default `log` follows `logFormat`. */
export const gatewayOptionsSchema = gatewayOptionsObject.transform((options) => ({
  ...options,
  log: options.log ?? consoleLog({ format: options.logFormat }),
}));

/** What `new Gateway(service, options)` takes. */
export type GatewayOptions = z.input<typeof gatewayOptionsSchema>;
/** The options as the gateway's parts read them: checked, every default filled in. */
export type ParsedGatewayOptions = z.output<typeof gatewayOptionsSchema>;
export type InspectOption = NonNullable<GatewayOptions['inspect']>;
export type RunnerOption = ParsedGatewayOptions['runner'];
