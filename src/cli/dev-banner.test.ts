/** The `hoplite dev` banner for binds beyond loopback: URLs a client on the network can use, masked credentials. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fn, httpApi, localIssuer, service } from '../define/index.ts';
import type { GatewayUrls } from '../gateway.ts';
import { localIssuerAudiences } from '../model/index.ts';
import { apiKeyIdFor } from '../websocket/index.ts';
import { describeApiKeys, describeUrls, networkUrls, wildcardNetworkHosts } from './dev.ts';

const URLS: GatewayUrls = {
  apis: [
    {
      name: 'sample',
      protocol: 'WEBSOCKET',
      apiId: 'pm2jsqxh9a',
      stage: 'v1',
      port: 3001,
      url: 'ws://127.0.0.1:3001/v1',
      secureUrl: 'wss://127.0.0.1:3001/v1',
      managementEndpoint: 'https://127.0.0.1:3001/v1',
    },
  ],
  sites: [{ name: 'web', port: 3002, url: 'http://127.0.0.1:3002/' }],
  lambdaEndpoint: 'http://127.0.0.1:3003',
  dynamodbEndpoint: 'http://AKID:secret@db.internal:8000',
};

test('a wildcard bind prints the URLs a client on the network can use, from the machine interfaces', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: '2001:db8::20', family: 'IPv6', internal: false },
    ],
  };
  assert.deepEqual(wildcardNetworkHosts('0.0.0.0', interfaces), ['192.168.1.20']);
  assert.deepEqual(wildcardNetworkHosts('127.0.0.1', interfaces), []);
  assert.deepEqual(wildcardNetworkHosts('192.168.1.20', interfaces), []);
  assert.deepEqual(networkUrls('ws://127.0.0.1:3001/v1', ['192.168.1.20', '2001:db8::20']), ['ws://192.168.1.20:3001/v1', 'ws://[2001:db8::20]:3001/v1']);
  assert.deepEqual(describeUrls('chat', 'hoplite.config.ts', URLS, { dynamodbEndpoint: URLS.dynamodbEndpoint }, ['192.168.1.20']), [
    'Hoplite dev: chat (hoplite.config.ts)',
    '  WebSocket API sample: ws://127.0.0.1:3001/v1  (also wss://127.0.0.1:3001/v1)',
    '    from the network: ws://192.168.1.20:3001/v1',
    '    API id: pm2jsqxh9a',
    '    @connections: https://127.0.0.1:3001/v1/@connections/{connectionId}',
    '  Site web: http://127.0.0.1:3002/',
    '    from the network: http://192.168.1.20:3002/',
    '  Lambda Invoke API: http://127.0.0.1:3003',
    '    from the network: http://192.168.1.20:3003',
    '  DynamoDB: http://***@db.internal:8000 (external)',
  ]);
});

test('AUTH-8 the banner lists the declared API keys with their values and ids, and nothing without keys', () => {
  assert.deepEqual(describeApiKeys('chat', [{ name: 'mobile', value: 'mobile-key-0123456789' }]), [
    '  API keys:',
    `    mobile: mobile-key-0123456789  (id ${apiKeyIdFor('chat', 'mobile')})`,
  ]);
  assert.deepEqual(describeApiKeys('chat', undefined), []);
  assert.deepEqual(describeApiKeys('chat', []), []);
});

test('REST-36 the banner names the usage plans each key belongs to', () => {
  const keys = [
    { name: 'mobile', value: 'mobile-key-0123456789' },
    { name: 'web', value: 'web-key-0123456789abc' },
  ];
  const plans = [
    { name: 'basic', apiStages: [{ api: 'shop', stage: 'prod' }], apiKeys: ['mobile'] },
    { name: 'gold', apiStages: [{ api: 'shop', stage: 'v2' }], apiKeys: ['mobile'] },
  ];
  assert.deepEqual(describeApiKeys('shop', keys, plans), [
    '  API keys:',
    `    mobile: mobile-key-0123456789  (id ${apiKeyIdFor('shop', 'mobile')}; usage plans basic, gold)`,
    `    web: web-key-0123456789abc  (id ${apiKeyIdFor('shop', 'web')})`,
  ]);
});

test('AUTH-20 the banner prints the local issuer after the Invoke API; dev.json gets the audiences that trust it', () => {
  const urls: GatewayUrls = {
    ...URLS,
    dynamodbEndpoint: 'http://127.0.0.1:8000',
    localIssuer: { issuer: 'http://127.0.0.1:3003/local-issuer', signingKeyFile: '/app/.hoplite/local-issuer-key.json' },
  };
  assert.deepEqual(describeUrls('todo', 'hoplite.config.ts', urls, {}).slice(-3), [
    '  Lambda Invoke API: http://127.0.0.1:3003',
    '  Local OpenID issuer: http://127.0.0.1:3003/local-issuer  (hoplite token prints a token it signs)',
    '  DynamoDB: http://127.0.0.1:8000 (embedded, in memory)',
  ]);
  const reflect = fn('reflect', { handler: 'reflect/index.handler' });
  const api = httpApi({ name: 'todos' })
    .jwtAuthorizer('web', { issuer: localIssuer, audience: ['todo-web', 'todo-cli'] })
    .jwtAuthorizer('cli', { issuer: localIssuer, audience: ['todo-cli', 'admin'] })
    .jwtAuthorizer('cognito', { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', audience: ['elsewhere'] })
    .route('GET /me', reflect, { authorizer: 'web' });
  assert.deepEqual(localIssuerAudiences(service('todo', { apis: [api] }).toModel()), ['todo-web', 'todo-cli', 'admin']);
});
