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

test('global and local indexes, TTL and encryption that DynamoDB accepts pass', () => {
  assert.deepEqual(
    issuesOf(
      serviceWith({
        globalSecondaryIndexes: [
          { name: 'byStatus', partitionKey: { name: 'status', type: 'S' }, projection: { type: 'INCLUDE', nonKeyAttributes: ['total'] } },
        ],
        localSecondaryIndexes: [
          { name: 'byTime', partitionKey: { name: 'customer', type: 'S' }, sortKey: { name: 'at', type: 'N' }, projection: { type: 'KEYS_ONLY' } },
        ],
        timeToLiveAttribute: 'expiresAt',
        serverSideEncryption: true,
      }),
    ),
    [],
  );
});

test('an attribute keyed with two types, a duplicate index name and a bad projection are reported with their paths', () => {
  assert.deepEqual(
    issuesOf(
      serviceWith({
        globalSecondaryIndexes: [
          { name: 'byOrder', partitionKey: { name: 'orderId', type: 'N' }, projection: { type: 'ALL' } },
          { name: 'byOrder', partitionKey: { name: 'status', type: 'S' }, projection: { type: 'SOME' as 'ALL' } },
        ],
      }),
    ),
    [
      'app.ts: tables[0].globalSecondaryIndexes[0].partitionKey.type: expected "S", the type "orderId" has as a key elsewhere in the table, got "N"',
      'app.ts: tables[0].globalSecondaryIndexes[1].name: expected a unique index name, "byOrder" is defined twice',
      'app.ts: tables[0].globalSecondaryIndexes[1].projection.type: expected "ALL", "KEYS_ONLY" or "INCLUDE", got "SOME"',
    ],
  );
});

test('a local index needs the table partition key and a table with a sort key', () => {
  assert.deepEqual(
    issuesOf(
      serviceWith({
        sortKey: undefined,
        localSecondaryIndexes: [
          { name: 'byTime', partitionKey: { name: 'other', type: 'S' }, sortKey: { name: 'at', type: 'N' }, projection: { type: 'ALL' } },
        ],
      }),
    ),
    [
      'app.ts: tables[0].localSecondaryIndexes[0].partitionKey.name: expected the table\'s partition key "customer": a local index shares it',
      'app.ts: tables[0].localSecondaryIndexes: expected a table with a sort key: local indexes need one',
    ],
  );
});
