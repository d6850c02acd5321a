'use strict';
/**
 * The chat's handlers, CommonJS as Serverless Framework services write them: connect stores the connection id,
 * disconnect removes it, sendMessage stores the message and posts it to every connection, listMessages answers
 * GET /messages with the messages sent, oldest first.
 */
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');

/** @typedef {import('aws-lambda').APIGatewayProxyWebsocketEventV2} WebSocketEvent */
/** @typedef {import('@aws-sdk/client-dynamodb').ScanCommandOutput} ScanOutput */

// Created once per execution environment and reused while it is warm, as on Lambda.
const dynamo = new DynamoDBClient({});

/** @param {WebSocketEvent} event */
module.exports.connect = async (event) => {
  await dynamo.send(new PutItemCommand({ TableName: process.env.CONNECTIONS_TABLE, Item: { connectionId: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200, body: 'Connected.' };
};

/** @param {WebSocketEvent} event */
module.exports.disconnect = async (event) => {
  await removeConnection(event.requestContext.connectionId);
  return { statusCode: 200, body: 'Disconnected.' };
};

/** @param {WebSocketEvent} event */
module.exports.sendMessage = async (event) => {
  const body = parse(event.body);
  if (typeof body?.data !== 'string') return { statusCode: 400, body: 'expected {"action":"sendmessage","data":"<text>"}' };
  const { connectionId, domainName, stage, requestTimeEpoch } = event.requestContext;
  const message = { id: `${requestTimeEpoch}-${event.requestContext.requestId}`, from: connectionId, data: body.data, sentAt: requestTimeEpoch };
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.MESSAGES_TABLE,
      Item: { id: { S: message.id }, from: { S: message.from }, data: { S: message.data }, sentAt: { N: String(message.sentAt) } },
    }),
  );
  const management = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
  const payload = JSON.stringify({ from: message.from, data: message.data });
  const connections = await scanAll(process.env.CONNECTIONS_TABLE);
  await Promise.all(
    connections.map(async (item) => {
      const to = /** @type {string} */ (item.connectionId?.S);
      try {
        await management.send(new PostToConnectionCommand({ ConnectionId: to, Data: payload }));
      } catch (error) {
        // A connection that went away without $disconnect: forget it.
        if (/** @type {Error} */ (error).name === 'GoneException') await removeConnection(to);
        else throw error;
      }
    }),
  );
  management.destroy();
  return { statusCode: 200, body: 'Sent.' };
};

module.exports.listMessages = async () => {
  const items = await scanAll(process.env.MESSAGES_TABLE);
  const messages = items.map((item) => ({ from: item.from?.S, data: item.data?.S, sentAt: Number(item.sentAt?.N) })).sort((a, b) => a.sentAt - b.sentAt);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) };
};

/** Every item of a table, page after page. @param {string | undefined} table */
async function scanAll(table) {
  /** @type {NonNullable<ScanOutput['Items']>} */
  const items = [];
  /** @type {ScanOutput['LastEvaluatedKey']} */
  let start;
  do {
    /** @type {ScanOutput} */
    const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** @param {string | undefined} text @returns {{ data?: unknown } | undefined} */
function parse(text) {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** @param {string} connectionId */
async function removeConnection(connectionId) {
  await dynamo.send(new DeleteItemCommand({ TableName: process.env.CONNECTIONS_TABLE, Key: { connectionId: { S: connectionId } } }));
}
