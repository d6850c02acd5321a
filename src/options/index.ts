/** Gateway options: one schema, and what is read from it. */

export { renderOptionsDoc } from './docs.ts';
export { MAX_PORT } from './expect.ts';
export { type DevFlags, helpEntry, parseOptionFlags, renderFlagHelp } from './flags.ts';
export { checkPortsFit, parseGatewayOptions } from './parse.ts';
export {
  type Credentials,
  DEFAULT_DEV_PORT,
  DEFAULT_INSPECT,
  type GatewayOptions,
  type InspectOption,
  LOCAL_CREDENTIALS,
  type ParsedGatewayOptions,
  type RunnerOption,
} from './schema.ts';
