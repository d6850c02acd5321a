import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exposureWarning, type InterfaceTable, isLoopbackAddress, isLoopbackHost, networkHosts, thisMachineOnly } from './bind.ts';

const INTERFACES: InterfaceTable = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
    { address: '2001:db8::20', family: 'IPv6', internal: false },
  ],
};

test('loopback addresses and hosts: 127.0.0.0/8, ::1, their IPv4-mapped forms and localhost', () => {
  for (const address of ['127.0.0.1', '127.3.4.5', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopbackAddress(address), true, address);
  for (const address of ['192.168.1.20', '::ffff:10.0.0.1', '0.0.0.0', '::', '', undefined]) assert.equal(isLoopbackAddress(address), false, String(address));
  for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.20', 'devbox.local']) assert.equal(isLoopbackHost(host), false, host);
});

test('a wildcard bind answers on the machine non-internal addresses: IPv4 for 0.0.0.0, both families (no link-local) for ::', () => {
  assert.deepEqual(networkHosts('0.0.0.0', INTERFACES), ['192.168.1.20']);
  assert.deepEqual(networkHosts('::', INTERFACES), ['192.168.1.20', '2001:db8::20']);
  assert.deepEqual(networkHosts('192.168.1.20', INTERFACES), ['192.168.1.20']);
  assert.deepEqual(networkHosts('127.0.0.1', INTERFACES), []);
});

test('the default trusted clients are this machine: loopback and its own interface addresses', () => {
  const trusted = thisMachineOnly(INTERFACES);
  for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '192.168.1.20', '::ffff:192.168.1.20', '2001:DB8::20'])
    assert.equal(trusted(address), true, address);
  for (const address of ['192.168.1.21', '::ffff:10.0.0.7', '2001:db8::21', '']) assert.equal(trusted(address), false, address);
});

test('binding beyond loopback warns with what is exposed and how to protect it; loopback does not', () => {
  assert.equal(exposureWarning({ host: '127.0.0.1', credentials: false, allowRemoteManagement: true }), undefined);
  assert.equal(exposureWarning({ host: 'localhost', credentials: false, allowRemoteManagement: false }), undefined);
  assert.equal(
    exposureWarning({ host: '0.0.0.0', credentials: false, allowRemoteManagement: false }),
    'listening on 0.0.0.0: the APIs and sites are reachable from the network, not only from this machine; the Lambda Invoke API and @connections refuse clients on other machines (403); configure credentials (the Gateway\u2019s credentials option) to let signed requests in, or allowRemoteManagement (--allow-remote) to open them. Bind to 127.0.0.1 (the default) to keep them local; see docs/exposure.md',
  );
  assert.equal(
    exposureWarning({ host: '::', credentials: false, allowRemoteManagement: true }),
    'listening on ::: the APIs and sites are reachable from the network, not only from this machine; allowRemoteManagement (--allow-remote) is on and no credentials are configured: anyone who reaches the ports can invoke any function through the Lambda Invoke API (bypassing the APIs\u2019 throttling) and post to or delete any WebSocket connection through @connections. Bind to 127.0.0.1 (the default) to keep them local; see docs/exposure.md',
  );
  assert.equal(
    exposureWarning({ host: '192.168.1.20', credentials: true, allowRemoteManagement: true }),
    'listening on 192.168.1.20: the APIs and sites are reachable from the network, not only from this machine; the Lambda Invoke API and @connections accept only requests signed (SigV4) with the configured credentials. Bind to 127.0.0.1 (the default) to keep them local; see docs/exposure.md',
  );
});
