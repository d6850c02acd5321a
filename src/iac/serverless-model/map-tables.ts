/**
 * `resources.Resources` entries of type AWS::DynamoDB::Table as the model's tables (keys, billing, indexes, TTL and
 * encryption), once CloudFormation's resolver has evaluated the section's conditions and intrinsics; every other
 * resource type, and the table properties the model does not hold, warn by name.
 */

import type { KeyAttribute, TableModel } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import type { PositionMap } from '../serverless/positions.ts';
import type { ServerlessService } from '../serverless/types.ts';
import { readTableExtras } from '../table-properties/index.ts';
import type { MappingReport } from './report.ts';
import { RESOLVED_SECTIONS, resolveResources } from './resolve-resources.ts';

/** Table properties that change nothing locally, or that the model does not hold yet. */
const UNMAPPED_TABLE_PROPERTIES = [
  'StreamSpecification',
  'PointInTimeRecoverySpecification',
  'Tags',
  'DeletionProtectionEnabled',
  'TableClass',
  'ContributorInsightsSpecification',
];

/** Logical id → the table it declares. */
export type TablesByLogicalId = ReadonlyMap<string, TableModel>;

/** `resources` resolved as CloudFormation would (resolve-resources.ts); a resource whose Condition is false is left out. */
export function mapTables(service: ServerlessService, positions: PositionMap, report: MappingReport): Map<string, TableModel> {
  const tables = new Map<string, TableModel>();
  for (const section of Object.keys(service.resources)) {
    if (!(RESOLVED_SECTIONS as readonly string[]).includes(section)) {
      report.warn(['resources', section], `resources.${section} is not read: Hoplite maps DynamoDB tables of resources.Resources`);
    }
  }
  const resolved = resolveResources(service, positions);
  for (const warning of resolved.warnings) report.warn(['resources', ...warning.path.split('.')], warning.message);
  for (const [logicalId, resource] of resolved.resources) {
    const keys = ['resources', 'Resources', logicalId];
    if (resource.type !== 'AWS::DynamoDB::Table') {
      report.warn(
        [...keys, 'Type'],
        `resource ${logicalId} (${String(resource.type)}) is not created: Hoplite creates the AWS::DynamoDB::Table resources of a serverless.yml`,
      );
      continue;
    }
    const table = mapTable(logicalId, resource.properties, keys, report);
    if (table) tables.set(logicalId, table);
  }
  return tables;
}

function mapTable(logicalId: string, properties: Record<string, unknown>, keys: string[], report: MappingReport): TableModel | undefined {
  const at = [...keys, 'Properties'];
  const name = properties.TableName ?? logicalId;
  if (typeof name !== 'string')
    return report.fail([...at, 'TableName'], "expected the table name as text (a reference to another resource's value cannot be known locally)");
  const types = attributeTypes(properties.AttributeDefinitions, [...at, 'AttributeDefinitions'], report);
  const schema = Array.isArray(properties.KeySchema) ? properties.KeySchema : [];
  const keyOf = (keyType: 'HASH' | 'RANGE'): KeyAttribute | 'none' | 'undefined-type' => {
    const entry = schema.find((item) => isRecord(item) && item.KeyType === keyType);
    if (!isRecord(entry) || typeof entry.AttributeName !== 'string') return 'none';
    const type = types.get(entry.AttributeName);
    if (type !== undefined) return { name: entry.AttributeName, type };
    report.fail([...at, 'AttributeDefinitions'], `expected a definition of the key attribute ${entry.AttributeName} (S, N or B)`);
    return 'undefined-type';
  };
  const partitionKey = keyOf('HASH');
  if (partitionKey === 'none') return report.fail([...at, 'KeySchema'], 'expected a KeySchema with one HASH key');
  const sortKey = keyOf('RANGE');
  if (partitionKey === 'undefined-type' || sortKey === 'undefined-type') return undefined;
  const table: TableModel = { name, partitionKey, billing: billing(properties, at, report) };
  if (sortKey !== 'none') table.sortKey = sortKey;
  const { extras, issues } = readTableExtras(properties, types, table.billing.mode === 'PROVISIONED');
  for (const issue of issues) report.fail([...at, ...issue.path], issue.message);
  Object.assign(table, extras);
  if (extras.timeToLiveAttribute) report.warn([...at, 'TimeToLiveSpecification'], 'TimeToLiveSpecification is recorded: items do not expire locally');
  for (const property of UNMAPPED_TABLE_PROPERTIES) {
    if (properties[property] !== undefined) report.warn([...at, property], `AWS::DynamoDB::Table ${property} is not applied by Hoplite's tables`);
  }
  return table;
}

function attributeTypes(value: unknown, keys: (string | number)[], report: MappingReport): Map<string, KeyAttribute['type']> {
  const types = new Map<string, KeyAttribute['type']>();
  if (!Array.isArray(value)) return types;
  value.forEach((item, index) => {
    if (!isRecord(item) || typeof item.AttributeName !== 'string') return;
    const type = item.AttributeType;
    if (type === 'S' || type === 'N' || type === 'B') types.set(item.AttributeName, type);
    else report.fail([...keys, index, 'AttributeType'], `expected S, N or B, got ${JSON.stringify(type)}`);
  });
  return types;
}

function billing(properties: Record<string, unknown>, keys: (string | number)[], report: MappingReport): TableModel['billing'] {
  if (properties.BillingMode === 'PAY_PER_REQUEST') return { mode: 'PAY_PER_REQUEST' };
  const throughput = isRecord(properties.ProvisionedThroughput) ? properties.ProvisionedThroughput : undefined;
  const read = Number(throughput?.ReadCapacityUnits);
  const write = Number(throughput?.WriteCapacityUnits);
  if (!throughput || !Number.isFinite(read) || !Number.isFinite(write)) {
    report.fail(
      [...keys, 'ProvisionedThroughput'],
      'expected BillingMode PAY_PER_REQUEST, or ProvisionedThroughput with ReadCapacityUnits and WriteCapacityUnits',
    );
    return { mode: 'PAY_PER_REQUEST' };
  }
  return { mode: 'PROVISIONED', readCapacity: read, writeCapacity: write };
}
