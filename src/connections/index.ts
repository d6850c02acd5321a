export { createManagementApi, type ManagementApi, type ManagementApiOptions } from './management.ts';
export type { ConnectionInfo, ConnectionPort, PostResult } from './port.ts';
