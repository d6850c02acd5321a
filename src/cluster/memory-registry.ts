/** The connection registry of one process: a map from id to the connection its runtime registered. */
import type { ConnectionInfo, ConnectionRegistry, PostResult, RegisteredConnection } from './registry.ts';

export function memoryRegistry(): ConnectionRegistry {
  const connections = new Map<string, RegisteredConnection>();
  return {
    register(connectionId, connection) {
      connections.set(connectionId, connection);
    },
    unregister(connectionId) {
      connections.delete(connectionId);
    },
    post(connectionId, data): PostResult {
      return connections.get(connectionId)?.post(data) ?? 'gone';
    },
    describe(connectionId): ConnectionInfo | undefined {
      return connections.get(connectionId)?.describe();
    },
    disconnect(connectionId) {
      return connections.get(connectionId)?.disconnect() ?? false;
    },
    get size() {
      return connections.size;
    },
  };
}
