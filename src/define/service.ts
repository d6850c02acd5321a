/** `service()`: gathers functions, APIs and tables into one ServiceModel. */
import type { ServiceModel } from '../model/types.ts';
import type { FunctionDefinition } from './function.ts';
import type { HttpApiDefinition } from './http-api.ts';
import type { RestApiDefinition } from './rest-api.ts';
import type { SiteDefinition } from './site.ts';
import type { TableDefinition } from './table.ts';
import type { WebSocketApiDefinition } from './websocket-api.ts';

export interface ServiceOptions {
  /** Functions not reachable through a route (routes' functions are added on their own). */
  functions?: FunctionDefinition[];
  apis?: Array<WebSocketApiDefinition | HttpApiDefinition | RestApiDefinition>;
  /** Static web clients, each served on its own origin. */
  sites?: SiteDefinition[];
  tables?: TableDefinition[];
  /** Folder that handler paths are relative to. @default the folder of the definition file */
  rootDir?: string;
}

export class ServiceDefinition {
  readonly name: string;
  readonly options: ServiceOptions;

  constructor(name: string, options: ServiceOptions) {
    this.name = name;
    this.options = options;
  }

  /** The plain model; call validateService() on it before use (Gateway does). */
  toModel(): ServiceModel {
    const apis = this.options.apis ?? [];
    const functions = new Map<string, FunctionDefinition>();
    for (const fn of [...(this.options.functions ?? []), ...apis.flatMap((api) => api.functions())]) functions.set(fn.name, fn);
    const tables = [...(this.options.tables ?? []), ...apis.flatMap((api) => ('tables' in api ? api.tables : []))];
    return {
      name: this.name,
      ...(this.options.rootDir ? { rootDir: this.options.rootDir } : {}),
      functions: [...functions.values()].map((fn) => fn.toModel()),
      apis: apis.map((api) => api.toModel()),
      tables: tables.map((table) => table.toModel()),
      outputs: apis.flatMap((api) => ('outputs' in api ? api.outputs.map((output) => ({ ...output })) : [])),
      sites: (this.options.sites ?? []).map((site) => site.toModel()),
    };
  }
}

/**
 * Declares the service; export it as the default export of `hoplite.config.ts`.
 * @example export default service('chat', { apis: [api] })
 */
export function service(name: string, options: ServiceOptions = {}): ServiceDefinition {
  return new ServiceDefinition(name, options);
}

/**
 * Marks service definitions by a registered symbol rather than by class: a definition file may get its own
 * instance of this module (tsx's scoped loader namespaces what a `.ts` definition imports, and a project may
 * hold a second copy of Hoplite), and `instanceof` would not recognise a definition made by the other one.
 */
const SERVICE_DEFINITION = Symbol.for('hoplite.service-definition');
Object.defineProperty(ServiceDefinition.prototype, SERVICE_DEFINITION, { value: true });

/** True for what service() returns, whichever instance of Hoplite made it. */
export function isServiceDefinition(value: unknown): value is ServiceDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [SERVICE_DEFINITION]?: unknown; toModel?: unknown };
  return candidate[SERVICE_DEFINITION] === true && typeof candidate.toModel === 'function';
}
