/** In-memory connections: node:http over them as over loopback, without any socket of the system. */
import assert from 'node:assert/strict';
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { Agent, createServer, request } from 'node:http';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import { memoryConnection } from './memory-socket.ts';

/** An http.Server that is never listening, and a way to open in-memory connections to it. */
function memoryServer(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  const serverContext = new AsyncResource('TEST_SERVER');
  let connections = 0;
  const connect = (secure = false) => {
    connections += 1;
    const { client, server: accepted } = memoryConnection({ serverAddress: '127.0.0.1', serverPort: 4000, clientAddress: '127.0.0.1', secure, serverContext });
    serverContext.runInAsyncScope(() => process.nextTick(() => server.emit('connection', accepted)));
    return client as unknown as Socket;
  };
  return { server, connect, connections: () => connections };
}

function get(agent: Agent, path: string, body?: string): Promise<{ status: number | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: 4000, path, agent, method: body === undefined ? 'GET' : 'POST' }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

test('requests over an in-memory connection: the socket facts a server reads, keep-alive reuse, and a large body both ways', async () => {
  const { server, connect, connections } = memoryServer((incoming, response) => {
    const socket = incoming.socket as Socket & { encrypted?: boolean };
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    incoming.on('end', () => {
      const facts = { remoteAddress: socket.remoteAddress, localPort: socket.localPort, encrypted: socket.encrypted, size };
      response.end(incoming.url === '/large' ? 'y'.repeat(5_000_000) : JSON.stringify(facts));
    });
  });
  const agent = new Agent({ keepAlive: true });
  agent.createConnection = () => connect(true);
  const first = await get(agent, '/facts');
  assert.deepEqual(first, { status: 200, text: '{"remoteAddress":"127.0.0.1","localPort":4000,"encrypted":true,"size":0}' });
  const posted = await get(agent, '/facts', 'x'.repeat(3_000_000));
  assert.deepEqual(JSON.parse(posted.text), { remoteAddress: '127.0.0.1', localPort: 4000, encrypted: true, size: 3_000_000 });
  const large = await get(agent, '/large');
  assert.equal(large.text.length, 5_000_000);
  assert.equal(connections(), 1, 'one keep-alive connection for every request');
  agent.destroy();
  server.close();
});

test("the server handles a connection in its own async context, not in the connecting code's", async () => {
  const storage = new AsyncLocalStorage<string>();
  const seen: Array<string | undefined> = [];
  const { server, connect } = memoryServer((incoming, response) => {
    seen.push(storage.getStore());
    incoming.resume();
    incoming.on('end', () => {
      seen.push(storage.getStore());
      response.end('ok');
    });
  });
  const agent = new Agent();
  agent.createConnection = () => connect();
  const answer = await storage.run('handler code', async () => {
    const answered = await get(agent, '/');
    // The client's own events and the code after them run in the client's context.
    seen.push(storage.getStore());
    return answered;
  });
  assert.deepEqual(answer, { status: 200, text: 'ok' });
  assert.deepEqual(seen, [undefined, undefined, 'handler code']);
  server.close();
});

test('a destroyed end is seen as closed by its peer; an idle timeout fires as on a socket', async () => {
  const serverContext = new AsyncResource('TEST_SERVER');
  const { client, server } = memoryConnection({ serverAddress: '127.0.0.1', serverPort: 1, clientAddress: '127.0.0.1', secure: false, serverContext });
  const connected = new Promise((resolve) => client.once('connect', resolve));
  await connected;
  assert.equal(client.connecting, false);
  // The idle timer does not keep the process alive (there is no handle to): this test's own timer does.
  const keepAlive = setTimeout(() => {}, 1000);
  const timedOut = new Promise((resolve) => server.setTimeout(20, () => resolve('timeout')));
  assert.equal(await timedOut, 'timeout');
  clearTimeout(keepAlive);
  const received: string[] = [];
  server.on('data', (chunk: Buffer) => received.push(chunk.toString()));
  const serverClosed = new Promise((resolve) => server.once('close', resolve));
  client.write('last words');
  client.destroy();
  // allowHalfOpen (as node:http accepts sockets): the server reads the end, then ends its side too.
  server.once('end', () => server.end());
  await serverClosed;
  assert.deepEqual(received, ['last words']);
});
