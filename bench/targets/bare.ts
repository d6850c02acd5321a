/** The bare limit: node:http and ws doing the same work with no emulation at all. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { announce } from './protocol.ts';

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/hello') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' });
    response.end('hello');
    return;
  }
  response.writeHead(404);
  response.end();
});
const plain = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const chat = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const chatSockets = new Set<WebSocket>();

plain.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
chat.on('connection', (socket) => {
  chatSockets.add(socket);
  socket.on('close', () => chatSockets.delete(socket));
  socket.on('message', (data) => {
    for (const other of chatSockets) other.send(data, { binary: false });
  });
});
server.on('upgrade', (request, socket, head) => {
  const target = request.url === '/bench/plain' ? plain : request.url === '/bench/chat' ? chat : undefined;
  if (!target) return socket.destroy();
  target.handleUpgrade(request, socket, head, (ws) => target.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  announce({ http: `http://127.0.0.1:${port}`, plain: `ws://127.0.0.1:${port}/bench/plain`, chat: `ws://127.0.0.1:${port}/bench/chat` });
});
// Exit (rather than die of the signal) so that --cpu-prof can write its profile.
process.once('SIGTERM', () => process.exit(0));
