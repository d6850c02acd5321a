/** The --data-dir lock between processes: one holder at a time, stopped holders taken over, writes kept across SIGKILL. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { lockDirectory } from '../../src/dynamodb/lock.ts';

const racerScript = fileURLToPath(new URL('../fixtures/data-dir/racer.ts', import.meta.url));
const TABLE = 'sample-connections';
const ANSWER_TIMEOUT_MS = 30_000;

interface Answer {
  pid: number;
  ready?: boolean;
  started?: boolean;
  stopped?: boolean;
  code?: string;
  message?: string;
  dynamodbEndpoint?: string;
}

interface Racer {
  child: ChildProcess;
  send(line: string): Promise<Answer>;
}

/** A gateway process driven line by line; resolves once it has loaded everything it needs to start. */
async function spawnRacer(): Promise<Racer> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', racerScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<(answer: Answer) => void> = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Answer));
  const next = () =>
    new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`racer ${child.pid} did not answer within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      waiting.push((answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  const ready = await next();
  assert.equal(ready.ready, true);
  return {
    child,
    send: (line) => {
      const answer = next();
      child.stdin?.write(`${line}\n`);
      return answer;
    },
  };
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopRacer(racer: Racer): Promise<void> {
  racer.child.stdin?.end();
  await ended(racer.child);
}

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
}

/** A lock left as a stopped holder leaves it: the lock directory, and the holder's id beside it. */
async function leaveLock(dir: string, pid: number, ageMs: number): Promise<void> {
  await mkdir(join(dir, 'hoplite.lock.d'));
  const then = new Date(Date.now() - ageMs);
  await utimes(join(dir, 'hoplite.lock.d'), then, then);
  await writeFile(join(dir, 'hoplite.lock.json'), JSON.stringify({ pid, hostname: hostname(), startedAt: then.toISOString() }));
}

/** A process id that no process has now: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await ended(child);
  return child.pid as number;
}

test('data-dir lock: two gateways started at the same instant on one folder, in 20 trials: exactly one starts, the other is refused naming it', async (t) => {
  const [first, second] = await Promise.all([spawnRacer(), spawnRacer()]);
  t.after(() => Promise.all([stopRacer(first), stopRacer(second)]));
  const parent = await mkdtemp(join(tmpdir(), 'hoplite-race-'));
  t.after(() => rm(parent, { recursive: true, force: true }));
  for (let trial = 0; trial < 20; trial += 1) {
    const dataDir = join(parent, `trial-${trial}`);
    const answers = await Promise.all([first.send(`start ${dataDir}`), second.send(`start ${dataDir}`)]);
    const winners = answers.filter((answer) => answer.started);
    const losers = answers.filter((answer) => !answer.started);
    assert.equal(winners.length, 1, `trial ${trial}: ${JSON.stringify(answers)}`);
    const [winner] = winners as [Answer];
    const [loser] = losers as [Answer];
    assert.equal(loser.code, 'HOPLITE_ERR_DYNAMODB_LOCKED', `trial ${trial}: ${JSON.stringify(loser)}`);
    assert.match(
      loser.message ?? '',
      new RegExp(`^the data directory ${dataDir} is in use by process ${winner.pid} on .+ \\(since .+\\); stop it or choose another --data-dir$`),
    );
    await Promise.all([first.send('stop'), second.send('stop')]);
  }
});

test('data-dir lock: two gateways of one process started together on one folder: one starts, the other is refused at once, named as this process', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const startedAt = Date.now();
  const outcomes = await Promise.allSettled([lockDirectory(dir), lockDirectory(dir)]);
  assert.ok(Date.now() - startedAt < 2_000);
  const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
  const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
  assert.equal(held.length, 1);
  assert.equal(refused.length, 1);
  assert.equal(
    (refused[0] as PromiseRejectedResult).reason.message,
    `the data directory ${dir} is in use by process ${process.pid} (another gateway in this process); stop it or choose another --data-dir`,
  );
  await (held[0] as PromiseFulfilledResult<() => Promise<void>>).value();
});

test('data-dir lock: a stale lock of a dead process is taken over', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await leaveLock(dir, await deadPid(), 60_000);
  const release = await lockDirectory(dir);
  await release();
});

test('data-dir lock: a stale lock whose process id now belongs to a live unrelated process is taken over (PID reuse)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(async () => {
    unrelated.kill('SIGKILL');
    await ended(unrelated);
  });
  await leaveLock(dir, unrelated.pid as number, 60_000);
  const release = await lockDirectory(dir);
  await release();
});

test('data-dir lock: a fresh lock left under our own process id (a container PID 1 started again) is taken over once stale, not refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await leaveLock(dir, process.pid, 0);
  const startedAt = Date.now();
  const waits: string[] = [];
  const release = await lockDirectory(dir, { staleMs: 2_000, onWait: (message) => waits.push(message) });
  assert.ok(Date.now() - startedAt < 5_000);
  assert.deepEqual(waits, [`the data directory ${dir} is still locked by process ${process.pid}, which has stopped; taking the lock over within 2 s`]);
  await release();
});

test('data-dir lock: a fresh lock of a live process is refused at once, naming it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hoplite-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(async () => {
    holder.kill('SIGKILL');
    await ended(holder);
  });
  await leaveLock(dir, holder.pid as number, 0);
  await assert.rejects(lockDirectory(dir), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'HOPLITE_ERR_DYNAMODB_LOCKED');
    assert.match(error.message, new RegExp(`^the data directory .+ is in use by process ${holder.pid} on ${hostname()} \\(since `));
    return true;
  });
});

test('data-dir lock: acknowledged writes survive SIGKILL of the gateway process, and the next start takes the lock over', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hoplite-kill-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const count = 100;
  const killed = await spawnRacer();
  t.after(() => stopRacer(killed));
  const first = await killed.send(`start ${dataDir}`);
  assert.equal(first.started, true, JSON.stringify(first));
  const writer = client(first.dynamodbEndpoint as string);
  for (let index = 0; index < count; index += 1) {
    await writer.send(new PutItemCommand({ TableName: TABLE, Item: { connectionID: { S: `item-${index}` } } }));
  }
  writer.destroy();
  killed.child.kill('SIGKILL');
  await ended(killed.child);

  const restarted = await spawnRacer();
  t.after(() => stopRacer(restarted));
  const second = await restarted.send(`start ${dataDir}`);
  assert.equal(second.started, true, JSON.stringify(second));
  const reader = client(second.dynamodbEndpoint as string);
  t.after(() => reader.destroy());
  for (let index = 0; index < count; index += 1) {
    const { Item } = await reader.send(new GetItemCommand({ TableName: TABLE, Key: { connectionID: { S: `item-${index}` } } }));
    assert.deepEqual(Item, { connectionID: { S: `item-${index}` } });
  }
});
