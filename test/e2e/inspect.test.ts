/**
 * `hoplite dev --inspect` as a debugger sees it: over the inspector protocol (CDP), a breakpoint in a CommonJS handler
 * stops the invocation at its line and the response arrives after the resume, with each runner; a TypeScript
 * handler's script carries its source map. A pause longer than the function's timeout does not end the environment.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The command from its sources, run in a folder outside this repository: tsx by its URL.
const command = ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'src', 'cli', 'bin.ts')];
const WAIT_MS = 15_000;

/** The breakpoint's line in app.js, 0-based as the protocol counts: `const greeting = …`. */
const BREAKPOINT_LINE = 1;
/** Longer than the function's 1 s timeout: only a raised timeout lets the invocation finish. */
const PAUSE_MS = 1_500;

let scratch: string;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hoplite-inspect-'));
  // The definition imports 'hoplite', as a project that installed it does.
  await mkdir(join(scratch, 'node_modules'));
  await symlink(root, join(scratch, 'node_modules', 'hoplite'), 'dir');
  await writeFile(join(scratch, 'package.json'), '{ "name": "inspect-scratch", "private": true }\n');
  await writeFile(
    join(scratch, 'app.js'),
    "exports.handler = async (event) => {\n  const greeting = 'hello ' + event.rawPath;\n  return { statusCode: 200, body: greeting };\n};\n",
  );
  await writeFile(
    join(scratch, 'typed.ts'),
    'interface PathEvent {\n  rawPath: string;\n}\nexport const handler = async (event: PathEvent) => ({ statusCode: 200, body: `typed ${event.rawPath}` });\n',
  );
  await writeFile(
    join(scratch, 'exit.js'),
    "exports.handler = async (event) => {\n  if (event.queryStringParameters?.exit) process.exit(3);\n  return { statusCode: 200, body: 'alive' };\n};\n",
  );
  await writeFile(
    join(scratch, 'hoplite.config.ts'),
    `import { fn, httpApi, service } from 'hoplite';

const hello = fn('hello', { handler: 'app.js#handler', timeoutSeconds: 1 });
const typed = fn('typed', { handler: 'typed.ts#handler' });
const quit = fn('quit', { handler: 'exit.js#handler' });
export default service('inspect-scratch', {
  apis: [httpApi({ name: 'api' }).route('GET /hello', hello).route('GET /typed', typed).route('GET /quit', quit)],
});
`,
  );
});
after(() => rm(scratch, { recursive: true, force: true }));

