// $disconnect: removes the connection's id from the connections table.
const { DeleteItemCommand, DynamoDBClient } = require('@aws-sdk/client-dynamodb');

const dynamo = new DynamoDBClient({});

/** @param {import('aws-lambda').APIGatewayProxyWebsocketEventV2} event */
exports.handler = async (event) => {
  await dynamo.send(
    new DeleteItemCommand({
      TableName: process.env.CONNECTION_TABLE,
      Key: { connectionId: { S: event.requestContext.connectionId } },
    }),
  );
  return { statusCode: 200, body: 'Disconnected.' };
};
