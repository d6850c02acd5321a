/** The seeds' todo HTTP API: GET/POST /todos and DELETE /todos/{id}, CORS, stage v1 with throttling, DynamoDB, and its web client. */
import { fn, httpApi, service, site, table } from 'hoplite';

const todos = table('Todos', { partitionKey: { name: 'Id', type: 'S' } });

const todo = fn('todo', { handler: 'handler.ts#handler', timeoutSeconds: 3, memoryMb: 128, environment: { TABLE_NAME: todos } })
  // Least privilege when shipped (seed 004): the calls the handler makes, on this table only.
  .allow({ actions: ['dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], resource: { kind: 'table', table: todos.name } });

const api = httpApi({
  name: 'todo',
  stage: { name: 'v1', autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
  cors: { allowCredentials: false, allowMethods: ['GET', 'POST', 'DELETE'], allowOrigins: ['*'], allowHeaders: ['content-type'], maxAge: 7200 },
})
  .route('GET /todos', todo, { integrationTimeoutMs: 3000 })
  .route('POST /todos', todo, { integrationTimeoutMs: 3000 })
  .route('DELETE /todos/{id}', todo, { integrationTimeoutMs: 3000 });

export default service('todo', { apis: [api], tables: [todos], sites: [site('web', { dir: 'web' })] });
