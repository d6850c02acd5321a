/** The benchmark service: an HTTP API, a WebSocket API without $connect, and a chat API with the connection table. */
import { fn, httpApi, service, table, websocketApi } from '../../dist/index.js';

const connections = table('bench-connections', { partitionKey: { name: 'id', type: 'S' } });
const environment = { TABLE: connections.name };
const handler = (name: string) => fn(name, { handler: `handlers.ts#${name}`, timeoutSeconds: 10, memoryMb: 256, environment });

const http = httpApi({ name: 'http' }).route('GET /hello', handler('hello'));
const plain = websocketApi({ name: 'plain', routeSelectionExpression: '$request.body.action', stage: 'bench' })
  .route('echo', handler('echo'), { routeResponse: true })
  .route('sendself', handler('sendself'));
const chat = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'bench' })
  .route('$connect', handler('connect'))
  .route('$disconnect', handler('disconnect'))
  .route('broadcast', handler('broadcast'));

export default service('bench', { apis: [http, plain, chat], tables: [connections], rootDir: import.meta.dirname });
