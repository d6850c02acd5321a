/** A table's keys, secondary indexes and TTL: what DynamoDB's CreateTable would refuse is refused here, with its path. */
import { type Checker, describe, type Fields } from './checker.ts';

/** DynamoDB's quotas: 20 global secondary indexes (the default, adjustable) and 5 local ones per table. */
const MAX_GLOBAL_INDEXES = 20;
const MAX_LOCAL_INDEXES = 5;
const INDEX_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const PROJECTIONS = new Set(['ALL', 'KEYS_ONLY', 'INCLUDE']);

export function checkTableKeys(check: Checker, table: Fields, path: string): void {
  // One attribute has one type wherever it is a key: AttributeDefinitions hold each name once.
  const types = new Map<string, unknown>();
  const key = (value: unknown, at: string) => {
    if (!check.isObject(value, at)) return;
    check.string(value.name, `${at}.name`, /^.{1,255}$/, 'an attribute name');
    check.string(value.type, `${at}.type`, /^[SNB]$/, '"S", "N" or "B"');
    const known = types.get(value.name as string);
    if (known !== undefined && known !== value.type) {
      check.fail(
        `${at}.type`,
        `expected ${describe(known)}, the type ${describe(value.name)} has as a key elsewhere in the table, got ${describe(value.type)}`,
      );
    }
    types.set(value.name as string, value.type);
  };
  key(table.partitionKey, `${path}.partitionKey`);
  if (table.sortKey !== undefined) key(table.sortKey, `${path}.sortKey`);

  const names = new Set<string>();
  const index = (entry: Fields, at: string, local: boolean) => {
    if (check.string(entry.name, `${at}.name`, INDEX_NAME, 'an index name of 3-255 letters, digits, "_", "-" or "."')) {
      check.unique(names, entry.name, `${at}.name`, 'index name');
    }
    key(entry.partitionKey, `${at}.partitionKey`);
    if (entry.sortKey !== undefined || local) key(entry.sortKey, `${at}.sortKey`);
    if (check.isObject(entry.projection, `${at}.projection`)) {
      const type = entry.projection.type;
      if (!PROJECTIONS.has(type as string)) check.fail(`${at}.projection.type`, `expected "ALL", "KEYS_ONLY" or "INCLUDE", got ${describe(type)}`);
      if (type === 'INCLUDE') check.stringArray(entry.projection.nonKeyAttributes, `${at}.projection.nonKeyAttributes`);
    }
    if (local) {
      const partition = (table.partitionKey as Fields | undefined)?.name;
      if ((entry.partitionKey as Fields | undefined)?.name !== partition) {
        check.fail(`${at}.partitionKey.name`, `expected the table's partition key ${describe(partition)}: a local index shares it`);
      }
    }
  };
  const list = (value: unknown, at: string, max: number, local: boolean) => {
    if (value === undefined) return;
    if (check.isArray(value, at) && value.length > max) check.fail(at, `expected at most ${max} indexes, got ${value.length}`);
    check.eachObject(value, at, (entry, entryPath) => index(entry, entryPath, local));
  };
  list(table.globalSecondaryIndexes, `${path}.globalSecondaryIndexes`, MAX_GLOBAL_INDEXES, false);
  list(table.localSecondaryIndexes, `${path}.localSecondaryIndexes`, MAX_LOCAL_INDEXES, true);
  if (table.localSecondaryIndexes !== undefined && table.sortKey === undefined) {
    check.fail(`${path}.localSecondaryIndexes`, 'expected a table with a sort key: local indexes need one');
  }
  if (table.timeToLiveAttribute !== undefined) check.string(table.timeToLiveAttribute, `${path}.timeToLiveAttribute`, /^.{1,255}$/, 'an attribute name');
}
