export { type ManagementApi, type ManagementApiOptions, createManagementApi } from './management.ts';
export type { ConnectionInfo, ConnectionPort, PostResult } from './port.ts';
