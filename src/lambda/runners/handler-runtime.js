// @ts-check
/**
 * The Node.js Lambda runtime's side of the handler contract, shared by every local runner: the context object,
 * async and callback handlers, Lambda's error shape, log lines, and the network policy that keeps AWS host
 * names local and trusts the gateway's certificate.
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { formatWithOptions } from 'node:util';

/** @typedef {{ errorType: string, errorMessage: string, trace: string[] }} LambdaError */
/** @typedef {{ functionName: string, memoryMb: number, region: string, accountId: string }} FunctionIdentity */
/** @typedef {{ requestId: string, event: unknown, deadlineMs: number, logStreamName: string }} Invocation */
/** @typedef {{ ok: true, json: string } | { ok: false, error: LambdaError }} HandlerOutcome */
/** @typedef {{ host: string, toHost: string, toPort: number, tls: boolean }} HostRedirect */

/**
 * Lambda's error shape.
 * @param {unknown} error
 * @returns {LambdaError}
 */
export function toLambdaError(error) {
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

/**
 * The context object of the Node.js runtime.
 * @param {FunctionIdentity} fn
 * @param {Invocation} request
 * @param {(result: unknown) => void} succeed
 * @param {(error: unknown) => void} fail
 */
function makeContext(fn, request, succeed, fail) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: request.requestId,
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: request.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - Date.now()),
    // The legacy completion methods of the Node.js runtime.
    done: (/** @type {unknown} */ error, /** @type {unknown} */ result) => (error ? fail(error) : succeed(result)),
    succeed: (/** @type {unknown} */ result) => succeed(result),
    fail: (/** @type {unknown} */ error) => fail(error ?? new Error('handled')),
  };
}

/**
 * Runs one invocation as the Node.js runtime does and calls `finish` once: async handlers by their promise,
 * callback handlers (three parameters) by their callback, answered once `waitForEmptyEventLoop` says so.
 * @param {Function} handler
 * @param {FunctionIdentity} fn
 * @param {Invocation} request
 * @param {(outcome: HandlerOutcome) => void} finish
 * @param {(respond: () => void) => void} waitForEmptyEventLoop
 */
