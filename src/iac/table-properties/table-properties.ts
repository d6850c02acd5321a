/**
 * The AWS::DynamoDB::Table properties beyond keys and billing (indexes, TTL, encryption), read the same way for a
 * template and for a serverless.yml's `resources`. Pure: problems come back with their property path, and each
 * importer reports them through its own errors.
 */
import type { KeyAttribute, TableIndexModel, TableModel } from '../../model/types.ts';

export type TableExtras = Pick<TableModel, 'globalSecondaryIndexes' | 'localSecondaryIndexes' | 'timeToLiveAttribute' | 'serverSideEncryption'>;

export interface TablePropertyIssue {
  /** Below the table's Properties, e.g. `['GlobalSecondaryIndexes', 0, 'KeySchema']`. */
  path: (string | number)[];
  /** What is expected, e.g. `expected a HASH key named in AttributeDefinitions`. */
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `types`: the table's AttributeDefinitions; `provisioned`: whether the table's BillingMode is PROVISIONED. */
export function readTableExtras(
  properties: Record<string, unknown>,
  types: ReadonlyMap<string, KeyAttribute['type']>,
  provisioned: boolean,
): { extras: TableExtras; issues: TablePropertyIssue[] } {
  const issues: TablePropertyIssue[] = [];
  const extras: TableExtras = {};
  const global = readIndexes(properties.GlobalSecondaryIndexes, 'GlobalSecondaryIndexes', types, provisioned, issues);
  if (global.length) extras.globalSecondaryIndexes = global;
  const local = readIndexes(properties.LocalSecondaryIndexes, 'LocalSecondaryIndexes', types, false, issues);
  if (local.length) extras.localSecondaryIndexes = local;
  const ttl = properties.TimeToLiveSpecification;
  if (ttl !== undefined) {
    if (!isRecord(ttl)) issues.push({ path: ['TimeToLiveSpecification'], message: 'expected an object with AttributeName and Enabled' });
    else if (ttl.Enabled === true || ttl.Enabled === 'true') {
      if (typeof ttl.AttributeName === 'string' && ttl.AttributeName !== '') extras.timeToLiveAttribute = ttl.AttributeName;
      else issues.push({ path: ['TimeToLiveSpecification', 'AttributeName'], message: 'expected the name of the attribute holding the expiry time' });
    }
  }
  const sse = properties.SSESpecification;
  if (isRecord(sse) && (sse.SSEEnabled === true || sse.SSEEnabled === 'true')) extras.serverSideEncryption = true;
  return { extras, issues };
}

function readIndexes(
  value: unknown,
  property: 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes',
  types: ReadonlyMap<string, KeyAttribute['type']>,
  provisioned: boolean,
  issues: TablePropertyIssue[],
): TableIndexModel[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ path: [property], message: 'expected a list of indexes' });
    return [];
  }
  const indexes: TableIndexModel[] = [];
  value.forEach((entry, position) => {
    const at = (...rest: (string | number)[]) => [property, position, ...rest];
    if (!isRecord(entry) || typeof entry.IndexName !== 'string') {
      issues.push({ path: at('IndexName'), message: 'expected the index name as text' });
      return;
    }
    const keys = readKeySchema(entry.KeySchema, types, at('KeySchema'), issues);
    const projection = readProjection(entry.Projection, at('Projection'), issues);
    if (!keys || !projection) return;
    const index: TableIndexModel = { name: entry.IndexName, partitionKey: keys.partitionKey, ...(keys.sortKey ? { sortKey: keys.sortKey } : {}), projection };
    const throughput = entry.ProvisionedThroughput;
    if (provisioned && isRecord(throughput)) {
      const readCapacity = Number(throughput.ReadCapacityUnits);
      const writeCapacity = Number(throughput.WriteCapacityUnits);
      if (Number.isFinite(readCapacity) && Number.isFinite(writeCapacity)) index.capacity = { readCapacity, writeCapacity };
      else issues.push({ path: at('ProvisionedThroughput'), message: 'expected ReadCapacityUnits and WriteCapacityUnits as numbers' });
    }
    indexes.push(index);
  });
  return indexes;
}

function readKeySchema(
  value: unknown,
  types: ReadonlyMap<string, KeyAttribute['type']>,
  path: (string | number)[],
  issues: TablePropertyIssue[],
): { partitionKey: KeyAttribute; sortKey?: KeyAttribute } | undefined {
  const entries = Array.isArray(value) ? value.filter(isRecord) : [];
  const keyOf = (keyType: 'HASH' | 'RANGE'): KeyAttribute | undefined | null => {
    const entry = entries.find((item) => item.KeyType === keyType);
    if (!entry) return undefined;
    const name = entry.AttributeName;
    const type = typeof name === 'string' ? types.get(name) : undefined;
    if (typeof name === 'string' && type) return { name, type };
    issues.push({ path, message: `expected the ${keyType} key's AttributeName to be defined in AttributeDefinitions, got ${JSON.stringify(name)}` });
    return null;
  };
  const partitionKey = keyOf('HASH');
  const sortKey = keyOf('RANGE');
  if (partitionKey === undefined) issues.push({ path, message: 'expected a KeySchema with one HASH key' });
  if (!partitionKey || sortKey === null) return undefined;
  return { partitionKey, ...(sortKey ? { sortKey } : {}) };
}

function readProjection(value: unknown, path: (string | number)[], issues: TablePropertyIssue[]): TableIndexModel['projection'] | undefined {
  const type = isRecord(value) ? (value.ProjectionType ?? 'KEYS_ONLY') : undefined;
  if (type === 'ALL' || type === 'KEYS_ONLY') return { type };
  if (type === 'INCLUDE' && isRecord(value)) {
    const names = value.NonKeyAttributes;
    if (Array.isArray(names) && names.every((name) => typeof name === 'string')) return { type, nonKeyAttributes: names as string[] };
    issues.push({ path: [...path, 'NonKeyAttributes'], message: 'expected the attribute names an INCLUDE projection copies' });
    return undefined;
  }
  issues.push({ path, message: `expected a Projection with ProjectionType ALL, KEYS_ONLY or INCLUDE, got ${JSON.stringify(value)}` });
  return undefined;
}
