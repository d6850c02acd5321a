/** The starter service: a WebSocket chat that broadcasts to every connection, and an HTTP API over a DynamoDB table. */
import { fn, httpApi, service, table, websocketApi } from 'hoplite';

// WebSocket API: $connect and $disconnect keep the connection ids in a table, sendmessage posts to all of them.
const connect = fn('connect', { handler: 'src/chat.connect' });
const disconnect = fn('disconnect', { handler: 'src/chat.disconnect' });
const sendMessage = fn('sendMessage', { handler: 'src/chat.sendMessage', timeoutSeconds: 10 });

const chat = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'dev' })
  .route('$connect', connect)
  .route('$disconnect', disconnect)
  .route('sendmessage', sendMessage)
  .allowManageConnections([sendMessage]);

// A table keyed by the connection id; its name reaches each function as CONNECTIONS_TABLE.
chat
  .connectionTable({ envKey: 'CONNECTIONS_TABLE', attribute: 'connectionId', readCapacity: 5, writeCapacity: 5 })
  .annotate([connect, disconnect, sendMessage]);

// HTTP API: GET /items lists the items table, POST /items adds one.
const items = table('items', { partitionKey: { name: 'id', type: 'S' } });
const itemsFn = fn('items', { handler: 'src/items.handler', environment: { ITEMS_TABLE: items } });

const api = httpApi({ name: 'items', stage: 'dev' }).route('GET /items', itemsFn).route('POST /items', itemsFn);

export default service('starter', { apis: [chat, api], tables: [items] });
