/** serverless.yml / serverless.ts: reading, the Framework's variables, and a plain typed description. */
export { normaliseService } from './normalise-service.ts';
export { parseServerlessText } from './parse-document.ts';
export type { Position, PositionMap } from './positions.ts';
export {
  type LoadedServerlessFile,
  loadServerlessFile,
  type ReadServerlessOptions,
  readServerlessService,
  readServerlessServiceAt,
  SERVERLESS_FILE_NAMES,
} from './read-service.ts';
export { resolveVariables } from './resolve-variables.ts';
export { type LocatedIssue, ServerlessConfigError } from './serverless-error.ts';
export type * from './types.ts';
export { OVERRIDE_FLAG, type ServiceFiles, type VariableContext } from './variable-context.ts';
