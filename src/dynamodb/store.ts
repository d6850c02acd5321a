/** The DynamoDB the handlers talk to: embedded dynalite on loopback by default, or any endpoint; tables from the model. */

import { AsyncResource } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import dynalite from 'dynalite';
import { HopliteError } from '../errors.ts';
import { maskUrlCredentials } from '../internal/mask.ts';
import { type MemorySocket, memoryConnection } from '../internal/memory-socket.ts';
import { createSigner } from '../internal/signer.ts';
import type { KeyAttribute, TableIndexModel, TableModel } from '../model/types.ts';
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
  /** Told when the data directory's lock is lost while the store runs. */
  onLockLost?(message: string): void;
  /** Told when start-up waits for a stopped gateway's lock on the data directory. */
  onLockWait?(message: string): void;
}

export interface Store {
  /** The URL handlers get as AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  embedded: boolean;
  /** The embedded store: a connection from code in this process without a socket (plain HTTP only, as its port). */
  connectInMemory?(secure: boolean): MemorySocket | undefined;
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
    unlock = await lockDirectory(dataDir, { onLost: options.onLockLost, onWait: options.onLockWait });
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
  // In-memory connections are handled in the store's own context, not that of the code connecting.
  const serverContext = new AsyncResource('HOPLITE_IN_MEMORY_STORE');
  let closed = false;
  const connectInMemory = (secure: boolean): MemorySocket | undefined => {
    if (closed || secure) return undefined;
    const { client, server: accepted } = memoryConnection({ serverAddress: address, serverPort: port, clientAddress: address, secure, serverContext });
    serverContext.runInAsyncScope(() => process.nextTick(() => server.emit('connection', accepted)));
    return client;
  };
  const dispose = async () => {
    closed = true;
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
  return { endpoint, embedded: true, connectInMemory, dispose };
}

/** DynamoDB's CreateTable request for a table of the model, its secondary indexes included. */
export function createTableInput(table: TableModel): Record<string, unknown> {
  const provisioned = table.billing.mode === 'PROVISIONED' ? table.billing : undefined;
  const keySchema = (keys: { partitionKey: KeyAttribute; sortKey?: KeyAttribute }) => [
    { AttributeName: keys.partitionKey.name, KeyType: 'HASH' },
    ...(keys.sortKey ? [{ AttributeName: keys.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
  const projection = (index: TableIndexModel) =>
    index.projection.type === 'INCLUDE'
      ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.nonKeyAttributes }
      : { ProjectionType: index.projection.type };
  const globals = table.globalSecondaryIndexes ?? [];
  const locals = table.localSecondaryIndexes ?? [];
  const attributes = new Map<string, KeyAttribute['type']>();
  for (const keys of [table, ...globals, ...locals]) {
    attributes.set(keys.partitionKey.name, keys.partitionKey.type);
    if (keys.sortKey) attributes.set(keys.sortKey.name, keys.sortKey.type);
  }
  return {
    TableName: table.name,
    AttributeDefinitions: [...attributes].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
    KeySchema: keySchema(table),
    ...(provisioned
      ? {
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: provisioned.readCapacity, WriteCapacityUnits: provisioned.writeCapacity },
        }
      : { BillingMode: 'PAY_PER_REQUEST' }),
    ...(globals.length
      ? {
          GlobalSecondaryIndexes: globals.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index),
            Projection: projection(index),
            ...(provisioned
              ? {
                  ProvisionedThroughput: {
                    ReadCapacityUnits: index.capacity?.readCapacity ?? provisioned.readCapacity,
                    WriteCapacityUnits: index.capacity?.writeCapacity ?? provisioned.writeCapacity,
                  },
                }
              : {}),
          })),
        }
      : {}),
    ...(locals.length
      ? { LocalSecondaryIndexes: locals.map((index) => ({ IndexName: index.name, KeySchema: keySchema(index), Projection: projection(index) })) }
      : {}),
  };
}

const CALL_TIMEOUT_MS = 10_000;

interface DynamoAnswer {
  status: number;
  /** The error's short name (`ResourceInUseException`), when it is one. */
  errorType: string | undefined;
  message: string;
}

/**
 * One call of DynamoDB's JSON protocol, signed as the SDK would sign it: a call per table at start-up does not
 * need the SDK's client, whose import would add a tenth of a second to every start.
 */
async function callDynamo(endpoint: URL, options: StoreOptions, operation: string, input: Record<string, unknown>): Promise<DynamoAnswer> {
  const signer = await createSigner({ credentials: options.credentials, region: options.region, service: 'dynamodb' });
  const body = JSON.stringify(input);
  const signed = await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port === '' ? undefined : Number(endpoint.port),
    path: '/',
    query: {},
    headers: { host: endpoint.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body,
  });
  const send = endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolveAnswer, reject) => {
    const outgoing = send(endpoint, { method: 'POST', path: '/', headers: signed.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        let parsed: { __type?: string; message?: string; Message?: string } = {};
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch {
          // Not JSON: the status says enough.
        }
        resolveAnswer({
          status: response.statusCode ?? 0,
          errorType: parsed.__type?.split('#').pop(),
          message: parsed.message ?? parsed.Message ?? `HTTP ${response.statusCode}`,
        });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    // An endpoint that accepts and never answers must not hold start-up forever.
    outgoing.setTimeout(CALL_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)));
    outgoing.end(body);
  });
}

/** Creates the model's tables before the gateway accepts anything; tables that exist already are kept with their data. */
async function createTables(endpoint: string, options: StoreOptions): Promise<void> {
  const url = new URL(endpoint);
  for (const table of options.tables) {
    const failed = (reason: string, cause?: unknown) =>
      new HopliteError('HOPLITE_ERR_DYNAMODB_TABLES', maskUrlCredentials(`could not create table ${table.name} at ${endpoint}: ${reason}`), { cause });
    let answer: DynamoAnswer;
    try {
      answer = await callDynamo(url, options, 'CreateTable', createTableInput(table));
    } catch (error) {
      throw failed((error as Error).message, error);
    }
    if (answer.status === 200 || answer.errorType === 'ResourceInUseException') continue;
    throw failed(`${answer.errorType ?? 'Error'}: ${answer.message}`);
  }
}
