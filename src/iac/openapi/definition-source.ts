/** What an OpenAPI mapping asks of where its document came from: errors placed in that source, and the functions its URIs name. */
import type { ConfigError } from '../../errors.ts';

/** A path inside the OpenAPI document: `['paths', '/items', 'get', 'x-amazon-apigateway-integration', 'uri']`. */
export type DefinitionPath = readonly (string | number)[];

export interface DefinitionSource {
  /** An error at `path` of the document: inline, at its place in the template; from a file, at its place in that file. */
  error(path: DefinitionPath, message: string): ConfigError;
  /** The local name of the function an integration or authorizer URI invokes; an error when it names none of the template's. */
  functionOf(value: unknown, path: DefinitionPath, what: string): string;
  /** A warning at `path`, said once per `key` (by default the message). */
  warn(path: DefinitionPath, message: string, key?: string): void;
}
