/** `hoplite dev` flags that need more than parseArgs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInspect } from './dev.ts';

test('--inspect takes [host:]port as Node does; alone it means 127.0.0.1:9229', () => {
  assert.equal(parseInspect(undefined), undefined);
  assert.deepEqual(parseInspect('127.0.0.1:9229'), { host: '127.0.0.1', port: 9229 });
  assert.deepEqual(parseInspect('9300'), { host: '127.0.0.1', port: 9300 });
  assert.deepEqual(parseInspect('0.0.0.0:0'), { host: '0.0.0.0', port: 0 });
  assert.deepEqual(parseInspect('[::1]:9229'), { host: '::1', port: 9229 });
  assert.deepEqual(parseInspect('localhost'), { host: 'localhost', port: 9229 });
  for (const bad of ['host:', ':9229', '::1:9229', '127.0.0.1:65536', '127.0.0.1:x'])
    assert.throws(() => parseInspect(bad), { message: `--inspect: expected [host:]port with a port from 0 to 65535, got "${bad}"` });
});
