/** serverless-offline's ports: the first API's port for each set of APIs a serverless.yml gives. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiModel } from '../../model/types.ts';
import { serverlessOfflineFirstPort } from './dev-port.ts';

const apis = (...protocols: ApiModel['protocol'][]) => ({ apis: protocols.map((protocol) => ({ protocol }) as ApiModel) });

test('HTTP on 3000 then WebSocket on 3001 (Lambda 3002); a WebSocket API alone starts at 3001; no API: 3000', () => {
  assert.equal(serverlessOfflineFirstPort(apis('HTTP', 'WEBSOCKET')), 3000);
  assert.equal(serverlessOfflineFirstPort(apis('WEBSOCKET')), 3001);
  assert.equal(serverlessOfflineFirstPort(apis('HTTP')), 3000);
  assert.equal(serverlessOfflineFirstPort(apis('REST')), 3000);
  assert.equal(serverlessOfflineFirstPort(apis()), 3000);
});
