/** `table()`: a DynamoDB table of the service. */

import type { KeyAttribute, TableIndexModel, TableModel } from '../model/types.ts';
import { optionsObject } from './arguments.ts';

export interface TableOptions {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Provisioned capacity; omit both for on-demand (PAY_PER_REQUEST). */
  readCapacity?: number;
  writeCapacity?: number;
  /** Encrypt at rest with an AWS managed KMS key (SSESpecification.SSEEnabled) when shipped. @default false */
  serverSideEncryption?: boolean;
  /**
   * Global secondary indexes, created in the embedded store too.
   * @example [{ name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, projection: { type: 'ALL' } }]
   */
  globalSecondaryIndexes?: TableIndexModel[];
  /** Local secondary indexes: the table's partition key with another sort key. */
  localSecondaryIndexes?: TableIndexModel[];
  /** The attribute holding each item's expiry time in epoch seconds (TTL when shipped; items do not expire locally). */
  timeToLiveAttribute?: string;
}

export class TableDefinition {
  readonly name: string;
  readonly options: TableOptions;

  constructor(name: string, options: TableOptions) {
    this.name = name;
    this.options = options;
  }

  toModel(): TableModel {
    const { partitionKey, sortKey, readCapacity, writeCapacity, serverSideEncryption, globalSecondaryIndexes, localSecondaryIndexes, timeToLiveAttribute } =
      this.options;
    const copy = (indexes: TableIndexModel[]) => indexes.map((index) => structuredClone(index));
    const billing: TableModel['billing'] =
      readCapacity === undefined && writeCapacity === undefined
        ? { mode: 'PAY_PER_REQUEST' }
        : { mode: 'PROVISIONED', readCapacity: readCapacity ?? 1, writeCapacity: writeCapacity ?? 1 };
    return {
      name: this.name,
      partitionKey: partitionKey && { ...partitionKey },
      ...(sortKey ? { sortKey: { ...sortKey } } : {}),
      billing,
      ...(globalSecondaryIndexes?.length ? { globalSecondaryIndexes: copy(globalSecondaryIndexes) } : {}),
      ...(localSecondaryIndexes?.length ? { localSecondaryIndexes: copy(localSecondaryIndexes) } : {}),
      ...(timeToLiveAttribute === undefined ? {} : { timeToLiveAttribute }),
      ...(serverSideEncryption ? { serverSideEncryption: true } : {}),
    };
  }
}

/**
 * Declares a table.
 * @example table('Todos', { partitionKey: { name: 'Id', type: 'S' } })
 */
export function table(name: string, options: TableOptions): TableDefinition {
  return new TableDefinition(name, optionsObject(`table("${name}", options)`, options, "an object such as { partitionKey: { name: 'Id', type: 'S' } }"));
}
