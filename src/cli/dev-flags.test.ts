/** `hoplite dev` flags and `--help`, read from the options schema: each flag sets its option, with the option's expectations. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOptionFlags } from '../options/index.ts';
import { DEV_USAGE } from './dev.ts';

const inspectOf = (value: string) => parseOptionFlags([`--inspect=${value}`]).options.inspect;

test('--inspect takes [host:]port as Node does; alone it means 127.0.0.1:9229', () => {
  assert.equal(parseOptionFlags([]).options.inspect, undefined);
  assert.deepEqual(parseOptionFlags(['--inspect']).options.inspect, { host: '127.0.0.1', port: 9229 });
  assert.deepEqual(inspectOf('127.0.0.1:9229'), { host: '127.0.0.1', port: 9229 });
  assert.deepEqual(inspectOf('9300'), { host: '127.0.0.1', port: 9300 });
  assert.deepEqual(inspectOf('0.0.0.0:0'), { host: '0.0.0.0', port: 0 });
  assert.deepEqual(inspectOf('[::1]:9229'), { host: '::1', port: 9229 });
  assert.deepEqual(inspectOf('localhost'), { host: 'localhost', port: 9229 });
  for (const bad of ['host:', ':9229', '::1:9229', '127.0.0.1:65536', '127.0.0.1:x'])
    assert.throws(() => inspectOf(bad), {
      code: 'HOPLITE_ERR_CLI_USAGE',
      message: `--inspect: expected [host:]port with a port from 0 to 65535, got "${bad}"`,
    });
  // After `--`, `--inspect` is an entry, not the flag.
  assert.deepEqual(parseOptionFlags(['--', '--inspect']).positionals, ['--inspect']);
});

test('without flags, hoplite dev takes port 3001 and reloads; the other options keep their defaults', () => {
  assert.deepEqual(parseOptionFlags(['a.ts', 'b.ts']), {
    options: { port: 3001, reload: true },
    commandFlags: { quiet: undefined, functions: undefined },
    positionals: ['a.ts', 'b.ts'],
    help: false,
  });
});

test('each flag sets the option declared with it; --quiet and --functions are left to the command, which builds the log', () => {
  const argv = ['--host', '0.0.0.0', '--port', '0', '--data-dir', 'data', '--dynamodb-endpoint', 'http://127.0.0.1:8000', '--allow-remote'];
  argv.push('--host-alias', 'devbox.local', '--host-alias', 'host.docker.internal', '--runner', 'in-process', '--no-reload');
  argv.push('--inspect=9300', '--log-format', 'json', '--quiet', '--functions', 'a,b', '-h');
  assert.deepEqual(parseOptionFlags(argv), {
    options: {
      host: '0.0.0.0',
      port: 0,
      dataDir: 'data',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      allowRemoteManagement: true,
      hostAliases: ['devbox.local', 'host.docker.internal'],
      runner: 'in-process',
      reload: false,
      inspect: { host: '127.0.0.1', port: 9300 },
      logFormat: 'json',
    },
    commandFlags: { quiet: true, functions: 'a,b' },
    positionals: [],
    help: true,
  });
});

test('a flag with a wrong value is a usage error naming the flag, the value given and what is expected', () => {
  const cases: Array<[string[], string]> = [
    [['--port', 'x'], '--port: expected an integer from 0 to 65535, got "x"'],
    [['--port', '65536'], '--port: expected an integer from 0 to 65535, got "65536"'],
    [['--runner', 'thread'], '--runner: expected "worker-thread", "child-process" or "in-process", got "thread"'],
    [['--log-format', 'xml'], '--log-format: expected "text" or "json", got "xml"'],
    [['--host-alias', 'ok.local', '--host-alias', 'devbox:3001'], '--host-alias: expected a host name or address without a port, got "devbox:3001"'],
    [['--dynamodb-endpoint', 'db:8000'], '--dynamodb-endpoint: expected an http:// or https:// URL, got "db:8000"'],
  ];
  for (const [argv, message] of cases) assert.throws(() => parseOptionFlags(argv), { code: 'HOPLITE_ERR_CLI_USAGE', message }, argv.join(' '));
  assert.throws(() => parseOptionFlags(['--reload']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
});

test('hoplite dev --help lists every flag with its value, what it does and its default', () => {
  const lines = DEV_USAGE.split('\n');
  assert.deepEqual(lines.slice(0, 6), [
    'Usage: hoplite dev [entry...] [options]',
    '',
    'Runs the services defined in the entry files on this machine: hoplite.config.ts (the default), or a CloudFormation',
    'or SAM template (template.yaml, template.yml, template.json, found in that order when no entry is given).',
    '',
    'Options:',
  ]);
  const entries = DEV_USAGE.split('\nOptions:\n')[1]?.split(/\n(?= {2}-)/) ?? [];
  const flags = entries.map((entry) => entry.trim().split(/ {2,}/)[0]);
  assert.deepEqual(flags, [
    '--host <address>',
    '--port <n>',
    '--data-dir <dir>',
    '--dynamodb-endpoint <url>',
    '--allow-remote',
    '--host-alias <name>',
    '--runner <name>',
    '--no-reload',
    '--inspect[=host:port]',
    '--log-format <text|json>',
    '--quiet',
    '--functions <a,b>',
    '--parameter-overrides K=V',
    '--stack-name <name>',
    '--import-value <Name=V>',
    '--env-vars <env.json>',
    '--stage <name>',
    '--region <name>',
    '--param <name=value>',
    '--variable <source=value>',
    '-h, --help',
  ]);
  const defaults = entries.map((entry) => entry.replace(/\s+/g, ' ').match(/\(default: ([^)]*)\)$/)?.[1]);
  assert.deepEqual(defaults, [
    '127.0.0.1',
    '3001',
    'in memory',
    'the embedded store',
    'off',
    'none',
    'child-process',
    'off',
    'not inspecting; alone: 127.0.0.1:9229',
    'text',
    'off',
    'every function',
    undefined,
    'hoplite-local',
    undefined,
    undefined,
    'provider.stage, else dev',
    'provider.region, else us-east-1',
    "the file's params",
    'none',
    undefined,
  ]);
  for (const line of lines) assert.ok(line.length <= 118, line);
});
