import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { consoleLog } from './log.ts';

function capture(isTTY: boolean) {
  const stdout = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stdout.on('data', (chunk: Buffer) => {
    text += chunk;
  });
  return { stdout, text: () => text };
}

test('function logs: colours only on a TTY, a filter by function, and --quiet', () => {
  const plain = capture(false);
  consoleLog({ stdout: plain.stdout }).functionLine('sendMessage', 'START RequestId: 1 Version: $LATEST');
  assert.equal(plain.text(), '[sendMessage] START RequestId: 1 Version: $LATEST\n');

  const tty = capture(true);
  consoleLog({ stdout: tty.stdout }).functionLine('sendMessage', 'line');
  assert.equal(tty.text(), '\u001b[36m[sendMessage]\u001b[0m \u001b[2mline\u001b[0m\n');

  const filtered = capture(false);
  const log = consoleLog({ stdout: filtered.stdout, functions: ['connectWorld'] });
  log.functionLine('sendMessage', 'hidden');
  log.functionLine('connectWorld', 'shown');
  assert.equal(filtered.text(), '[connectWorld] shown\n');
  // What is dropped need not be formatted: the pools ask first.
  assert.deepEqual([log.wantsFunctionLines('sendMessage'), log.wantsFunctionLines('connectWorld')], [false, true]);

  const quiet = capture(false);
  const quietLog = consoleLog({ stdout: quiet.stdout, quiet: true });
  quietLog.functionLine('a', 'hidden');
  assert.equal(quiet.text(), '');
  assert.equal(quietLog.wantsFunctionLines('a'), false);
});
