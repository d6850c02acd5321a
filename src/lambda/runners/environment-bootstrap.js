// @ts-check
/**
 * One Lambda execution environment, in a worker thread or a child process: trusts the gateway's certificate,
 * captures the handler's output as Lambda log lines, loads the bundle (init), then runs one invocation at a time.
 * Plain JavaScript: environments start without the TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { formatWithOptions } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ errorType: string, errorMessage: string, trace: string[] }} LambdaError */

/**
 * The way to the runner: the worker's port, or the child process's IPC channel.
 * @type {{ postMessage(message: unknown): void, on(event: 'message', listener: (message: any) => void): void }}
 */
const port = parentPort
  ? parentPort
  : {
      postMessage: (message) => /** @type {NonNullable<typeof process.send>} */ (process.send)(message),
      on: (_event, listener) => {
        process.on('message', listener);
      },
    };

/** @typedef {{ bundlePath: string, exportName: string, handlerFile: string, functionName: string, memoryMb: number, timeoutSeconds: number, region: string, accountId: string, trustedCertificates: string[], redirects: Array<{ host: string, toHost: string, toPort: number, tls: boolean }>, logFormat: 'text' | 'json' }} EnvironmentData */

/** The function this environment runs: the worker's data, or the child's first message. */
let data = /** @type {EnvironmentData} */ (workerData);

/** The request id of the invocation in progress; Lambda prints `undefined` outside one. */
let currentRequestId = 'undefined';

// Trust the gateway's certificate for connections that bring no trust settings of their own.
function installTrust() {
  const extra = [...data.trustedCertificates];
  const extraFile = process.env.NODE_EXTRA_CA_CERTS;
  if (extraFile) {
    try {
      extra.push(readFileSync(extraFile, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  /** @type {tls.SecureContext | undefined} */
  let context;
  const trusted = () => {
    context ??= tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
    return context;
  };
  const connect = tls.connect;
  const ownTrustKeys = ['ca', 'secureContext', 'cert', 'key', 'pfx'];
  /** @type {any} */ (tls).connect = function connectTrustingGateway(/** @type {any[]} */ ...args) {
    const index = args.findIndex((arg) => typeof arg === 'object' && arg !== null);
    const options = index === -1 ? undefined : args[index];
    const redirect = options && redirectFor(options.host ?? options.servername);
    if (redirect && !redirect.tls) {
      // The local service speaks plain HTTP: the HTTPS client gets a plain socket to it.
      return net.connect({ host: redirect.toHost, port: redirect.toPort });
    }
    if (redirect) {
      // The gateway's certificate names localhost: trust it for the AWS host name the code asked for.
      args[index] = {
        ...options,
        host: redirect.toHost,
        port: redirect.toPort,
        servername: 'localhost',
        secureContext: trusted(),
        checkServerIdentity: () => undefined,
      };
    } else if (options && !ownTrustKeys.some((key) => options[key] !== undefined)) {
      args[index] = { ...options, secureContext: trusted() };
    }
    return /** @type {any} */ (connect).apply(this, args);
  };
  syncBuiltinESMExports();
}

/**
 * AWS host names that reach the local services instead (execute-api, DynamoDB), so no request leaves the machine.
 * @param {unknown} host
 */
function redirectFor(host) {
  if (typeof host !== 'string') return undefined;
  const name = host.toLowerCase();
  return data.redirects.find((redirect) => redirect.host === name);
}

// Plain HTTP to a redirected AWS host name goes to the local service too.
function installRedirects() {
  if (data.redirects.length === 0) return;
  for (const method of /** @type {const} */ (['connect', 'createConnection'])) {
    const original = net[method];
    /** @type {any} */ (net)[method] = function connectLocally(/** @type {any[]} */ ...args) {
      const index = args.findIndex((arg) => typeof arg === 'object' && arg !== null);
      const redirect = index === -1 ? undefined : redirectFor(args[index].host);
      if (redirect) args[index] = { ...args[index], host: redirect.toHost, port: redirect.toPort };
      return /** @type {any} */ (original).apply(this, args);
    };
  }
  syncBuiltinESMExports();
}

/** @param {unknown[]} values */
function format(values) {
  return formatWithOptions({ colors: false }, ...values);
}

/** @param {string} line */
function postLog(line) {
  port.postMessage({ type: 'log', line });
}

function captureOutput() {
  /** @param {string} level */
  const writer =
    (level) =>
    (/** @type {unknown[]} */ ...values) =>
      postLog(
        data.logFormat === 'json'
          ? // Lambda's JSON format: a lone object argument is the message itself.
            JSON.stringify({
              timestamp: new Date().toISOString(),
              level,
              requestId: currentRequestId,
              message: values.length === 1 && typeof values[0] === 'object' && values[0] !== null ? values[0] : format(values),
            })
          : `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(values)}`,
      );
  console.log = writer('INFO');
  console.info = writer('INFO');
  console.warn = writer('WARN');
  console.error = writer('ERROR');
  console.debug = writer('DEBUG');
  console.trace = writer('TRACE');
  /** @param {NodeJS.WriteStream} stream */
  const capture = (stream) => {
    /** @type {any} */ (stream).write = (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding, /** @type {unknown} */ callback) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(/** @type {Uint8Array} */ (chunk)).toString();
      if (text.trim() !== '') postLog(text.replace(/\n$/, ''));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    };
  };
  capture(process.stdout);
  capture(process.stderr);
}

/**
 * Lambda's error shape.
 * @param {unknown} error
 * @returns {LambdaError}
 */
function toLambdaError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  const text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  return { errorType: typeof error === 'string' ? 'string' : typeof error, errorMessage: text, trace: [] };
}

function heapUsedMb() {
  return Math.round(getHeapStatistics().used_heap_size / (1024 * 1024));
}

/**
 * @param {{ requestId: string, deadlineMs: number, logStreamName: string }} request
 * @param {(result: unknown) => void} succeed
 * @param {(error: unknown) => void} fail
 */
function makeContext(request, succeed, fail) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${data.region}:${data.accountId}:function:${data.functionName}`,
    memoryLimitInMB: String(data.memoryMb),
    awsRequestId: request.requestId,
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: request.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - Date.now()),
    // The legacy completion methods of the Node.js runtime.
    done: (/** @type {unknown} */ error, /** @type {unknown} */ result) => (error ? fail(error) : succeed(result)),
    succeed: (/** @type {unknown} */ result) => succeed(result),
    fail: (/** @type {unknown} */ error) => fail(error ?? new Error('handled')),
  };
}

/** @type {Function | undefined} */
let handler;

/**
 * @param {{ requestId: string, event: unknown, deadlineMs: number, logStreamName: string }} request
 */
function invoke(request) {
  currentRequestId = request.requestId;
  let settled = false;
  /** @param {{ ok: true, json: string } | { ok: false, error: LambdaError }} outcome */
  const finish = (outcome) => {
    if (settled) return;
    settled = true;
    port.postMessage({ type: 'result', requestId: request.requestId, heapUsedMb: heapUsedMb(), ...outcome });
  };
  const succeed = (/** @type {unknown} */ result) => {
    try {
      // Lambda serialises the result; undefined becomes null.
      finish({ ok: true, json: JSON.stringify(result === undefined ? null : result) ?? 'null' });
    } catch (error) {
      finish({
        ok: false,
        error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${/** @type {Error} */ (error).message}`, trace: [] },
      });
    }
  };
  const fail = (/** @type {unknown} */ error) => finish({ ok: false, error: toLambdaError(error) });
  const context = makeContext(request, succeed, fail);
  try {
    const fn = /** @type {Function} */ (handler);
    // Callback-style handlers declare three parameters, as the Node.js runtime checks.
    const result =
      fn.length >= 3
        ? fn(request.event, context, (/** @type {unknown} */ error, /** @type {unknown} */ value) => {
            const respond = () => (error ? fail(error) : succeed(value));
            // The Node.js runtime answers a callback once the event loop is empty, unless told not to wait.
            if (context.callbackWaitsForEmptyEventLoop) whenEventLoopEmpty(respond);
            else respond();
          })
        : fn(request.event, context);
    if (result && typeof result.then === 'function') result.then(succeed, fail);
    else if (fn.length < 3) succeed(result);
  } catch (error) {
    fail(error);
  }
}