async function waitUntil<T>(what: string, read: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Dev {
  output(): string;
  apiUrl: string;
}

async function startDev(t: TestContext, runner: string): Promise<Dev> {
  const child: ChildProcess = spawn(process.execPath, [...command, 'dev', '--inspect=127.0.0.1:0', '--port', '0', '--runner', runner], {
    cwd: scratch,
    env: { ...process.env, XDG_CACHE_HOME: join(scratch, '.cache'), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const apiUrl = await waitUntil(`the API's URL in:\n${output}`, () => output.match(/HTTP API api: (http:\/\/127\.0\.0\.1:\d+)/)?.[1]);
  await waitUntil('Press Ctrl-C', () => (output.includes('Press Ctrl-C to stop.') ? true : undefined));
  return { output: () => output, apiUrl };
}

interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
}

/** One inspector session: commands answered by id, events kept until taken; worker sessions nest inside it. */
class Cdp {
  private nextId = 1;
  private readonly answers = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  private readonly events: CdpEvent[] = [];
  private readonly workers = new Map<string, Cdp>();
  private readonly listeners: Array<(event: CdpEvent) => void> = [];
  /** `Debugger.scriptParsed` by script id: call frames name their script by id. */
  readonly scripts = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly post: (text: string) => void,
    readonly close: () => void = () => {},
  ) {}

  static async connect(t: TestContext, url: string): Promise<Cdp> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    t.after(() => socket.terminate());
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const cdp = new Cdp(
      (text) => socket.send(text),
      () => socket.close(),
    );
    socket.on('message', (data: Buffer) => cdp.receive(data.toString()));
    return cdp;
  }

  /** A worker thread's session, carried by NodeWorker messages over this one. */
  worker(sessionId: string): Cdp {
    const worker = new Cdp((message) => void this.send('NodeWorker.sendMessageToWorker', { sessionId, message }));
    this.workers.set(sessionId, worker);
    return worker;
  }

  /** Every event of `method` from now on, as well as kept for `next`. */
  on(method: string, listener: (params: Record<string, unknown>) => void): void {
    this.listeners.push((event) => {
      if (event.method === method) listener(event.params);
    });
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.post(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer within ${WAIT_MS} ms`)), WAIT_MS);
      this.answers.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as Record<string, unknown>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** The first event of `method` that `matches`, taken from those received so far or still to come. */
  next(method: string, matches: (params: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    return waitUntil(method, () => {
      const index = this.events.findIndex((event) => event.method === method && matches(event.params));
      return index === -1 ? undefined : (this.events.splice(index, 1)[0] as CdpEvent).params;
    });
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) {
      const answer = this.answers.get(message.id);
      this.answers.delete(message.id);
      if (message.error) answer?.reject(new Error(message.error.message));
      else answer?.resolve(message.result);
      return;
    }
    const params = message.params ?? {};
    if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      this.workers.get(params.sessionId as string)?.receive(params.message as string);
      return;
    }
    if (message.method === 'Debugger.scriptParsed') this.scripts.set(params.scriptId as string, params);
    const event = { method: message.method as string, params };
    for (const listener of this.listeners) listener(event);
    this.events.push(event);
  }
}

/** A worker that waited for the debugger stops at its first statement once it runs: let it go on. */
async function runWaitingWorker(worker: Cdp): Promise<void> {
  await worker.send('Runtime.runIfWaitingForDebugger');
  const paused = await worker.next('Debugger.paused');
  assert.equal(paused.reason, 'Break on start');
  await worker.send('Debugger.resume');
}

/** Sets the breakpoint in app.js; its environment's code may be loaded already or not yet. */
async function setBreakpoint(target: Cdp): Promise<string> {
  await target.send('Debugger.enable');
  const { breakpointId } = await target.send('Debugger.setBreakpointByUrl', { urlRegex: '[\\\\/]app\\.js$', lineNumber: BREAKPOINT_LINE });
  return breakpointId as string;
}

/** The invocation stops in app.js at the breakpoint's line; held past the function's timeout, it finishes after the resume. */
async function pausedAtBreakpoint(target: Cdp, breakpointId: string, response: Promise<Response>): Promise<void> {
  const paused = await target.next('Debugger.paused');
  assert.deepEqual(paused.hitBreakpoints, [breakpointId]);
  const [top] = paused.callFrames as Array<{ location: { scriptId: string; lineNumber: number } }>;
  assert.match(target.scripts.get(top?.location.scriptId ?? '')?.url as string, /[\\/]app\.js$/);
  assert.equal(top?.location.lineNumber, BREAKPOINT_LINE);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  await target.send('Debugger.resume');
  const answered = await response;
  assert.equal(answered.status, 200);
  assert.equal(await answered.text(), 'hello /hello');
}

/** The TypeScript handler's compiled script names its source map, inline, so a debugger shows the .ts source. */
async function typedScriptHasSourceMap(target: Cdp): Promise<void> {
  const script = await target.next('Debugger.scriptParsed', (params) => /[\\/]typed\.ts$/.test(params.url as string));
  assert.match(script.sourceMapURL as string, /^data:application\/json/);
}

function get(dev: Dev, path: string): Promise<Response> {
  const response = fetch(`${dev.apiUrl}${path}`, { signal: AbortSignal.timeout(WAIT_MS) });
  // A test that fails before awaiting it must not leave a rejection behind when the gateway is killed.
  response.catch(() => {});
  return response;
}

function processInspectorUrl(dev: Dev): string {
  const match = dev
    .output()
    .match(/^Debugger listening on (ws:\/\/127\.0\.0\.1:(\d+)\/[\w-]+) {2}\(chrome:\/\/inspect, or attach VS Code to 127\.0\.0\.1:(\d+)\)$/m);
  assert.ok(match, `no inspector line in:\n${dev.output()}`);
  assert.equal(match[2], match[3]);
  return match[1] as string;
}

test('--runner worker-thread: a debugger attached to the gateway reaches the environment as a NodeWorker target and stops at the breakpoint', async (t) => {
  const dev = await startDev(t, 'worker-thread');
  const main = await Cdp.connect(t, processInspectorUrl(dev));
  const isEnvironment = (params: Record<string, unknown>) => /environment-bootstrap\.js$/.test((params.workerInfo as { url: string }).url);
  // Other threads wait for the debugger too (an environment's module hooks, esbuild's): a debugger lets them run.
  main.on('NodeWorker.attachedToWorker', (params) => {
    if (!isEnvironment(params) && params.waitingForDebugger) void main.worker(params.sessionId as string).send('Runtime.runIfWaitingForDebugger');
  });
  await main.send('NodeWorker.enable', { waitForDebuggerOnStart: true });

  const response = get(dev, '/hello');
  const attached = await main.next('NodeWorker.attachedToWorker', isEnvironment);
  assert.equal(attached.waitingForDebugger, true);
  const environment = main.worker(attached.sessionId as string);
  const breakpointId = await setBreakpoint(environment);
  await runWaitingWorker(environment);
  await pausedAtBreakpoint(environment, breakpointId, response);
  assert.match(dev.output(), /hello: invocation [\w-]+ ran 1\.\d\d s, past the function's 1 s timeout: allowed while inspecting/);

  const typedResponse = get(dev, '/typed');
  const typedAttached = await main.next('NodeWorker.attachedToWorker', isEnvironment);
  const typed = main.worker(typedAttached.sessionId as string);
  await typed.send('Debugger.enable');
  await runWaitingWorker(typed);
  await typedScriptHasSourceMap(typed);
  assert.equal(await (await typedResponse).text(), 'typed /typed');
});

test('--runner in-process: a debugger attached to the gateway stops at the breakpoint on its own thread', async (t) => {
  const dev = await startDev(t, 'in-process');
  const main = await Cdp.connect(t, processInspectorUrl(dev));
  const breakpointId = await setBreakpoint(main);
  await pausedAtBreakpoint(main, breakpointId, get(dev, '/hello'));

  const typedResponse = await get(dev, '/typed');
  assert.equal(await typedResponse.text(), 'typed /typed');
  await typedScriptHasSourceMap(main);
});

test('--runner child-process: each environment listens on its own inspector, printed with its function, and stops at the breakpoint', async (t) => {
  const dev = await startDev(t, 'child-process');
  assert.match(dev.output(), /^Debugger: each environment listens on a free port of 127\.0\.0\.1 as it starts/m);
  const environmentUrl = (fn: string) =>
    waitUntil(
      `[${fn}]'s inspector`,
      () => dev.output().match(new RegExp(`^\\[${fn}\\] Debugger listening on (ws://127\\.0\\.0\\.1:\\d+/[\\w-]+) {2}\\(environment `, 'm'))?.[1],
    );

  // The environment starts with the first request; the second runs warm in it, under the debugger.
  assert.equal(await (await get(dev, '/hello')).text(), 'hello /hello');
  const environment = await Cdp.connect(t, await environmentUrl('hello'));
  const breakpointId = await setBreakpoint(environment);
  await pausedAtBreakpoint(environment, breakpointId, get(dev, '/hello'));

  assert.equal(await (await get(dev, '/typed')).text(), 'typed /typed');
  const typed = await Cdp.connect(t, await environmentUrl('typed'));
  await typed.send('Debugger.enable');
  await typedScriptHasSourceMap(typed);
});

test('--runner child-process: an environment that exits under a debugger ends at once, with its status when the debugger lets go as VS Code does', async (t) => {
  const dev = await startDev(t, 'child-process');
  const crashed = async (status: RegExp) => {
    const response = await get(dev, '/quit?exit=1');
    assert.equal(response.status, 500);
    await waitUntil(`${status} in the log`, () => (status.test(dev.output()) ? true : undefined));
  };
  const environmentUrl = (index: number) =>
    waitUntil("[quit]'s inspector", () => [...dev.output().matchAll(/^\[quit\] Debugger listening on (ws:\/\/\S+) {2}/gm)][index]?.[1]);

  // A debugger that stays attached: the environment is ended after a moment, its status unknown.
  assert.equal(await (await get(dev, '/quit')).text(), 'alive');
  const staying = await Cdp.connect(t, await environmentUrl(0));
  await staying.send('Debugger.enable');
  await crashed(/Runtime exited with error: exit status unknown \(it exited with a debugger attached\)/);

  // A debugger that detaches when told the process waits for it: the environment's own exit status.
  assert.equal(await (await get(dev, '/quit')).text(), 'alive');
  const detaching = await Cdp.connect(t, await environmentUrl(1));
  await detaching.send('Debugger.enable');
  await detaching.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true });
  detaching.on('NodeRuntime.waitingForDisconnect', () => detaching.close());
  await crashed(/Runtime exited with error: exit status 3/);
});
