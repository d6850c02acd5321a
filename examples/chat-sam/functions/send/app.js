// sendmessage: posts the message's `data` to every stored connection through the @connections API.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});
const TableName = process.env.CONNECTION_TABLE;

/** @param {import('aws-lambda').APIGatewayProxyWebsocketEventV2} event */
export const handler = async (event) => {
  let data;
  try {
    data = JSON.parse(event.body ?? '').data;
    if (data === undefined) throw new Error('"data" is required');
  } catch (error) {
    return { statusCode: 400, body: `Expected {"message":"sendmessage","data":...}: ${/** @type {Error} */ (error).message}` };
  }
  const { domainName, stage } = event.requestContext;
  const management = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
  const payload = JSON.stringify(data);
  /** @type {import('@aws-sdk/client-dynamodb').ScanCommandOutput['LastEvaluatedKey']} */
  let ExclusiveStartKey;
  do {
    /** @type {import('@aws-sdk/client-dynamodb').ScanCommandOutput} */
    const page = await dynamo.send(new ScanCommand({ TableName, ProjectionExpression: 'connectionId', ExclusiveStartKey }));
    await Promise.all(
      (page.Items ?? []).map(async (item) => {
        const ConnectionId = item.connectionId?.S;
        if (!ConnectionId) return;
        try {
          await management.send(new PostToConnectionCommand({ ConnectionId, Data: payload }));
        } catch (error) {
          // A connection that went away without $disconnect.
          if (/** @type {Error} */ (error).name === 'GoneException')
            await dynamo.send(new DeleteItemCommand({ TableName, Key: { connectionId: { S: ConnectionId } } }));
          else throw error;
        }
      }),
    );
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  management.destroy();
  return { statusCode: 200, body: 'Data sent.' };
};
