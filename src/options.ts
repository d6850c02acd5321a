/** Run-time options of a Gateway, declared once with their defaults. */

import { HopliteError } from './errors.ts';
import { thisMachineOnly } from './internal/bind.ts';
import type { Clock } from './internal/clock.ts';
import { systemClock } from './internal/clock.ts';
import { CONNECTION_LIMITS, type ConnectionLimits } from './internal/connection-limits.ts';
import type { Ids } from './internal/ids.ts';
import { systemIds } from './internal/ids.ts';
import type { Log } from './internal/log.ts';
import { consoleLog } from './internal/log.ts';
import { maskUrlCredentials } from './internal/mask.ts';
import type { TlsMaterial } from './internal/tls.ts';
import type { AwsRunnerOptions } from './lambda/runners/aws.ts';
import { RUNNERS, type RunnerName } from './lambda/runners/index.ts';
import { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.ts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type RunnerOption = RunnerName | { aws: AwsRunnerOptions };

export interface InspectOption {
  /** @default '127.0.0.1' */
  host?: string;
  /** The inspector's port; with the child-process runner, environments take the ports after it. 0 picks free ports. @default 9229 */
  port?: number;
}

/** Node's own default inspector address. */
export const DEFAULT_INSPECT = { host: '127.0.0.1', port: 9229 } as const;

export interface GatewayOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port of the first API; each further API takes the next port. 0 picks free ports. @default 0 */
  port?: number;
  /**
   * Folder that handler paths are relative to; overrides the service's. @default the service's rootDir (the folder
   * of the file that called service()), else the current directory
   */
  rootDir?: string;
  /** Persist the embedded DynamoDB store in this folder (locked while in use; a killed gateway's lock is taken over once 10 s old). @default in memory */
  dataDir?: string;
  /** Use this DynamoDB endpoint instead of the embedded store. @example 'http://127.0.0.1:8000' */
  dynamodbEndpoint?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** Account id in ARNs. @default '000000000000' */
  accountId?: string;
  /**
   * CONN-4: when set, `@connections` and Lambda Invoke API requests must be signed with one of these, from any client;
   * handlers get the first. When absent, any well-formed SigV4 signature is accepted from trusted clients (see
   * `isTrustedClient`, `allowRemoteManagement`) and handlers get local dummy credentials.
   */
  credentials?: Credentials[];
  /**
   * Without `credentials`, the Lambda Invoke API and `@connections` answer 403 to clients that `isTrustedClient` does not
   * trust; `true` opens them to every client that reaches the ports (`hoplite dev --allow-remote`). @default false
   */
  allowRemoteManagement?: boolean;
  /**
   * Which client addresses count as this machine for the Invoke API and `@connections` when neither `credentials` nor
   * `allowRemoteManagement` is set. @default loopback and this machine's own interface addresses
   */
  isTrustedClient?: (address: string) => boolean;
  /**
   * GEN-4: further names of this machine (without a port) that clients may send as `Host` and events then carry as
   * `domainName`; any other `Host` gives the printed host. @example ['devbox.local', 'host.docker.internal']
   */
  hostAliases?: string[];
  /** Certificate for TLS on the API ports. @default a fresh self-signed certificate for localhost */
  tls?: TlsMaterial;
  /** WebSocket quotas; each defaults to AWS's value (src/limits.ts). */
  websocketLimits?: Partial<WebSocketLimits>;
  /**
   * On every port: a connection silent for `firstByteTimeoutMs` is closed, a request whose headers (`headersTimeoutMs`)
   * or whole body (`requestTimeoutMs`) have not arrived is answered 408, a TLS handshake not done in
   * `tlsHandshakeTimeoutMs` is dropped, and connections past `maxConnectionsPerPort` are refused (one log line a minute).
   * @default { firstByteTimeoutMs: 10000, headersTimeoutMs: 10000, requestTimeoutMs: 60000, tlsHandshakeTimeoutMs: 10000, maxConnectionsPerPort: 4096 }
   */
  connectionLimits?: Partial<ConnectionLimits>;
  /** Lambda's account-wide concurrent executions; beyond it invocations are throttled. @default 1000 */
  accountConcurrency?: number;
  /** Execution environments idle this long are stopped (the next invocation is a cold start). @default 600000 */
  idleEnvironmentTtlMs?: number;
  /**
   * Environments of one function that may be starting at once; other invocations wait for the first free one.
   * DIFF from Lambda, which starts one for every overlapping invocation: see docs/decisions/0003. @default 2
   */
  parallelColdStarts?: number;
  /**
   * Memory the execution environments of every function may hold together, each counting its `memoryMb`: a
   * start that would pass it first stops idle environments (longest idle first), else waits for one to come
   * free. One environment always starts, whatever its size. DIFF: Lambda has no such budget. @default 768
   */
  environmentMemoryBudgetMb?: number;
  /**
   * In handler runtimes, connections to `{apiId}.execute-api.{region}.amazonaws.com` and `dynamodb.{region}.amazonaws.com`
   * reach this gateway and its store, so code with hard-coded AWS host names (or the SDK v2) stays on this machine. @default true
   */
  redirectAwsEndpoints?: boolean;
  /** Function logs in Lambda's text format or its JSON log format. @default 'text' */
  logFormat?: 'text' | 'json';
  /** Hot reload: rebuild a function when a file it is built from changes (`hoplite dev` turns it on). @default false */
  reload?: boolean;
  /**
   * Where execution environments run: child processes (memorySize holds: docs/decisions/0007), worker threads,
   * the gateway's own thread, or AWS Lambda (`{ aws: { region, endpoint, credentials, functionNames } }`: the
   * gateway fronts deployed functions). @default 'child-process'
   */
  runner?: RunnerOption;
  /**
   * Let debuggers (Chrome DevTools, VS Code) stop at breakpoints in handler code: worker-thread and in-process
   * environments are seen through the gateway process's inspector, each child-process environment opens its own.
   * While inspecting, an environment is stopped only at Lambda's maximum timeout (900 s), so a pause does not end it.
   * @default not inspecting
   * @example { port: 9229 }
   */
  inspect?: InspectOption;
  /** Name of the definition file, for error messages. */
  sourceFile?: string;
  log?: Log;
  clock?: Clock;
  ids?: Ids;
}

