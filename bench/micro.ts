/**
 * Micro benchmarks of the gateway's hot pure functions: route matching, selection expressions, event building.
 * `npm run micro` measures the working tree; `npm run micro -- --base <commit>` measures that commit as well (a
 * temporary git worktree) and prints both with the ratio. Every case runs in a fresh process, three times per
 * tree, the trees taking turns (JIT tiering makes a single process's figure vary by up to 2×); the median counts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repository = resolve(here, '..');

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

interface Result {
  name: string;
  nsPerOp: number;
}

/** One case: what it measures, and how to make the operation from a source tree (undefined: not in that tree). */
interface MicroCase {
  name: string;
  prepare(src: string): Promise<(() => unknown) | undefined>;
}

async function load<T>(src: string, path: string): Promise<T | undefined> {
  const file = join(src, path);
  return existsSync(file) ? ((await import(file)) as T) : undefined;
}

const HEADERS = [
  'Host',
  '127.0.0.1:3003',
  'User-Agent',
  'Mozilla/5.0 (X11; Linux x86_64)',
  'Accept',
  'application/json',
  'Accept-Encoding',
  'gzip, deflate',
  'Accept-Language',
  'en-GB,en;q=0.9',
  'Origin',
  'http://127.0.0.1:3004',
  'Cookie',
  'session=abc; theme=dark',
  'X-Request-Id',
  'r-1',
];

const CASES: MicroCase[] = [
  {
    name: 'HTTP route match (10 routes, path parameters)',
    async prepare(src) {
      const module = await load<typeof import('../src/http/router.ts')>(src, 'http/router.ts');
      if (!module) return undefined;
      const keys = [
        'GET /todos',
        'POST /todos',
        'DELETE /todos/{id}',
        'PUT /todos/{id}',
        'GET /users/{id}',
        'GET /users/{id}/posts',
        'GET /users/{id}/posts/{postId}',
        'ANY /files/{proxy+}',
        'GET /health',
        '$default',
      ];
      const router = module.createRouter(keys.map((key) => ({ key })));
      return () => router.match('GET', '/users/42/posts/7');
    },
  },
  {
    name: 'WebSocket route selection ($request.body.action)',
    async prepare(src) {
      const module = await load<typeof import('../src/expressions/selection.ts')>(src, 'expressions/selection.ts');
      if (!module) return undefined;
      const expression = module.compileSelectionExpression('$request.body.action');
      const keys = new Set(['$connect', '$disconnect', '$default', 'sendmessage', 'echo']);
      const message = '{"action":"sendmessage","data":"hello world !"}';
      return () => module.selectRoute(expression, message, keys);
    },
  },
  {
    name: 'HTTP API payload 2.0 event (8 headers, query, cookies)',
    async prepare(src) {
      const module = await load<typeof import('../src/http/payload-v2.ts')>(src, 'http/payload-v2.ts');
      if (!module) return undefined;
      const facts = {
        method: 'GET',
        rawPath: '/v1/todos/7',
        rawQuery: 'limit=10&sort=desc',
        rawHeaders: HEADERS,
        body: undefined,
        sourceIp: '127.0.0.1',
        domainName: '127.0.0.1:3003',
        localPort: 3003,
        secure: false,
        traceId: 'Root=1-67891233-abcdef012345678912345678',
        requestId: 'JKJaXmPLvHcESHA=',
        timeEpoch: 1_700_000_000_000,
      };
      const api = { apiId: 'a1b2c3d4e5', accountId: '000000000000', stage: 'v1', stageVariables: undefined };
      return () => module.requestToProxyEventV2(facts, api, 'GET /todos/{id}', { id: '7' });
    },
  },
  {
    name: 'HTTP API payload 2.0 result to response',
    async prepare(src) {
      const module = await load<typeof import('../src/http/payload-v2.ts')>(src, 'http/payload-v2.ts');
      if (!module) return undefined;
      const result = { statusCode: 200, headers: { 'content-type': 'application/json', 'x-trace': 'abc' }, body: '{"id":"7","title":"write"}' };
      return () => module.proxyResultV2ToResponse(result);
    },
  },
  {
    name: 'WebSocket MESSAGE event',
    async prepare(src) {
      const module = await load<typeof import('../src/websocket/events.ts')>(src, 'websocket/events.ts');
      if (!module) return undefined;
      const facts = {
        connectionId: 'JKJaXmPLvHcCFmQ=',
        connectedAt: 1_700_000_000_000,
        sourceIp: '127.0.0.1',
        userAgent: 'probe/1.0',
        domainName: '127.0.0.1:3001',
        stage: 'v1',
        apiId: 'a1b2c3d4e5',
        stageVariables: undefined,
      };
      const body = '{"action":"sendmessage","data":"hello world !"}';
      return () => module.messageEvent(facts, 'sendmessage', body, 'JKJaXmPLvHcESHA=', 'JKJaXmPLvHcESHB=', 1_700_000_000_123);
    },
  },
];