/** What keeps the event loop of every environment alive: its channel to the runner. */
const CHANNEL_RESOURCES = new Set(['MessagePort', 'PipeWrap', 'CloseReq']);

/**
 * Calls `then` once nothing but the channel keeps the event loop alive (pending timers, sockets in use, …).
 * Idle keep-alive sockets and unref'd timers do not count, as for the runtime's own check.
 * @param {() => void} then
 */
function whenEventLoopEmpty(then) {
  const check = () => {
    if (process.getActiveResourcesInfo().every((resource) => CHANNEL_RESOURCES.has(resource))) then();
    // An unref'd timer does not count itself; the function timeout still bounds the wait.
    else setTimeout(check, 1).unref();
  };
  setImmediate(check);
}

async function init() {
  installTrust();
  installRedirects();
  captureOutput();
  let module;
  try {
    module = await import(pathToFileURL(data.bundlePath).href);
  } catch (error) {
    // Lambda reports a module that cannot be found as Runtime.ImportModuleError.
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      port.postMessage({
        type: 'init-error',
        error: { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${/** @type {Error} */ (error).message}`, trace: toLambdaError(error).trace },
      });
    } else {
      port.postMessage({ type: 'init-error', error: toLambdaError(error) });
    }
    return;
  }
  const candidate = module[data.exportName];
  if (typeof candidate !== 'function') {
    port.postMessage({
      type: 'init-error',
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${data.handlerFile}.${data.exportName} is undefined or not exported`, trace: [] },
    });
    return;
  }
  handler = candidate;
  port.on('message', (/** @type {any} */ message) => {
    if (message.type === 'invoke') invoke(message);
  });
  port.postMessage({ type: 'ready' });
}

process.setSourceMapsEnabled(true);
if (parentPort) {
  init();
} else {
  // A child process learns its function from the first message, and reports an uncaught error before dying.
  process.on('uncaughtException', (error) => {
    port.postMessage({ type: 'fatal', error: toLambdaError(error) });
    process.exit(1);
  });
  process.once('message', (/** @type {any} */ message) => {
    data = message.data;
    init();
  });
}
