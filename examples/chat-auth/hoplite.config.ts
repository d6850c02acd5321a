/**
 * The seeds' chat behind a `$connect` authorizer: `?token=` names the user, `sendmessage` is validated and
 * broadcasts `principal: data` to every connection, and `whoami` is a MOCK route that answers from the
 * authorizer's context with a mapping template, no function.
 */
import { fn, service, websocketApi } from 'hoplite';

const checkToken = fn('checkToken', { handler: 'auth.ts#checkToken', timeoutSeconds: 10 });
const connect = fn('connect', { handler: 'handlers.ts#connect', timeoutSeconds: 10 });
const disconnect = fn('disconnect', { handler: 'handlers.ts#disconnect', timeoutSeconds: 10 });
const sendMessage = fn('sendMessage', { handler: 'handlers.ts#sendMessage', timeoutSeconds: 10 });

const api = websocketApi({ name: 'chat', routeSelectionExpression: '$request.body.action', stage: 'v1' })
  .model('SendMessage', {
    type: 'object',
    required: ['action', 'data'],
    properties: { action: { enum: ['sendmessage'] }, data: { type: 'string' } },
  })
  .authorizer('token', checkToken, { identitySource: ['route.request.querystring.token'] })
  .route('$connect', connect, { authorizer: 'token' })
  .route('$disconnect', disconnect)
  .route('sendmessage', sendMessage, { model: 'SendMessage' })
  .route(
    'whoami',
    {
      type: 'MOCK',
      requestTemplates: { $default: '{"statusCode": 200}' },
      integrationResponses: [
        { key: '$default', responseTemplates: { $default: '{"user": "$context.authorizer.principalId", "connectionId": "$context.connectionId"}' } },
      ],
    },
    { routeResponse: true },
  )
  .allowManageConnections([sendMessage]);

api.connectionTable({ envKey: 'CONNECTION_TABLE', attribute: 'connectionID', readCapacity: 5, writeCapacity: 5 }).annotate([connect, disconnect, sendMessage]);

export default service('chat-auth', { apis: [api] });
