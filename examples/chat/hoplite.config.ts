/** The SpartaWebSocket service: three functions, one WebSocket API on stage v1, and the connection-table decorator. */
import { fn, service, websocketApi } from 'hoplite';

const connectWorld = fn('connectWorld', { handler: 'handlers.ts#connectWorld', timeoutSeconds: 10 });
const disconnectWorld = fn('disconnectWorld', { handler: 'handlers.ts#disconnectWorld', timeoutSeconds: 10 });
const sendMessage = fn('sendMessage', { handler: 'handlers.ts#sendMessage', timeoutSeconds: 10 });

const api = websocketApi({ name: 'sample', routeSelectionExpression: '$request.body.message', stage: 'v1' })
  .route('$connect', connectWorld)
  .route('$disconnect', disconnectWorld)
  .route('sendmessage', sendMessage)
  .allowManageConnections([sendMessage]);

api
  .connectionTable({ envKey: 'CONNECTION_TABLE', attribute: 'connectionID', readCapacity: 5, writeCapacity: 5 })
  .annotate([connectWorld, disconnectWorld, sendMessage]);

export default service('SpartaWebSocket', { apis: [api] });