/** Every result lands here, so the calls cannot be optimised away. */
export let sink: unknown;

/** Median of five rounds of about 100 ms each, after a warm-up round. */
function measure(operation: () => unknown): number {
  const round = (iterations: number) => {
    const startedAt = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink = operation();
    return Number(process.hrtime.bigint() - startedAt) / iterations;
  };
  // Calibrate: enough iterations for a round of about 100 ms.
  let iterations = 1_000;
  while (round(iterations) * iterations < 25_000_000) iterations *= 2;
  iterations *= 4;
  round(iterations);
  const rounds = Array.from({ length: 5 }, () => round(iterations)).sort((a, b) => a - b);
  return rounds[2] as number;
}

/** Runs one case on one source tree in a fresh process: nanoseconds per call (NaN when not in that tree). */
function measureInChild(src: string, caseIndex: number): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--src', src, '--case', String(caseIndex)], {
    cwd: here,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`micro benchmark "${CASES[caseIndex]?.name}" on ${src} failed`);
  return Number(child.stdout);
}

const REPEATS = 3;

/** Median over REPEATS processes per case and tree; the trees take turns so that drift hits both alike. */
function measureTrees(trees: string[]): Result[][] {
  const samples = trees.map(() => CASES.map(() => [] as number[]));
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const [caseIndex] of CASES.entries()) {
      for (const [treeIndex, tree] of trees.entries()) samples[treeIndex]?.[caseIndex]?.push(measureInChild(tree, caseIndex));
    }
  }
  return samples.map((perCase) =>
    perCase.map((values, caseIndex) => ({
      name: CASES[caseIndex]?.name as string,
      nsPerOp: values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number,
    })),
  );
}

function formatNs(ns: number): string {
  if (Number.isNaN(ns)) return 'not in tree';
  return `${ns < 100 ? ns.toFixed(1) : Math.round(ns).toLocaleString('en-US')} ns (${Math.round(1e9 / ns).toLocaleString('en-US')}/s)`;
}

const src = flag('--src');
if (src) {
  // A child measuring one case on one tree.
  const operation = await CASES[Number(flag('--case'))]?.prepare(src);
  process.stdout.write(String(operation ? measure(operation) : Number.NaN));
} else {
  const base = flag('--base');
  const currentSrc = join(repository, 'src');
  if (!base) {
    const [current] = measureTrees([currentSrc]) as [Result[]];
    const lines = ['| function | time per call |', '| --- | --- |', ...current.map((row) => `| ${row.name} | ${formatNs(row.nsPerOp)} |`)];
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    const baseCommit = execFileSync('git', ['rev-parse', '--short', base], { cwd: repository, encoding: 'utf8' }).trim();
    const worktree = mkdtempSync(join(tmpdir(), 'hoplite-micro-'));
    try {
      execFileSync('git', ['worktree', 'add', '--detach', worktree, baseCommit], { cwd: repository, stdio: 'ignore' });
      // The base tree imports the same packages: it borrows this checkout's node_modules.
      symlinkSync(join(repository, 'node_modules'), join(worktree, 'node_modules'), 'dir');
      const [before, current] = measureTrees([join(worktree, 'src'), currentSrc]) as [Result[], Result[]];
      const lines = [`| function | base ${baseCommit} | working tree | base ÷ working tree |`, '| --- | --- | --- | --- |'];
      for (const [index, row] of current.entries()) {
        const old = before[index]?.nsPerOp ?? Number.NaN;
        const ratio = Number.isNaN(old) ? '' : `${(old / row.nsPerOp).toFixed(2)}×`;
        lines.push(`| ${row.name} | ${formatNs(old)} | ${formatNs(row.nsPerOp)} | ${ratio} |`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repository, stdio: 'ignore' });
      rmSync(worktree, { recursive: true, force: true });
    }
  }
}
