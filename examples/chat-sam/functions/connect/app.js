// $connect: stores the new connection's id in the connections table.
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const dynamo = new DynamoDBClient({});

/** @param {import('aws-lambda').APIGatewayProxyWebsocketEventV2} event */
exports.handler = async (event) => {
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.CONNECTION_TABLE,
      Item: { connectionId: { S: event.requestContext.connectionId } },
    }),
  );
  return { statusCode: 200, body: 'Connected.' };
};
