/** AWS::Serverless::SimpleTable and AWS::DynamoDB::Table as TableModels: keys, billing, indexes, TTL and encryption; the rest is warned about. */
import type { KeyAttribute, TableModel } from '../../model/types.ts';
import { readTableExtras } from '../table-properties/index.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';

export const SIMPLE_TABLE = 'AWS::Serverless::SimpleTable';
export const DYNAMODB_TABLE = 'AWS::DynamoDB::Table';

/** The local name of a table: its TableName when the template gives one, else its logical id. */
export function tableName(id: string, properties: Record<string, unknown>): string {
  return typeof properties.TableName === 'string' ? properties.TableName : id;
}

/** SAM's SimpleTable writes key types as `String`, `Number` or `Binary`. */
const SIMPLE_TYPES: Record<string, KeyAttribute['type']> = { String: 'S', Number: 'N', Binary: 'B' };

export function mapSimpleTable(context: MappingContext, id: string): TableModel {
  const reader = new PropertyReader(context, id, mergedSimpleTable(context, id));
  const key = reader.object('PrimaryKey');
  const name = key?.string('Name') ?? 'id';
  const typeText = key?.string('Type') ?? 'String';
  const type = SIMPLE_TYPES[typeText];
  if (!type) throw (key as PropertyReader).fail('Type', 'String, Number or Binary');
  reader.ignore(SIMPLE_TABLE, ['Tags', 'PointInTimeRecoverySpecification']);
  const { extras } = readTableExtras({ SSESpecification: reader.properties.SSESpecification }, new Map(), false);
  return {
    name: tableName(id, reader.properties),
    partitionKey: { name, type },
    billing: billingOf(reader, reader.has('ProvisionedThroughput') ? 'PROVISIONED' : 'PAY_PER_REQUEST'),
    ...extras,
  };
}

function mergedSimpleTable(context: MappingContext, id: string): Record<string, unknown> {
  const globals = context.template.globals.SimpleTable;
  const own = context.resource(id)?.properties ?? {};
  return globals && typeof globals === 'object' ? { ...(globals as Record<string, unknown>), ...own } : own;
}

export function mapDynamoDbTable(context: MappingContext, id: string): TableModel {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  const types = new Map<string, KeyAttribute['type']>();
  (reader.list('AttributeDefinitions') ?? []).forEach((definition, index) => {
    const item = new PropertyReader(context, id, definition as Record<string, unknown>, reader.at('AttributeDefinitions').concat(index));
    const type = item.requiredString('AttributeType');
    if (type !== 'S' && type !== 'N' && type !== 'B') throw item.fail('AttributeType', 'S, N or B');
    types.set(item.requiredString('AttributeName'), type);
  });
  const keys = reader.list('KeySchema');
  if (!keys || keys.length === 0) throw context.error(reader.path, `${id}: KeySchema is required: a HASH key, and optionally a RANGE key`);
  let partitionKey: KeyAttribute | undefined;
  let sortKey: KeyAttribute | undefined;
  keys.forEach((entry, index) => {
    const item = new PropertyReader(context, id, entry as Record<string, unknown>, reader.at('KeySchema').concat(index));
    const name = item.requiredString('AttributeName');
    const type = types.get(name);
    if (!type) throw item.fail('AttributeName', 'an attribute named in AttributeDefinitions');
    const keyType = item.requiredString('KeyType');
    if (keyType === 'HASH') partitionKey = { name, type };
    else if (keyType === 'RANGE') sortKey = { name, type };
    else throw item.fail('KeyType', 'HASH or RANGE');
  });
  if (!partitionKey) throw context.error(reader.at('KeySchema'), `${id}: KeySchema: expected a HASH key`);
  const mode = reader.string('BillingMode') ?? 'PROVISIONED';
  if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') throw reader.fail('BillingMode', 'PROVISIONED or PAY_PER_REQUEST');
  const { extras, issues } = readTableExtras(reader.properties, types, mode === 'PROVISIONED');
  const [issue] = issues;
  if (issue) throw context.error([...reader.path, ...issue.path], `${id}: ${issue.path.join('.')}: ${issue.message}`);
  if (extras.timeToLiveAttribute) context.warn(reader.at('TimeToLiveSpecification'), `${id}: TimeToLiveSpecification is recorded: items do not expire locally`);
  reader.ignore(DYNAMODB_TABLE, [
    'StreamSpecification',
    'PointInTimeRecoverySpecification',
    'Tags',
    'TableClass',
    'DeletionProtectionEnabled',
    'ContributorInsightsSpecification',
    'KinesisStreamSpecification',
  ]);
  return { name: tableName(id, reader.properties), partitionKey, ...(sortKey ? { sortKey } : {}), billing: billingOf(reader, mode), ...extras };
}

function billingOf(reader: PropertyReader, mode: 'PROVISIONED' | 'PAY_PER_REQUEST'): TableModel['billing'] {
  if (mode === 'PAY_PER_REQUEST') return { mode };
  const throughput = reader.object('ProvisionedThroughput');
  return { mode, readCapacity: throughput?.number('ReadCapacityUnits') ?? 5, writeCapacity: throughput?.number('WriteCapacityUnits') ?? 5 };
}
