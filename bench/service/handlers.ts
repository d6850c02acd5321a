/** The benchmark's handlers: the same work the bare target does, as Lambda handlers. */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const dynamo = new DynamoDBClient({});
const managers = new Map<string, ApiGatewayManagementApiClient>();

/** One management client per endpoint and environment, reused while warm (as handler code should). */
function manager(event: APIGatewayProxyWebsocketEventV2): ApiGatewayManagementApiClient {
  const endpoint = `https://${event.requestContext.domainName}/${event.requestContext.stage}`;
  let client = managers.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    managers.set(endpoint, client);
  }
  return client;
}

export async function hello(_event: APIGatewayProxyEventV2) {
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' };
}

export async function echo(event: APIGatewayProxyWebsocketEventV2) {
  return { statusCode: 200, body: event.body };
}

export async function sendself(event: APIGatewayProxyWebsocketEventV2) {
  await manager(event).send(new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: event.body ?? '' }));
  return { statusCode: 200 };
}

export async function connect(event: APIGatewayProxyWebsocketEventV2) {
  await dynamo.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200 };
}

export async function disconnect(event: APIGatewayProxyWebsocketEventV2) {
  await dynamo.send(new DeleteItemCommand({ TableName: process.env.TABLE, Key: { id: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200 };
}

/** The seeds' chat pattern: scan the connections table, post to each. */
export async function broadcast(event: APIGatewayProxyWebsocketEventV2) {
  const client = manager(event);
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await dynamo.send(new ScanCommand({ TableName: process.env.TABLE, ExclusiveStartKey: start }));
    await Promise.all(
      (page.Items ?? []).map((item) => client.send(new PostToConnectionCommand({ ConnectionId: item.id?.S, Data: event.body ?? '' })).catch(() => {})),
    );
    start = page.LastEvaluatedKey;
  } while (start);
  return { statusCode: 200 };
}
