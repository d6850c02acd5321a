/** Each table as an AWS::DynamoDB::Table, named by CloudFormation: functions learn the name through their environment. */
import { ConfigError } from '../../errors.ts';
import type { KeyAttribute, TableIndexModel, TableModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import type { CfnResource, CfnValue } from './template.ts';

export function synthesizeTables(context: SynthContext): void {
  for (const table of context.model.tables) {
    context.builder.resource(ids.table(table.name), dynamoDbTable(context, table), `table "${table.name}"`);
  }
}

const keySchema = (partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): CfnValue[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
];

/** Every key attribute of the table and its indexes, once, in the order the model names them; one name has one type. */
function attributeDefinitions(context: SynthContext, table: TableModel): CfnValue[] {
  const types = new Map<string, KeyAttribute['type']>();
  const indexes = [...(table.globalSecondaryIndexes ?? []), ...(table.localSecondaryIndexes ?? [])];
  for (const key of [table.partitionKey, table.sortKey, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])]) {
    if (!key) continue;
    const known = types.get(key.name);
    if (known !== undefined && known !== key.type)
      throw new ConfigError(context.options.source, [
        { path: `table "${table.name}"`, message: `the key attribute "${key.name}" is typed both ${known} and ${key.type}; expected one type` },
      ]);
    types.set(key.name, key.type);
  }
  return [...types].map(([name, type]) => ({ AttributeName: name, AttributeType: type }));
}

const projection = (index: TableIndexModel): CfnValue =>
  index.projection.type === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.nonKeyAttributes }
    : { ProjectionType: index.projection.type };

const throughput = (capacity: { readCapacity: number; writeCapacity: number }): CfnValue => ({
  ReadCapacityUnits: capacity.readCapacity,
  WriteCapacityUnits: capacity.writeCapacity,
});

function globalIndex(table: TableModel, index: TableIndexModel): CfnValue {
  const { billing } = table;
  return {
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: projection(index),
    // A global index of a provisioned table needs its own capacity; the table's when the model gives none.
    ...(billing.mode === 'PROVISIONED' ? { ProvisionedThroughput: throughput(index.capacity ?? billing) } : {}),
  };
}

export function dynamoDbTable(context: SynthContext, table: TableModel): CfnResource {
  const { billing } = table;
  const globals = table.globalSecondaryIndexes ?? [];
  const locals = table.localSecondaryIndexes ?? [];
  return {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      AttributeDefinitions: attributeDefinitions(context, table),
      KeySchema: keySchema(table.partitionKey, table.sortKey),
      BillingMode: billing.mode,
      ...(billing.mode === 'PROVISIONED' ? { ProvisionedThroughput: throughput(billing) } : {}),
      ...(globals.length ? { GlobalSecondaryIndexes: globals.map((index) => globalIndex(table, index)) } : {}),
      ...(locals.length
        ? {
            LocalSecondaryIndexes: locals.map((index) => ({
              IndexName: index.name,
              KeySchema: keySchema(index.partitionKey, index.sortKey),
              Projection: projection(index),
            })),
          }
        : {}),
      ...(table.timeToLiveAttribute ? { TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true } } : {}),
      ...(table.serverSideEncryption ? { SSESpecification: { SSEEnabled: true } } : {}),
    },
  };
}
