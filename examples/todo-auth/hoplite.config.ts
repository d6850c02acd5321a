/**
 * The seeds' todo API behind a JWT authorizer: every route wants a token of the local issuer for `todo-web`,
 * GET the scope `todos/read`, POST and DELETE `todos/write`; each user's todos are kept apart by the token's `sub`.
 * Its web client signs in at the local issuer's token endpoint.
 */
import { fn, httpApi, localIssuer, service, site, table } from 'hoplite';

const todos = table('UserTodos', { partitionKey: { name: 'Owner', type: 'S' }, sortKey: { name: 'Id', type: 'S' } });

const todo = fn('todo', { handler: 'handler.ts#handler', timeoutSeconds: 3, memoryMb: 128, environment: { TABLE_NAME: todos } })
  // Least privilege when shipped: the calls the handler makes, on this table only.
  .allow({ actions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], resource: { kind: 'table', table: todos.name } });

const read = { authorizer: 'users', authorizationScopes: ['todos/read'], integrationTimeoutMs: 3000 };
const write = { authorizer: 'users', authorizationScopes: ['todos/write'], integrationTimeoutMs: 3000 };

const api = httpApi({
  name: 'todo',
  stage: { name: 'v1', autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
  // The web client sends its token in `Authorization`, so the preflight must allow that header.
  cors: {
    allowCredentials: false,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowOrigins: ['*'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 7200,
  },
})
  // Point `issuer` at a Cognito user pool or an Auth0 tenant to deploy; `localIssuer` is the gateway's own.
  .jwtAuthorizer('users', { issuer: localIssuer, audience: ['todo-web'] })
  .route('GET /todos', todo, read)
  .route('POST /todos', todo, write)
  .route('DELETE /todos/{id}', todo, write);

export default service('todo-auth', { apis: [api], tables: [todos], sites: [site('web', { dir: 'web' })] });
