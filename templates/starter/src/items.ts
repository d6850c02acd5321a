/** HTTP handler of the items API: GET /items lists the items, POST /items adds one from `{"text":"..."}`. */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

export interface Item {
  id: string;
  text: string;
}

// Created once per execution environment and reused while it stays warm.
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const jsonHeaders = { 'content-type': 'application/json' };

function itemsTable(): string {
  const name = process.env.ITEMS_TABLE;
  if (!name) throw new Error('ITEMS_TABLE is not set');
  return name;
}

function json(statusCode: number, value: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: jsonHeaders, body: JSON.stringify(value) };
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  switch (event.routeKey) {
    case 'GET /items':
      return listItems();
    case 'POST /items':
      return addItem(event);
    default:
      return json(404, { message: 'Not Found' });
  }
}

async function listItems(): Promise<APIGatewayProxyResultV2> {
  const items: Item[] = [];
  for await (const page of paginateScan({ client: dynamo }, { TableName: itemsTable() })) items.push(...((page.Items ?? []) as Item[]));
  return json(200, items);
}

async function addItem(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  // A body sent without a text or JSON content type arrives base64-encoded.
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  let text: unknown;
  try {
    text = (JSON.parse(body) as { text?: unknown }).text;
  } catch {
    // Not JSON: text stays undefined.
  }
  if (typeof text !== 'string' || text === '') return json(400, { message: 'expected a JSON body like {"text":"..."}' });
  const item: Item = { id: randomUUID(), text };
  await dynamo.send(new PutCommand({ TableName: itemsTable(), Item: item }));
  return json(201, item);
}