export function invokeHandler(handler, fn, request, finish, waitForEmptyEventLoop) {
  let settled = false;
  /** @param {HandlerOutcome} outcome */
  const settle = (outcome) => {
    if (settled) return;
    settled = true;
    finish(outcome);
  };
  const succeed = (/** @type {unknown} */ result) => {
    try {
      // Lambda serialises the result; undefined becomes null.
      settle({ ok: true, json: JSON.stringify(result === undefined ? null : result) ?? 'null' });
    } catch (error) {
      settle({
        ok: false,
        error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${/** @type {Error} */ (error).message}`, trace: [] },
      });
    }
  };
  const fail = (/** @type {unknown} */ error) => settle({ ok: false, error: toLambdaError(error) });
  const context = makeContext(fn, request, succeed, fail);
  try {
    // Callback-style handlers declare three parameters, as the Node.js runtime checks.
    const result =
      handler.length >= 3
        ? handler(request.event, context, (/** @type {unknown} */ error, /** @type {unknown} */ value) => {
            const respond = () => (error ? fail(error) : succeed(value));
            // The Node.js runtime answers a callback once the event loop is empty, unless told not to wait.
            if (context.callbackWaitsForEmptyEventLoop) waitForEmptyEventLoop(respond);
            else respond();
          })
        : handler(request.event, context);
    if (result && typeof result.then === 'function') result.then(succeed, fail);
    else if (handler.length < 3) succeed(result);
  } catch (error) {
    fail(error);
  }
}

/**
 * A line of console output in Lambda's text or JSON log format.
 * @param {'text' | 'json'} logFormat
 * @param {string} level
 * @param {string} requestId
 * @param {unknown[]} values
 */
export function consoleLine(logFormat, level, requestId, values) {
  if (logFormat === 'json') {
    // Lambda's JSON format: a lone object argument is the message itself.
    const message = values.length === 1 && typeof values[0] === 'object' && values[0] !== null ? values[0] : formatWithOptions({ colors: false }, ...values);
    return JSON.stringify({ timestamp: new Date().toISOString(), level, requestId, message });
  }
  return `${new Date().toISOString()}\t${requestId}\t${level}\t${formatWithOptions({ colors: false }, ...values)}`;
}

export const CONSOLE_LEVELS = /** @type {const} */ ([
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
]);

/**
 * A raw write to stdout or stderr as a log line, or undefined for a blank one.
 * @param {unknown} chunk
 */
export function writtenLine(chunk) {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(/** @type {Uint8Array} */ (chunk)).toString();
  return text.trim() === '' ? undefined : text.replace(/\n$/, '');
}

/**
 * The gateway's own endpoints, for environments in its process: an in-memory connection to `host:port` when it
 * is one of them, else undefined.
 * @typedef {{ connect(host: string, port: number, secure: boolean): import('node:stream').Duplex | undefined }} OwnEndpoints
 */

/**
 * Where handler code's connections go, decided per connection.
 * @typedef {{
 *   redirectFor(host: unknown): HostRedirect | undefined,
 *   trusted(): tls.SecureContext,
 *   inMemory(host: unknown, port: unknown, secure: boolean): import('node:stream').Duplex | undefined,
 * }} NetworkPolicy
 */

/**
 * The policy of one function: its AWS host redirects, trust in the gateway's certificate (and
 * NODE_EXTRA_CA_CERTS) for connections that bring no trust settings of their own, and, for environments that
 * share the gateway's process, in-memory connections to its own endpoints.
 * @param {HostRedirect[]} redirects
 * @param {string[]} trustedCertificates
 * @param {string | undefined} extraCaFile
 * @param {OwnEndpoints} [ownEndpoints]
 * @returns {NetworkPolicy}
 */
export function networkPolicy(redirects, trustedCertificates, extraCaFile, ownEndpoints) {
  /** @type {tls.SecureContext | undefined} */
  let context;
  return {
    redirectFor(host) {
      if (typeof host !== 'string' || redirects.length === 0) return undefined;
      const name = host.toLowerCase();
      return redirects.find((redirect) => redirect.host === name);
    },
    trusted: () => {
      context ??= trustingContext(trustedCertificates, extraCaFile);
      return context;
    },
    inMemory(host, port, secure) {
      if (!ownEndpoints || typeof host !== 'string') return undefined;
      const portNumber = Number(port ?? (secure ? 443 : 80));
      return Number.isInteger(portNumber) ? ownEndpoints.connect(host, portNumber, secure) : undefined;
    },
  };
}

/**
 * Secure contexts by what they trust. Building one with every root certificate costs tens of milliseconds:
 * environments that trust the same certificates (all of one gateway's) share it.
 * @type {Map<string, tls.SecureContext>}
 */
const trustingContexts = new Map();

/**
 * @param {string[]} trustedCertificates
 * @param {string | undefined} extraCaFile
 */
function trustingContext(trustedCertificates, extraCaFile) {
  const key = `${extraCaFile ?? ''}\n${trustedCertificates.join('\n')}`;
  let context = trustingContexts.get(key);
  if (context) return context;
  const extra = [...trustedCertificates];
  if (extraCaFile) {
    try {
      extra.push(readFileSync(extraCaFile, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
  trustingContexts.set(key, context);
  return context;
}

const OWN_TRUST_KEYS = ['ca', 'secureContext', 'cert', 'key', 'pfx'];

/** @param {any[]} args */
function optionsIndex(args) {
  return args.findIndex((arg) => typeof arg === 'object' && arg !== null);
}

/**
 * An in-memory connection as the connect call asked for it: its idle timeout, and its listener for the connection.
 * @param {import('node:stream').Duplex | undefined} socket
 * @param {any} options
 * @param {any[]} args
 * @param {'connect' | 'secureConnect'} event
 */
function asConnected(socket, options, args, event) {
  if (!socket) return undefined;
  const listener = args.find((arg) => typeof arg === 'function');
  if (listener) socket.once(event, listener);
  if (typeof options.timeout === 'number') /** @type {any} */ (socket).setTimeout(options.timeout);
  return socket;
}

/**
 * Whether a TLS connection to the gateway would trust its certificate: it brings no trust of its own (the
 * policy's applies), or it checks none. Only then may an in-memory connection stand in for it.
 * @param {any} options
 */
function trustsGateway(options) {
  return options.rejectUnauthorized === false || !OWN_TRUST_KEYS.some((key) => options[key] !== undefined);
}

/**
 * Routes `tls.connect`, `net.connect` and `net.createConnection` through `policyNow()`, the policy of the code
 * that is connecting (undefined: the connection is left as asked).
 * @param {() => NetworkPolicy | undefined} policyNow
 */
export function installNetworkPolicy(policyNow) {
  const connectTls = tls.connect;
  /** @type {any} */ (tls).connect = function connectTrustingGateway(/** @type {any[]} */ ...args) {
    const policy = policyNow();
    const index = optionsIndex(args);
    const options = index === -1 ? undefined : args[index];
    if (!policy || !options) return /** @type {any} */ (connectTls).apply(this, args);
    const redirect = policy.redirectFor(options.host ?? options.servername);
    if (redirect && !redirect.tls) {
      // The local service speaks plain HTTP: the HTTPS client gets a plain connection to it.
      return (
        asConnected(policy.inMemory(redirect.toHost, redirect.toPort, false), options, args, 'connect') ??
        net.connect({ host: redirect.toHost, port: redirect.toPort })
      );
    }
    if (redirect) {
      const inMemory = options.socket ? undefined : policy.inMemory(redirect.toHost, redirect.toPort, true);
      if (inMemory) return asConnected(inMemory, options, args, 'secureConnect');
      // The gateway's certificate names localhost: trust it for the AWS host name the code asked for.
      args[index] = {
        ...options,
        host: redirect.toHost,
        port: redirect.toPort,
        servername: 'localhost',
        secureContext: policy.trusted(),
        checkServerIdentity: () => undefined,
      };
    } else if (!OWN_TRUST_KEYS.some((key) => options[key] !== undefined)) {
      const inMemory = options.socket ? undefined : policy.inMemory(options.host ?? 'localhost', options.port, true);
      if (inMemory) return asConnected(inMemory, options, args, 'secureConnect');
      args[index] = { ...options, secureContext: policy.trusted() };
    } else if (trustsGateway(options) && !options.socket) {
      const inMemory = policy.inMemory(options.host ?? 'localhost', options.port, true);
      if (inMemory) return asConnected(inMemory, options, args, 'secureConnect');
    }
    return /** @type {any} */ (connectTls).apply(this, args);
  };
  /**
   * Plain HTTP to a redirected AWS host name goes to the local service too; to the gateway's own endpoints, in
   * memory where the policy has them.
   * @param {Function} original
   */
  const connectLocally = (original) =>
    /** @this {unknown} */
    function connectLocally(/** @type {any[]} */ ...args) {
      const policy = policyNow();
      const index = optionsIndex(args);
      if (!policy || index === -1) return original.apply(this, args);
      const options = args[index];
      const redirect = policy.redirectFor(options.host);
      const inMemory = options.path ? undefined : policy.inMemory(redirect?.toHost ?? options.host ?? 'localhost', redirect?.toPort ?? options.port, false);
      if (inMemory) return asConnected(inMemory, options, args, 'connect');
      if (redirect) args[index] = { ...options, host: redirect.toHost, port: redirect.toPort };
      return original.apply(this, args);
    };
  for (const method of /** @type {const} */ (['connect', 'createConnection'])) {
    /** @type {any} */ (net)[method] = connectLocally(net[method]);
  }
  syncBuiltinESMExports();
}

/**
 * A plain connection to one of the gateway's own endpoints, in memory, when the policy has it; else undefined.
 * For connect functions that bypass `net.connect` (node:http's agents, in the in-process runner).
 * @param {NetworkPolicy | undefined} policy
 * @param {any[]} args
 */
export function plainConnectionInMemory(policy, args) {
  const options = args[optionsIndex(args)];
  if (!policy || !options || options.path) return undefined;
  const redirect = policy.redirectFor(options.host);
  return asConnected(policy.inMemory(redirect?.toHost ?? options.host ?? 'localhost', redirect?.toPort ?? options.port, false), options, args, 'connect');
}
