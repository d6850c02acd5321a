/** The DynamoDB the handlers talk to: embedded dynalite on loopback by default, or any endpoint; tables from the model. */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { HopliteError } from '../errors.ts';
import type { TableModel } from '../model/types.ts';
import { lockDirectory } from './lock.ts';

export interface StoreOptions {
  tables: readonly TableModel[];
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Persist the embedded store here (locked while in use); in memory when absent. */
  dataDir?: string;
  /** Use this DynamoDB instead of the embedded one. */
  endpoint?: string;
  host?: string;
}

export interface Store {
  /** The URL handlers get as AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  embedded: boolean;
  dispose(): Promise<void>;
}

export async function startStore(options: StoreOptions): Promise<Store> {
  if (options.endpoint) {
    await createTables(options.endpoint, options);
    return { endpoint: options.endpoint, embedded: false, dispose: async () => {} };
  }
  let unlock: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDirectory(dataDir);
  }
  let server: Server;
  try {
    server = dynalite({ ...(dataDir ? { path: dataDir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(0, options.host ?? '127.0.0.1', () => resolveListen());
    });
  } catch (error) {
    await unlock?.();
    throw new HopliteError('HOPLITE_ERR_DYNAMODB_START', `the embedded DynamoDB store could not start: ${(error as Error).message}`, { cause: error });
  }
  const { address, port } = server.address() as AddressInfo;
  const endpoint = `http://${address}:${port}`;
  const dispose = async () => {
    server.closeAllConnections();
    // dynalite's close() also closes its LevelDB, which must happen before the lock is released.
    await new Promise<void>((done) => server.close(() => done()));
    await unlock?.();
  };
  try {
    await createTables(endpoint, options);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { endpoint, embedded: true, dispose };
}

function createTableInput(table: TableModel): CreateTableCommandInput {
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  return {
    TableName: table.name,
    AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.billing.mode === 'PROVISIONED'
      ? {
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: table.billing.readCapacity, WriteCapacityUnits: table.billing.writeCapacity },
        }
      : { BillingMode: 'PAY_PER_REQUEST' }),
  };
}

/** Creates the model's tables before the gateway accepts anything; tables that exist already are kept with their data. */
async function createTables(endpoint: string, options: StoreOptions): Promise<void> {
  if (options.tables.length === 0) return;
  const client = new DynamoDBClient({ endpoint, region: options.region, credentials: options.credentials, maxAttempts: 2 });
  try {
    for (const table of options.tables) {
      try {
        await client.send(new CreateTableCommand(createTableInput(table)));
      } catch (error) {
        if (error instanceof ResourceInUseException) continue;
        throw new HopliteError('HOPLITE_ERR_DYNAMODB_TABLES', `could not create table ${table.name} at ${endpoint}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  } finally {
    client.destroy();
  }
}
