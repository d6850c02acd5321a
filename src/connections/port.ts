/** What the @connections API needs from whoever finds connections: the registry of cluster/ implements it, gateway.ts wires it. */
import type { ConnectionRegistry } from '../cluster/registry.ts';

export type { ConnectionInfo, PostResult } from '../cluster/registry.ts';

export type ConnectionPort = Pick<ConnectionRegistry, 'post' | 'describe' | 'disconnect'>;
