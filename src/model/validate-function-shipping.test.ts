import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuesOf } from '../../test/helpers/model-issues.ts';
import type { ServiceModel, TableModel } from './types.ts';

const serviceWith = (table: Partial<TableModel>): ServiceModel => ({
  name: 'shop',
  functions: [],
  apis: [],
  tables: [
    {
      name: 'orders',
      partitionKey: { name: 'customer', type: 'S' },
      sortKey: { name: 'orderId', type: 'S' },
      billing: { mode: 'PAY_PER_REQUEST' },
      ...table,
    },
  ],
  outputs: [],
  sites: [],
});

test("a function's runtime, architecture, log retention and environment references are checked for shipping", () => {
  const model = serviceWith({});
  model.functions.push({
    name: 'f',
    handler: 'app.handler',
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: { TABLE: 'orders' },
    policies: [],
    runtime: 'python3.12',
    architecture: 'arm' as 'arm64',
    logRetentionDays: 10,
    environmentRefs: { TABLE: { kind: 'table', table: 'orders' }, OTHER: { kind: 'table', table: 'missing' } },
  });
  assert.deepEqual(issuesOf(model), [
    'app.ts: functions[0].runtime: expected a Node.js runtime such as "nodejs22.x", got "python3.12"',
    'app.ts: functions[0].architecture: expected "x86_64" or "arm64", got "arm"',
    "app.ts: functions[0].logRetentionDays: expected one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, … 3653 days), got number 10",
    'app.ts: functions[0].environmentRefs.OTHER: expected a variable of the function\'s environment, got "OTHER"',
    'app.ts: functions[0].environmentRefs.OTHER.table: expected a table of the service, got "missing"',
  ]);
});
