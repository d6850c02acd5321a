/**
 * The seeds' chat handlers, with the authorizer's principal: `$connect` stores the connection id, `$disconnect`
 * removes it, `sendmessage` posts `principal: data` to every connection. The route's model has already checked
 * that `data` is a string, so the handler does not parse defensively.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const CONNECTION_ID_ATTRIBUTE = 'connectionID';

/** The WebSocket event with the authorizer's output, which routes behind an authorizer carry. */
type AuthorizedEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: APIGatewayProxyWebsocketEventV2['requestContext'] & { authorizer: { principalId: string } };
};
type WebSocketHandler = (event: AuthorizedEvent) => Promise<APIGatewayProxyResultV2>;

// Created once per execution environment and reused while it is warm, as on Lambda.
const dynamo = new DynamoDBClient({});

function tableName(): string {
  const name = process.env.CONNECTION_TABLE;
  if (!name) throw new Error('CONNECTION_TABLE is not set');
  return name;
}

export const connect: WebSocketHandler = async (event) => {
  await dynamo.send(new PutItemCommand({ TableName: tableName(), Item: { [CONNECTION_ID_ATTRIBUTE]: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200, body: 'Connected.' };
};

export const disconnect: WebSocketHandler = async (event) => {
  await deleteConnection(event.requestContext.connectionId);
  return { statusCode: 200, body: 'Disconnected.' };
};

export const sendMessage: WebSocketHandler = async (event) => {
  const { data } = JSON.parse(event.body ?? '') as { data: string };
  const payload = `${event.requestContext.authorizer.principalId}: ${data}`;
  const management = new ApiGatewayManagementApiClient({ endpoint: `https://${event.requestContext.domainName}/${event.requestContext.stage}` });

  let exclusiveStartKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await dynamo.send(
      new ScanCommand({
        TableName: tableName(),
        ProjectionExpression: '#id',
        ExpressionAttributeNames: { '#id': CONNECTION_ID_ATTRIBUTE },
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    await Promise.all(
      (page.Items ?? []).map(async (item) => {
        const connectionId = item[CONNECTION_ID_ATTRIBUTE]?.S;
        if (!connectionId) return;
        try {
          await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: payload }));
        } catch (error) {
          // A connection that went away without $disconnect: clean it up.
          if ((error as Error).name === 'GoneException') await deleteConnection(connectionId);
          else console.warn('Failed to post to connection', connectionId, error);
        }
      }),
    );
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);

  management.destroy();
  return { statusCode: 200, body: 'Data sent.' };
};

async function deleteConnection(connectionId: string): Promise<void> {
  await dynamo.send(new DeleteItemCommand({ TableName: tableName(), Key: { [CONNECTION_ID_ATTRIBUTE]: { S: connectionId } } }));
}
