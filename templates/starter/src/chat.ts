/**
 * WebSocket handlers: connect stores the connection id, disconnect removes it, sendMessage posts `data`
 * to every stored connection through the API's @connections endpoint.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

type WebSocketHandler = (event: APIGatewayProxyWebsocketEventV2) => Promise<APIGatewayProxyResultV2>;

// Clients are created once per execution environment and reused while it stays warm.
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const managementClients = new Map<string, ApiGatewayManagementApiClient>();

function connectionsTable(): string {
  const name = process.env.CONNECTIONS_TABLE;
  if (!name) throw new Error('CONNECTIONS_TABLE is not set');
  return name;
}

/** The @connections client of the API that sent the event: https://{domainName}/{stage}. */
function managementClient(event: APIGatewayProxyWebsocketEventV2): ApiGatewayManagementApiClient {
  const endpoint = `https://${event.requestContext.domainName}/${event.requestContext.stage}`;
  let client = managementClients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    managementClients.set(endpoint, client);
  }
  return client;
}

export const connect: WebSocketHandler = async (event) => {
  await dynamo.send(new PutCommand({ TableName: connectionsTable(), Item: { connectionId: event.requestContext.connectionId } }));
  return { statusCode: 200 };
};

export const disconnect: WebSocketHandler = async (event) => {
  await dynamo.send(new DeleteCommand({ TableName: connectionsTable(), Key: { connectionId: event.requestContext.connectionId } }));
  return { statusCode: 200 };
};

/** `{"action":"sendmessage","data":"hello"}` sends `hello` to everyone connected (data that is not a string goes as JSON). */
export const sendMessage: WebSocketHandler = async (event) => {
  let data: unknown;
  try {
    data = (JSON.parse(event.body ?? '') as { data?: unknown }).data;
  } catch {
    // Not JSON: data stays undefined.
  }
  if (data === undefined) return { statusCode: 400, body: 'expected {"action":"sendmessage","data":...}' };
  const message = typeof data === 'string' ? data : JSON.stringify(data);

  const management = managementClient(event);
  const pages = paginateScan({ client: dynamo }, { TableName: connectionsTable(), ProjectionExpression: 'connectionId' });
  for await (const page of pages) {
    await Promise.all(
      (page.Items ?? []).map(async ({ connectionId }) => {
        try {
          await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: message }));
        } catch (error) {
          // A connection that is gone without $disconnect: forget it.
          if ((error as Error).name === 'GoneException') await dynamo.send(new DeleteCommand({ TableName: connectionsTable(), Key: { connectionId } }));
          else throw error;
        }
      }),
    );
  }
  return { statusCode: 200 };
};