export interface ParsedGatewayOptions {
  host: string;
  port: number;
  rootDir: string | undefined;
  dataDir: string | undefined;
  dynamodbEndpoint: string | undefined;
  region: string;
  accountId: string;
  credentials: Credentials[] | undefined;
  allowRemoteManagement: boolean;
  isTrustedClient: (address: string) => boolean;
  hostAliases: string[];
  tls: TlsMaterial | undefined;
  websocketLimits: WebSocketLimits;
  connectionLimits: ConnectionLimits;
  accountConcurrency: number;
  idleEnvironmentTtlMs: number;
  parallelColdStarts: number;
  environmentMemoryBudgetMb: number;
  reload: boolean;
  logFormat: 'text' | 'json';
  redirectAwsEndpoints: boolean;
  runner: RunnerOption;
  inspect: { host: string; port: number } | undefined;
  sourceFile: string;
  log: Log;
  clock: Clock;
  ids: Ids;
}

/** Credentials handlers get when none are configured: local only, they open nothing on AWS. */
export const LOCAL_CREDENTIALS: Credentials = { accessKeyId: 'HOPLITELOCALACCESSKEY', secretAccessKey: 'hoplite-local-secret-access-key' };

function invalid(field: string, expected: string, value: unknown): HopliteError {
  return new HopliteError('HOPLITE_ERR_OPTION_INVALID', `option ${field}: expected ${expected}, got ${JSON.stringify(value)}`);
}

/** The highest TCP port. */
export const MAX_PORT = 65535;

/**
 * A service takes consecutive ports from `port`: its APIs, its sites, then its Lambda Invoke API. Throws when the
 * last of them would be past 65535; port 0 (free ports) always fits.
 */
export function checkPortsFit(port: number, portsNeeded: number): void {
  const last = port + portsNeeded - 1;
  if (port === 0 || last <= MAX_PORT) return;
  throw new HopliteError(
    'HOPLITE_ERR_OPTION_INVALID',
    `option port: the service needs ${portsNeeded} consecutive ports from ${port} (its APIs, sites and Lambda Invoke API) and the last would be ${last}, past ${MAX_PORT}; expected a port from 1 to ${MAX_PORT - portsNeeded + 1}, or 0 for free ports, got ${port}`,
  );
}

