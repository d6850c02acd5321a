/** Variable resolution: each source, each form (whole value, inside text, nested, fallbacks) and each error. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryContext } from '../../../test/helpers/serverless-context.ts';
import { parseServerlessText } from './parse-document.ts';
import { resolveVariables } from './resolve-variables.ts';
import { ServerlessConfigError } from './serverless-error.ts';
import type { VariableContext } from './variable-context.ts';

async function resolveYaml(text: string, context: Partial<Parameters<typeof memoryContext>[0]> = {}): Promise<Record<string, unknown>> {
  const { value, positions } = parseServerlessText(text, 'serverless.yml');
  return (await resolveVariables(value, positions, memoryContext(context))) as Record<string, unknown>;
}

async function resolveError(text: string, context: Partial<Parameters<typeof memoryContext>[0]> = {}): Promise<string> {
  try {
    await resolveYaml(text, context);
  } catch (error) {
    assert.ok(error instanceof ServerlessConfigError);
    assert.equal(error.code, 'HOPLITE_ERR_CONFIG_INVALID');
    return error.message;
  }
  assert.fail('expected a ServerlessConfigError');
}

test('self: a property of the file, keeping its type', async () => {
  const resolved = await resolveYaml('custom:\n  size: 512\n  tags: [a, b]\nprovider:\n  memorySize: ${self:custom.size}\n  tags: ${self:custom.tags}\n');
  assert.deepEqual(resolved.provider, { memorySize: 512, tags: ['a', 'b'] });
});

test('self: a chain of references resolves through each', async () => {
  const resolved = await resolveYaml('custom:\n  a: ${self:custom.b}\n  b: ${self:custom.c}\n  c: end\n');
  assert.deepEqual(resolved.custom, { a: 'end', b: 'end', c: 'end' });
});

test('self: a list item by index', async () => {
  const resolved = await resolveYaml('custom:\n  list: [x, y]\n  second: ${self:custom.list.1}\n');
  assert.equal((resolved.custom as Record<string, unknown>).second, 'y');
});

test('self: an object whose own values hold variables comes resolved', async () => {
  const resolved = await resolveYaml('custom:\n  table:\n    name: chat-${opt:stage}\nprovider:\n  table: ${self:custom.table}\n', {
    options: { stage: 'prod' },
  });
  assert.deepEqual(resolved.provider, { table: { name: 'chat-prod' } });
});

test('self: with no address, the whole file (a JavaScript resolver reading it)', async () => {
  const resolved = await resolveYaml('service: chat\ncustom:\n  name: ${file(./name.js)}\n', {
    modules: {
      'name.js': async ({ resolveConfigurationProperty }: { resolveConfigurationProperty: (keys: string[]) => Promise<unknown> }) =>
        `${(await resolveConfigurationProperty(['service'])) as string}-api`,
    },
  });
  assert.deepEqual(resolved.custom, { name: 'chat-api' });
});

test('self: with no address inside the file is a cycle, as in the Framework', async () => {
  assert.equal(
    await resolveError('service: chat\ncustom:\n  all: ${self:}\n'),
    'serverless.yml:3:8: custom.all: circular reference: custom.all refers to itself',
  );
});

test('self: a missing property is an error with its position', async () => {
  assert.equal(
    await resolveError('custom:\n  a: ${self:custom.nope}\n'),
    'serverless.yml:2:6: custom.a: ${self:custom.nope}: serverless.yml has no value at custom.nope',
  );
});

test('a cycle between properties names each step', async () => {
  assert.equal(
    await resolveError('custom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\n'),
    'serverless.yml:2:6: custom.a: circular reference: custom.a → custom.b → custom.a',
  );
});

test('opt: stage, region and any other option', async () => {
  const resolved = await resolveYaml('a: ${opt:stage}\nb: ${opt:region}\nc: ${opt:tableName}\nd: ${opt:}\n', {
    options: { stage: 'prod', region: 'eu-west-1', tableName: 'T' },
  });
  assert.deepEqual(resolved, { a: 'prod', b: 'eu-west-1', c: 'T', d: { stage: 'prod', region: 'eu-west-1', tableName: 'T' } });
});

test('opt: a missing option is an error naming the flag', async () => {
  assert.equal(
    await resolveError('service: s\nprovider:\n  stage: ${opt:stage}\n'),
    'serverless.yml:3:10: provider.stage: ${opt:stage}: no --stage option was given',
  );
});

test('sls: stage from --stage, else provider.stage, else dev; instanceId', async () => {
  assert.deepEqual(await resolveYaml('a: ${sls:stage}\n', { options: { stage: 'prod' } }), { a: 'prod' });
  assert.deepEqual(await resolveYaml('provider:\n  stage: qa\na: ${sls:stage}\n'), { provider: { stage: 'qa' }, a: 'qa' });
  assert.deepEqual(await resolveYaml('a: ${sls:stage}\nb: ${sls:instanceId}\n'), { a: 'dev', b: 'instance-1' });
});

test('sls: an unsupported address is an error', async () => {
  assert.equal(
    await resolveError('a: ${sls:nope}\n'),
    'serverless.yml:1:4: a: ${sls:nope}: unsupported address "nope": the sls source has stage and instanceId',
  );
});

test('env: a variable of the environment; unset or empty is an error', async () => {
  assert.deepEqual(await resolveYaml('a: ${env:TABLE}\n', { env: { TABLE: 'chat' } }), { a: 'chat' });
  assert.equal(await resolveError('a: ${env:TABLE}\n', { env: { TABLE: '' } }), 'serverless.yml:1:4: a: ${env:TABLE}: environment variable TABLE is not set');
});

test('param: --param first, then params.<stage>, params.default, stages.<stage>.params', async () => {
  const file =
    'params:\n  prod:\n    a: prod-a\n  default:\n    a: default-a\n    b: default-b\nstages:\n  prod:\n    params:\n      c: v4-c\nx: ${param:a}\ny: ${param:b}\nz: ${param:c}\nw: ${param:d}\n';
  const resolved = await resolveYaml(file, { options: { stage: 'prod' }, params: { d: 'given' } });
  assert.deepEqual([resolved.x, resolved.y, resolved.z, resolved.w], ['prod-a', 'default-b', 'v4-c', 'given']);
  assert.equal(
    await resolveError('x: ${param:a}\n'),
    'serverless.yml:1:4: x: ${param:a}: no parameter "a" for stage "dev": pass --param "a=<value>" or set params.dev.a',
  );
});

test('file: a whole YAML file, relative to the service directory, its variables resolved', async () => {
  const resolved = await resolveYaml('custom: ${file(./config/dev.yml)}\n', { texts: { 'config/dev.yml': 'table: chat-${sls:stage}\nsize: 3\n' } });
  assert.deepEqual(resolved.custom, { table: 'chat-dev', size: 3 });
});

test('file: one key of a JSON file', async () => {
  const resolved = await resolveYaml('a: ${file(./config.json):nested.key}\n', { texts: { 'config.json': '{"nested": {"key": [1, 2]}}' } });
  assert.deepEqual(resolved.a, [1, 2]);
});

test('file: a path built from another variable', async () => {
  const resolved = await resolveYaml('a: ${file(./${opt:stage}.yml):x}\n', { options: { stage: 'prod' }, texts: { 'prod.yml': 'x: 1\n' } });
  assert.equal(resolved.a, 1);
});

test('file: a JavaScript module exporting a value, and one exporting a function given the options', async () => {
  const resolved = await resolveYaml('a: ${file(./value.js):port}\nb: ${file(./fn.js)}\nc: ${file(./keyed.js):name}\n', {
    options: { stage: 'prod' },
    modules: {
      'value.js': { port: 3000 },
      'fn.js': ({ options }: { options: Record<string, unknown> }) => `stage ${options.stage as string}`,
      'keyed.js': {
        name: async ({ resolveVariable }: { resolveVariable: (text: string) => Promise<unknown> }) => `n-${(await resolveVariable('sls:stage')) as string}`,
      },
    },
  });
  assert.deepEqual(resolved, { a: 3000, b: 'stage prod', c: 'n-prod' });
});

test('file: a missing file, a missing key, a path outside the service and a parse error', async () => {
  assert.equal(await resolveError('a: ${file(./nope.yml)}\n'), 'serverless.yml:1:4: a: ${file(./nope.yml)}: file nope.yml does not exist');
  assert.equal(
    await resolveError('a: ${file(./c.yml):b}\n', { texts: { 'c.yml': 'a: 1\n' } }),
    'serverless.yml:1:4: a: ${file(./c.yml):b}: c.yml has no value at b',
  );
  assert.equal(
    await resolveError('a: ${file(../secrets.yml)}\n'),
    'serverless.yml:1:4: a: ${file(../secrets.yml)}: ../secrets.yml is outside the service directory; files must be inside it',
  );
  assert.match(
    await resolveError('a: ${file(./bad.yml)}\n', { texts: { 'bad.yml': 'a: [1\n' } }),
    /^serverless\.yml:1:4: a: \$\{file\(\.\/bad\.yml\)\}: bad\.yml cannot be parsed: bad\.yml:2:1: \(syntax\): /,
  );
});

test('file: a JavaScript function that throws is an error naming the file', async () => {
  const modules = {
    'fail.js': () => {
      throw new Error('no network');
    },
  };
  assert.equal(
    await resolveError('a: ${file(./fail.js)}\n', { modules }),
    'serverless.yml:1:4: a: ${file(./fail.js)}: the function exported as the export of fail.js threw: no network',
  );
});

for (const [source, address] of [
  ['cf', 'chat-prod.ServiceEndpoint'],
  ['ssm', '/chat/secret'],
  ['aws', 'accountId'],
  ['s3', 'bucket/key'],
] as const) {
  test(`${source}: only through an override; otherwise an error naming the variable and the flag`, async () => {
    const text = `a: \${${source}:${address}}\n`;
    assert.deepEqual(await resolveYaml(text, { overrides: { [`${source}:${address}`]: 'given' } }), { a: 'given' });
    assert.equal(
      await resolveError(text),
      `serverless.yml:1:4: a: \${${source}:${address}}: its value lives in AWS, which Hoplite does not ask: pass --variable '${source}:${address}=<value>' or give a default`,
    );
  });
}

test('cf: a region param; the override may name it or not', async () => {
  assert.deepEqual(await resolveYaml('a: ${cf(eu-west-1):stack.Out}\n', { overrides: { 'cf:stack.Out': 'x' } }), { a: 'x' });
  assert.deepEqual(await resolveYaml('a: ${cf(eu-west-1):stack.Out}\n', { overrides: { 'cf(eu-west-1):stack.Out': 'y' } }), { a: 'y' });
});

test('strToBool: true, false, 1, 0 (trimmed, any case); anything else an error', async () => {
  const resolved = await resolveYaml("a: ${strToBool(true)}\nb: ${strToBool(0)}\nc: ${strToBool(' TRUE ')}\nd: ${strToBool(${env:FLAG})}\n", {
    env: { FLAG: 'false' },
  });
  assert.deepEqual(resolved, { a: true, b: false, c: true, d: false });
  assert.equal(await resolveError('a: ${strToBool(yes)}\n'), 'serverless.yml:1:4: a: ${strToBool(yes)}: expected "true", "false", "0" or "1", got "yes"');
  assert.equal(await resolveError('a: ${strToBool()}\n'), 'serverless.yml:1:4: a: ${strToBool()}: missing the input: ${strToBool(value)}');
});

test('fallbacks: quoted strings, numbers, booleans, null and other variables, tried in order', async () => {
  const resolved = await resolveYaml(
    'a: ${opt:stage, \'dev\'}\nb: ${opt:size, 10}\nc: ${opt:flag, true}\nd: ${opt:x, env:X, "from-double"}\ne: ${opt:x, env:X}\nf: ${opt:x, self:a}\n',
    { env: { X: 'env-x' } },
  );
  assert.deepEqual(resolved, { a: 'dev', b: 10, c: true, d: 'env-x', e: 'env-x', f: 'dev' });
});

test('fallbacks: the last source without a value gives its reason', async () => {
  assert.equal(await resolveError('a: ${opt:x, env:Y}\n'), 'serverless.yml:1:4: a: ${opt:x, env:Y}: environment variable Y is not set');
});

test('an unquoted word as a fallback is a syntax error', async () => {
  assert.equal(
    await resolveError('a: ${opt:stage, dev}\n'),
    `serverless.yml:1:4: a: Invalid literal fallback "dev" at index 13 in "\${opt:stage, dev}": quote it ('dev') or use a number, true, false or null`,
  );
});

test('nested variables in an address', async () => {
  const resolved = await resolveYaml("custom:\n  prod:\n    size: 1024\n  dev:\n    size: 128\n  size: ${self:custom.${opt:stage, 'dev'}.size}\n", {
    options: { stage: 'prod' },
  });
  assert.equal((resolved.custom as Record<string, unknown>).size, 1024);
});

test('inside text: numbers and booleans become text; several variables in one string', async () => {
  const resolved = await resolveYaml('custom:\n  n: 3\nname: chat-${sls:stage}-${self:custom.n}-${strToBool(1)}\n');
  assert.equal(resolved.name, 'chat-dev-3-true');
});

test('inside text: an object is an error', async () => {
  assert.equal(
    await resolveError('custom:\n  o: {a: 1}\nname: x-${self:custom.o}\n'),
    'serverless.yml:3:7: name: ${self:custom.o} resolves to an object, which cannot be part of a text; only strings, numbers and booleans can',
  );
});

test('a resolved value that holds variables is resolved in turn', async () => {
  const resolved = await resolveYaml('a: ${env:TEMPLATE}\n', { env: { TEMPLATE: '${sls:stage}' } });
  assert.equal(resolved.a, 'dev');
});

test("CloudFormation's own ${...} (Fn::Sub) and escaped \\${ stay as written", async () => {
  const resolved = await resolveYaml("a: !Sub 'arn:aws:s3:::${AWS::Region}-${Bucket}'\nb: 'x-\\${opt:stage}'\n");
  assert.deepEqual(resolved, { a: { 'Fn::Sub': 'arn:aws:s3:::${AWS::Region}-${Bucket}' }, b: 'x-\\${opt:stage}' });
});

test('an unknown source is an error with its position', async () => {
  assert.equal(
    await resolveError('service: s\ncustom:\n  a: ${vault:secret/x}\n'),
    'serverless.yml:3:6: custom.a: ${vault:secret/x}: unknown variable source "vault"; Hoplite resolves self, opt, sls, env, param, file, strToBool, and cf, ssm, aws, s3 through overrides (sources added by plugins are not run)',
  );
});

test('every error of a file is reported at once, each once', async () => {
  const message = await resolveError('a: ${opt:x}\nb: ${self:a}\nc: ${env:Y}\n');
  assert.equal(
    message,
    ['serverless.yml:1:4: a: ${opt:x}: no --x option was given', 'serverless.yml:3:4: c: ${env:Y}: environment variable Y is not set'].join('\n'),
  );
});

test('a file without positions (serverless.ts) names the file and the path', async () => {
  const context: VariableContext = memoryContext({ file: 'serverless.ts' });
  await assert.rejects(resolveVariables({ custom: { a: '${opt:x}' } }, new Map(), context), {
    message: 'serverless.ts: custom.a: ${opt:x}: no --x option was given',
  });
});

test('a value that keeps resolving to new variables stops after 10 rounds', async () => {
  assert.equal(
    await resolveError('a: ${env:LOOP}\n', { env: { LOOP: '${env:LOOP}' } }),
    'serverless.yml:1:4: a: resolves to new variables 10 times over: a likely loop',
  );
});

test("file: a JavaScript export's values come as JSON data (functions dropped), as in the Framework", async () => {
  const resolved = await resolveYaml('custom: ${file(./mixed.js)}\nb: ${self:custom.n}\n', {
    modules: { 'mixed.js': { n: 1, f: () => 2, when: new Date(0) } },
  });
  assert.deepEqual(resolved, { custom: { n: 1, when: '1970-01-01T00:00:00.000Z' }, b: 1 });
});

test('file: any other extension reads as text; a missing path is an error', async () => {
  assert.deepEqual(await resolveYaml('a: ${file(./key.pem)}\n', { texts: { 'key.pem': 'KEY' } }), { a: 'KEY' });
  assert.equal(await resolveError('a: ${file():x}\n'), 'serverless.yml:1:4: a: ${file():x}: missing the file path: ${file(./path.yml)}');
});

test('a JavaScript configuration keeps values that are not data (a function) where no variable touches them', async () => {
  const handler = () => 1;
  const resolved = (await resolveVariables({ custom: { hook: handler, a: '${sls:stage}' } }, new Map(), memoryContext())) as {
    custom: { hook: unknown; a: string };
  };
  assert.deepEqual(resolved.custom, { hook: handler, a: 'dev' });
});
