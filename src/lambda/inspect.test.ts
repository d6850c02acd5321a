/** `inspect`: ports for environments' own inspectors, and how their lines reach the log. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryLog } from '../internal/log.ts';
import { claimInspectorPort, INSPECTOR_LINE, logInspectorLine, overrunWarning, startInspecting } from './inspect.ts';
import { RUNNERS } from './runners/index.ts';

test('environments take the lowest unclaimed port from the first one on, and a released port is taken again', () => {
  const first = claimInspectorPort(40_001);
  const second = claimInspectorPort(40_001);
  assert.deepEqual([first.port, second.port], [40_001, 40_002]);
  first.release();
  first.release();
  const third = claimInspectorPort(40_001);
  assert.equal(third.port, 40_001);
  assert.equal(claimInspectorPort(40_001).port, 40_003);
  assert.equal(claimInspectorPort(0).port, 0);
});

test("Node's inspector lines are recognised: its URL and why it could not listen, not its help line", () => {
  assert.match('Debugger listening on ws://127.0.0.1:9230/0f5e7c1a-1b2c-4d3e-8f90-a1b2c3d4e5f6', INSPECTOR_LINE);
  assert.match('Starting inspector on 127.0.0.1:9230 failed: address already in use', INSPECTOR_LINE);
  assert.doesNotMatch('For help, see: https://nodejs.org/en/docs/inspector', INSPECTOR_LINE);
  assert.doesNotMatch('Debugger attached.', INSPECTOR_LINE);
});

test('an environment inspector line names its function, its environment and where to attach; a failure is a warning', () => {
  const log = memoryLog();
  logInspectorLine(log, 'hello', '2024/01/01/[$LATEST]abc', 'Debugger listening on ws://127.0.0.1:9230/0f5e');
  logInspectorLine(log, 'hello', '2024/01/01/[$LATEST]def', 'Starting inspector on 127.0.0.1:9231 failed: address already in use');
  assert.deepEqual(log.lines, [
    'info [hello] Debugger listening on ws://127.0.0.1:9230/0f5e  (environment 2024/01/01/[$LATEST]abc; chrome://inspect, or attach VS Code to 127.0.0.1:9230)',
    'warn [hello] environment 2024/01/01/[$LATEST]def: Starting inspector on 127.0.0.1:9231 failed: address already in use; it runs without a debugger',
  ]);
  assert.equal(
    overrunWarning('hello', 'r-1', 4_321, 3),
    "hello: invocation r-1 ran 4.32 s, past the function's 3 s timeout: allowed while inspecting, Lambda would have stopped it",
  );
});

test('the child-process runner opens no inspector in the gateway: its environments listen from the next port on', () => {
  const log = memoryLog();
  assert.deepEqual(startInspecting(RUNNERS['child-process'].inspector.kind, { host: '127.0.0.1', port: 9229 }, log).endpoint, {
    kind: 'environments',
    host: '127.0.0.1',
    firstPort: 9230,
  });
  assert.deepEqual(startInspecting(RUNNERS['child-process'].inspector.kind, { host: '127.0.0.1', port: 0 }, log).endpoint, {
    kind: 'environments',
    host: '127.0.0.1',
    firstPort: 0,
  });
  assert.deepEqual(log.lines, []);
});
