// The benchmark's handlers for the peer, in JavaScript (it does not load TypeScript); the same work as ../service/handlers.ts.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});
const managers = new Map();

// The peer's @connections API is plain HTTP on its WebSocket port, which its events do not name: the target passes it in.
function manager() {
  const endpoint = process.env.MANAGEMENT_ENDPOINT;
  let client = managers.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    managers.set(endpoint, client);
  }
  return client;
}

export const hello = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' });

export const echo = async (event) => ({ statusCode: 200, body: event.body });

export const sendself = async (event) => {
  await manager().send(new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: event.body ?? '' }));
  return { statusCode: 200 };
};

export const connect = async (event) => {
  await dynamo.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200 };
};

export const disconnect = async (event) => {
  await dynamo.send(new DeleteItemCommand({ TableName: process.env.TABLE, Key: { id: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200 };
};

export const broadcast = async (event) => {
  const client = manager();
  let start;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: process.env.TABLE, ExclusiveStartKey: start }));
    await Promise.all(
      (page.Items ?? []).map((item) => client.send(new PostToConnectionCommand({ ConnectionId: item.id?.S, Data: event.body ?? '' })).catch(() => {})),
    );
    start = page.LastEvaluatedKey;
  } while (start);
  return { statusCode: 200 };
};
