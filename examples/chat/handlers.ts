/**
 * The seeds' SpartaWebSocket chat, as plain Lambda handlers: they deploy to AWS unchanged.
 * connectWorld stores the connection id, disconnectWorld removes it, sendMessage posts `data` to every connection.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

/** Environment variable that the connection-table decorator fills with the table's name. */
export const ENV_TABLE_NAME = 'CONNECTION_TABLE';
/** The attribute that holds the connection id. */
export const CONNECTION_ID_ATTRIBUTE = 'connectionID';

type WebSocketHandler = (event: APIGatewayProxyWebsocketEventV2) => Promise<APIGatewayProxyResultV2>;

// Created once per execution environment and reused while it is warm, as on Lambda.
const dynamo = new DynamoDBClient({});

function tableName(): string {
  const name = process.env[ENV_TABLE_NAME];
  if (!name) throw new Error(`${ENV_TABLE_NAME} is not set`);
  return name;
}

export const connectWorld: WebSocketHandler = async (event) => {
  await dynamo.send(
    new PutItemCommand({
      TableName: tableName(),
      Item: { [CONNECTION_ID_ATTRIBUTE]: { S: event.requestContext.connectionId } },
    }),
  );
  return { statusCode: 200, body: 'Connected.' };
};

export const disconnectWorld: WebSocketHandler = async (event) => {
  await deleteConnection(event.requestContext.connectionId);
  return { statusCode: 200, body: 'Disconnected.' };
};

export const sendMessage: WebSocketHandler = async (event) => {
  let data: unknown;
  try {
    const body = JSON.parse(event.body ?? '') as { data?: unknown } | null;
    if (typeof body !== 'object' || body === null || body.data === undefined) throw new Error('"data" is required');
    data = body.data;
  } catch (error) {
    return { statusCode: 500, body: `Failed to unmarshal request: ${(error as Error).message}` };
  }

  // The endpoint comes from the event, as in the seed: https://{domainName}/{stage}.
  const endpoint = `https://${event.requestContext.domainName}/${event.requestContext.stage}`;
  const management = new ApiGatewayManagementApiClient({ endpoint });
  // The seed forwards the raw JSON of `data`: "hello world !" arrives with its quotes.
  const payload = JSON.stringify(data);

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
