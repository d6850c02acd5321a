/** The runner registry: every runner, local or AWS, answers the same questions the Lambda service asks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Runner } from '../runner.ts';
import { RUNNERS, runnerFor } from './index.ts';

function described({ name, buildsLocally, inspector }: Runner) {
  return { name, buildsLocally, inspector };
}

test('runners: the local ones build handler code here and say where a debugger attaches; the AWS one builds nothing and cannot be inspected', () => {
  const aws = runnerFor({ aws: { region: 'eu-west-1' } });
  assert.deepEqual([...Object.values(RUNNERS), aws].map(described), [
    { name: 'worker-thread', buildsLocally: true, inspector: { kind: 'process' } },
    { name: 'child-process', buildsLocally: true, inspector: { kind: 'environments' } },
    { name: 'in-process', buildsLocally: true, inspector: { kind: 'process' } },
    { name: 'aws', buildsLocally: false, inspector: { kind: 'none', reason: 'its functions run on AWS' } },
  ]);
  aws.dispose();
  assert.equal(runnerFor('in-process'), RUNNERS['in-process'], 'a local runner is named, not made');
});