export function parseGatewayOptions(options: GatewayOptions = {}): ParsedGatewayOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('port', 'an integer from 0 to 65535', port);
  const websocketLimits: WebSocketLimits = { ...WEBSOCKET_LIMITS };
  for (const [key, value] of Object.entries(options.websocketLimits ?? {})) {
    if (!(key in WEBSOCKET_LIMITS)) throw invalid(`websocketLimits.${key}`, `one of ${Object.keys(WEBSOCKET_LIMITS).join(', ')}`, key);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw invalid(`websocketLimits.${key}`, 'a positive integer', value);
    websocketLimits[key as keyof WebSocketLimits] = value;
  }
  const connectionLimits = parseConnectionLimits(options.connectionLimits);
  const accountConcurrency = options.accountConcurrency ?? 1000;
  if (!Number.isInteger(accountConcurrency) || accountConcurrency < 1) throw invalid('accountConcurrency', 'a positive integer', accountConcurrency);
  const parallelColdStarts = options.parallelColdStarts ?? 2;
  if (!Number.isInteger(parallelColdStarts) || parallelColdStarts < 1) throw invalid('parallelColdStarts', 'a positive integer', parallelColdStarts);
  const environmentMemoryBudgetMb = options.environmentMemoryBudgetMb ?? 768;
  if (!Number.isInteger(environmentMemoryBudgetMb) || environmentMemoryBudgetMb < 128)
    throw invalid('environmentMemoryBudgetMb', 'an integer of at least 128 (MB)', environmentMemoryBudgetMb);
  const idleEnvironmentTtlMs = options.idleEnvironmentTtlMs ?? 600_000;
  if (!Number.isInteger(idleEnvironmentTtlMs) || idleEnvironmentTtlMs < 1)
    throw invalid('idleEnvironmentTtlMs', 'a positive integer (milliseconds)', idleEnvironmentTtlMs);
  if (options.logFormat !== undefined && options.logFormat !== 'text' && options.logFormat !== 'json')
    throw invalid('logFormat', '"text" or "json"', options.logFormat);
  const runner = options.runner;
  if (
    runner !== undefined &&
    !(typeof runner === 'string' && Object.hasOwn(RUNNERS, runner)) &&
    (typeof runner !== 'object' || typeof runner.aws !== 'object')
  ) {
    throw invalid('runner', '"worker-thread", "child-process", "in-process" or { aws: { region, endpoint, credentials, functionNames } }', runner);
  }
  if (options.dynamodbEndpoint !== undefined && !/^https?:\/\/[^/]+/.test(options.dynamodbEndpoint)) {
    throw invalid('dynamodbEndpoint', 'an http:// or https:// URL', maskUrlCredentials(options.dynamodbEndpoint));
  }
  if (options.credentials !== undefined && (!Array.isArray(options.credentials) || options.credentials.length === 0)) {
    throw invalid('credentials', 'a non-empty array of { accessKeyId, secretAccessKey }', options.credentials);
  }
  if (options.allowRemoteManagement !== undefined && typeof options.allowRemoteManagement !== 'boolean')
    throw invalid('allowRemoteManagement', 'true or false', options.allowRemoteManagement);
  if (options.isTrustedClient !== undefined && typeof options.isTrustedClient !== 'function')
    throw invalid('isTrustedClient', 'a function (address) => boolean', typeof options.isTrustedClient);
  const hostAliases = options.hostAliases ?? [];
  if (!Array.isArray(hostAliases) || hostAliases.some((alias) => typeof alias !== 'string' || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/.test(alias)))
    throw invalid('hostAliases', 'an array of host names or addresses without a port', hostAliases);
  const inspect = parseInspect(options.inspect);
  return {
    host: options.host ?? '127.0.0.1',
    port,
    rootDir: options.rootDir,
    dataDir: options.dataDir,
    dynamodbEndpoint: options.dynamodbEndpoint,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    credentials: options.credentials,
    allowRemoteManagement: options.allowRemoteManagement ?? false,
    isTrustedClient: options.isTrustedClient ?? thisMachineOnly(),
    hostAliases,
    tls: options.tls,
    websocketLimits,
    connectionLimits,
    accountConcurrency,
    idleEnvironmentTtlMs,
    parallelColdStarts,
    environmentMemoryBudgetMb,
    reload: options.reload ?? false,
    logFormat: options.logFormat ?? 'text',
    redirectAwsEndpoints: options.redirectAwsEndpoints ?? true,
    runner: options.runner ?? 'child-process',
    inspect,
    sourceFile: options.sourceFile ?? '(service definition)',
    log: options.log ?? consoleLog({ format: options.logFormat ?? 'text' }),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? systemIds,
  };
}

function parseConnectionLimits(given: Partial<ConnectionLimits> | undefined): ConnectionLimits {
  const limits: ConnectionLimits = { ...CONNECTION_LIMITS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in CONNECTION_LIMITS)) throw invalid(`connectionLimits.${key}`, `one of ${Object.keys(CONNECTION_LIMITS).join(', ')}`, key);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw invalid(`connectionLimits.${key}`, 'a positive integer', value);
    limits[key as keyof ConnectionLimits] = value;
  }
  // node:http refuses a headers timeout longer than the whole request's.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw invalid('connectionLimits.headersTimeoutMs', `at most requestTimeoutMs (${limits.requestTimeoutMs})`, limits.headersTimeoutMs);
  }
  return limits;
}

function parseInspect(inspect: InspectOption | undefined): ParsedGatewayOptions['inspect'] {
  if (inspect === undefined) return undefined;
  if (typeof inspect !== 'object' || inspect === null) throw invalid('inspect', '{ host?, port? }', inspect);
  const host = inspect.host ?? DEFAULT_INSPECT.host;
  if (typeof host !== 'string' || host === '') throw invalid('inspect.host', 'a host name or address', host);
  const port = inspect.port ?? DEFAULT_INSPECT.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('inspect.port', 'an integer from 0 to 65535', port);
  return { host, port };
}
