/** The template flags of hoplite dev: SAM CLI's spelling, taken out before the gateway's flags are parsed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTemplateFlags } from './template-flags.ts';

test('each template flag, with a space or =, leaves the other arguments in order', () => {
  assert.deepEqual(
    splitTemplateFlags([
      'template.yaml',
      '--parameter-overrides',
      'Stage=dev Memory=512',
      '--port=0',
      '--stack-name=chat-dev',
      '--import-value',
      'shared-Pool=us-east-1_abc',
      '--import-value=shared-Url=https://x.example.com/a=b',
      '--env-vars',
      'env.json',
      '--quiet',
    ]),
    {
      argv: ['template.yaml', '--port=0', '--quiet'],
      options: {
        parameterOverrides: 'Stage=dev Memory=512',
        stackName: 'chat-dev',
        envVars: 'env.json',
        importValues: { 'shared-Pool': 'us-east-1_abc', 'shared-Url': 'https://x.example.com/a=b' },
      },
    },
  );
});

test('--parameter-overrides given twice adds up, as separate Key=Value lists', () => {
  assert.deepEqual(splitTemplateFlags(['--parameter-overrides', 'A=1', '--parameter-overrides=ParameterKey=B,ParameterValue=2']).options, {
    parameterOverrides: 'A=1 ParameterKey=B,ParameterValue=2',
  });
});

test('no template flag: nothing taken', () => {
  assert.deepEqual(splitTemplateFlags(['--port', '3001', 'x.ts']), { argv: ['--port', '3001', 'x.ts'], options: {} });
});

test('a template flag without its value, twice where once is expected, or an import without = is a usage error', () => {
  const cases: Array<[string[], string]> = [
    [['--stack-name'], '--stack-name: expected a value'],
    [['--env-vars', '--port'], '--env-vars: expected a value'],
    [['--stack-name', 'a', '--stack-name', 'b'], '--stack-name: given 2 times; expected once'],
    [['--import-value', 'novalue'], '--import-value: expected Name=Value (an export name and its value), got "novalue"'],
  ];
  for (const [argv, message] of cases) assert.throws(() => splitTemplateFlags(argv), { code: 'HOPLITE_ERR_CLI_USAGE', message }, argv.join(' '));
});
