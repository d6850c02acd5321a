// @ts-check
/**
 * One Lambda execution environment, in a worker thread or a child process: trusts the gateway's certificate,
 * captures the handler's output as Lambda log lines, loads the bundle (init), then runs one invocation at a time.
 * Plain JavaScript: environments start without the TypeScript loader.
 */
import { register } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { loadHandler, locateHandler } from './handler-loader.js';
import { CONSOLE_LEVELS, consoleLine, installNetworkPolicy, invokeHandler, networkPolicy, toLambdaError, writtenLine } from './handler-runtime.js';
import { isInside } from './module-policy.js';
import { installRequirePolicy } from './require-policy.js';
import { installWorkingDirectory } from './working-directory.js';

/** @typedef {import('./handler-runtime.js').LambdaError} LambdaError */

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

/**
 * @typedef {import('./handler-runtime.js').FunctionIdentity & {
 *   handler: string, handlerBase: string, codeRoot: string, cacheDir: string | undefined, snapshot: import('./module-policy.js').Snapshot, layerPaths: string[], timeoutSeconds: number,
 *   trustedCertificates: string[], redirects: import('./handler-runtime.js').HostRedirect[], logFormat: 'text' | 'json', maxResponseBytes: number,
 * }} EnvironmentData
 */

/** The function this environment runs: the worker's data, or the child's first message. */
let data = /** @type {EnvironmentData} */ (workerData);

/** The request id of the invocation in progress; Lambda prints `undefined` outside one. */
let currentRequestId = 'undefined';

/** @param {string} line */
function postLog(line) {
  port.postMessage({ type: 'log', line });
}

function captureOutput() {
  for (const [method, level] of CONSOLE_LEVELS) {
    console[method] = (/** @type {unknown[]} */ ...values) => postLog(consoleLine(data.logFormat, level, currentRequestId, values));
  }
  /** @param {NodeJS.WriteStream} stream */
  const capture = (stream) => {
    /** @type {any} */ (stream).write = (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding, /** @type {unknown} */ callback) => {
      const line = writtenLine(chunk);
      if (line !== undefined) postLog(line);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    };
  };
  capture(process.stdout);
  capture(process.stderr);
}

/** Max Memory Used: a child process's peak resident memory, as Lambda counts the environment's; a worker's heap. */
function heapUsedMb() {
  if (!parentPort) return Math.round(process.resourceUsage().maxRSS / 1024);
  return Math.round(getHeapStatistics().used_heap_size / (1024 * 1024));
}

/** How often a child process compares its resident memory with memorySize. */
const MEMORY_CHECK_INTERVAL_MS = 50;

/**
 * A child process holds memorySize for all it uses, as Lambda does: its resident memory (Buffers and other
 * memory outside the heap included) past memorySize ends it with Runtime.OutOfMemory. Checked on a timer and
 * before each result is sent. A worker thread shares its process's memory: only its heap limit applies.
 */
function overMemorySize() {
  return !parentPort && process.memoryUsage.rss() > data.memoryMb * 1024 * 1024;
}

let dying = false;

function dieOutOfMemory() {
  if (dying) return;
  dying = true;
  const error = { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] };
  /** @type {NonNullable<typeof process.send>} */ (process.send)({ type: 'fatal', error }, undefined, {}, () => process.exit(137));
}

function watchMemory() {
  if (parentPort) return;
  setInterval(() => {
    if (overMemorySize()) dieOutOfMemory();
  }, MEMORY_CHECK_INTERVAL_MS).unref();
}

/**
 * A result over Lambda's response limit fails its invocation in the gateway whatever it holds: only its size
 * crosses, so a 50 MB result is not copied into the gateway's heap.
 * @param {import('./handler-runtime.js').HandlerOutcome} outcome
 */
function withinResponseLimit(outcome) {
  if (!outcome.ok || outcome.json.length * 3 <= data.maxResponseBytes) return outcome;
  const jsonBytes = Buffer.byteLength(outcome.json);
  return jsonBytes > data.maxResponseBytes ? { ok: true, json: '', jsonBytes } : outcome;
}

/** @type {Function | undefined} */
let handler;

/**
 * @param {import('./handler-runtime.js').Invocation} request
 */
function invoke(request) {
  currentRequestId = request.requestId;
  invokeHandler(
    /** @type {Function} */ (handler),
    data,
    request,
    (outcome) => {
      if (overMemorySize()) dieOutOfMemory();
      else port.postMessage({ type: 'result', requestId: request.requestId, heapUsedMb: heapUsedMb(), ...withinResponseLimit(outcome) });
    },
    whenEventLoopEmpty,
  );
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

/** The function's modules resolve as after a deployment of its code root; its working directory is that root. */
function installModulePolicy() {
  const scope = { codeRoot: data.codeRoot, cacheDir: data.cacheDir, snapshot: data.snapshot, layerPaths: data.layerPaths };
  // ES module hooks run on a thread of their own (about 10 MB per environment): only functions with ES modules
  // get them. A CommonJS function's dynamic import() then resolves as Node's default loader does.
  if (Object.values(data.snapshot).some((entry) => entry.format === 'module')) {
    register(new URL('./module-hooks.js', import.meta.url), { data: { scopes: [scope] } });
  }
  installRequirePolicy({ scopeOf: (file) => (isInside(file, scope.codeRoot) ? scope : undefined), snapshotOf: () => scope.snapshot });
  // A child process starts in the code root; a worker thread shares the process's directory.
  if (parentPort) installWorkingDirectory(() => data.codeRoot);
}

async function init() {
  const policy = networkPolicy(data.redirects, data.trustedCertificates, process.env.NODE_EXTRA_CA_CERTS);
  installNetworkPolicy(() => policy);
  captureOutput();
  watchMemory();
  installModulePolicy();
  const located = locateHandler(data.handler, data.handlerBase);
  const found = located.ok ? await loadHandler(data.handler, located.location, { toLambdaError }) : located;
  if (!found.ok) {
    port.postMessage({ type: 'init-error', error: found.error });
    return;
  }
  handler = found.handler;
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
  // The gateway is gone (it exited or was killed): so is this environment.
  process.once('disconnect', () => process.exit(0));
  process.once('message', (/** @type {any} */ message) => {
    data = message.data;
    init();
  });
}
