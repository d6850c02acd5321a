import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDomainNameOf } from './domain-name.ts';

test('GEN-4 domainName keeps a Host naming the gateway on its port and falls back to the printed host:port otherwise', () => {
  const of = createDomainNameOf({ host: '127.0.0.1', aliases: ['devbox.local'], networkHosts: [], awsHost: 'abcdefghij.execute-api.us-east-1.amazonaws.com' });
  assert.equal(of('127.0.0.1:3001', 3001), '127.0.0.1:3001');
  assert.equal(of('localhost:3001', 3001), 'localhost:3001');
  assert.equal(of('DEVBOX.local:3001', 3001), 'devbox.local:3001');
  assert.equal(of('abcdefghij.execute-api.us-east-1.amazonaws.com', 3001), 'abcdefghij.execute-api.us-east-1.amazonaws.com');
  for (const sent of ['evil.example:9443', '127.0.0.1:9443', 'localhost', 'devbox.local:3002', '', undefined, '[::1]:3001', 'a:b:c'])
    assert.equal(of(sent, 3001), '127.0.0.1:3001', String(sent));
});

test('GEN-4 a wildcard bind prints 127.0.0.1 and also owns the network addresses; an IPv6 bind writes [::1]', () => {
  const wildcard = createDomainNameOf({ host: '0.0.0.0', aliases: [], networkHosts: ['192.168.1.20', '2001:db8::20'] });
  assert.equal(wildcard('192.168.1.20:3001', 3001), '192.168.1.20:3001');
  assert.equal(wildcard('[2001:db8::20]:3001', 3001), '[2001:db8::20]:3001');
  assert.equal(wildcard('10.9.9.9:3001', 3001), '127.0.0.1:3001');
  const ipv6 = createDomainNameOf({ host: '::1', aliases: [], networkHosts: [] });
  assert.equal(ipv6('[::1]:3001', 3001), '[::1]:3001');
  assert.equal(ipv6('evil.example', 3001), '[::1]:3001');
});
