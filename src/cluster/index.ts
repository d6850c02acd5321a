export { memoryRegistry } from './memory-registry.ts';
export type { ConnectionInfo, ConnectionRegistry, PostResult, RegisteredConnection, RegistryAnswer } from './registry.ts';
