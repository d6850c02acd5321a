/** `service()`: gathers functions, APIs and tables into one ServiceModel. */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import type { ServiceModel } from '../model/types.ts';
import type { ApiKeyDefinition } from './api-key.ts';
import { callerFile } from './caller.ts';
import type { FunctionDefinition, FunctionUse } from './function.ts';
import type { HttpApiDefinition } from './http-api.ts';
import type { RestApiDefinition } from './rest-api.ts';
import type { SiteDefinition } from './site.ts';
import type { TableDefinition } from './table.ts';
import type { UsagePlanDefinition } from './usage-plan.ts';
import type { WebSocketApiDefinition } from './websocket-api.ts';

export interface ServiceOptions {
  /** Functions not reachable through a route (routes' functions are added on their own). */
  functions?: FunctionDefinition[];
  apis?: Array<WebSocketApiDefinition | HttpApiDefinition | RestApiDefinition>;
  /** Static web clients, each served on its own origin. */
  sites?: SiteDefinition[];
  tables?: TableDefinition[];
  /** AUTH-8: the keys a route with `apiKeyRequired` accepts (on WebSocket every key opens every such route; on REST, REST-36, a plan's keys its stages). */
  apiKeys?: ApiKeyDefinition[];
  /** REST-36..38: usage plans linking `apiKeys` to REST API stages. */
  usagePlans?: UsagePlanDefinition[];
  /**
   * Folder that handler paths, `codeUri` and sites' `dir` are relative to; a relative rootDir is relative to
   * the folder of the file that calls service(). @default the folder of the file that calls service()
   */
  rootDir?: string;
}

export class ServiceDefinition {
  readonly name: string;
  readonly options: ServiceOptions;
  /** The file that called service(), when it has one; messages name it and rootDir defaults to its folder. */
  readonly definitionFile: string | undefined;

  constructor(name: string, options: ServiceOptions, definitionFile: string | undefined = callerFile()) {
    this.name = name;
    this.options = options;
    this.definitionFile = definitionFile;
  }

  /** The folder paths resolve against: the explicit rootDir (against the definition's folder), else that folder. */
  get rootDir(): string | undefined {
    const folder = this.definitionFile === undefined ? undefined : dirname(this.definitionFile);
    if (this.options.rootDir === undefined) return folder;
    return folder === undefined ? this.options.rootDir : resolve(folder, this.options.rootDir);
  }

  /**
   * The plain model; call validateService() on it before use (Gateway does).
   * @throws ConfigError when two different functions share a name: a route would run the other's code.
   */
  toModel(): ServiceModel {
    const apis = this.options.apis ?? [];
    const uses: FunctionUse[] = [
      ...(this.options.functions ?? []).map((fn, index) => ({ fn, path: `functions[${index}]`, label: 'functions option' })),
      ...apis.flatMap((api, index) => api.functionUses().map((use) => ({ ...use, path: `apis[${index}].${use.path}` }))),
    ];
    const functions = distinctFunctions(uses, this.definitionFile === undefined ? `service ${this.name}` : shownPath(this.definitionFile));
    const tables = [...(this.options.tables ?? []), ...apis.flatMap((api) => ('tables' in api ? api.tables : []))];
    const rootDir = this.rootDir;
    return {
      name: this.name,
      ...(rootDir === undefined ? {} : { rootDir }),
      functions: functions.map((fn) => fn.toModel()),
      apis: apis.map((api) => api.toModel()),
      tables: tables.map((table) => table.toModel()),
      outputs: apis.flatMap((api) => ('outputs' in api ? api.outputs.map((output) => ({ ...output })) : [])),
      sites: (this.options.sites ?? []).map((site) => site.toModel()),
      ...(this.options.apiKeys ? { apiKeys: this.options.apiKeys.map((key) => key.toModel(this.name)) } : {}),
      ...(this.options.usagePlans ? { usagePlans: this.options.usagePlans.map((plan) => plan.toModel()) } : {}),
    };
  }
}

/** A path as messages show it: relative to the working directory when inside it. */
function shownPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? file : shown;
}

/** Two fn() calls with the same name and settings make the same function: no route can run the wrong code. */
function sameSettings(a: FunctionDefinition, b: FunctionDefinition): boolean {
  return JSON.stringify(a.toModel()) === JSON.stringify(b.toModel());
}

/** One definition per name, in order of first use; a second definition under a used name is a ConfigError. */
function distinctFunctions(uses: readonly FunctionUse[], source: string): FunctionDefinition[] {
  const first = new Map<string, FunctionUse>();
  const reported = new Set<FunctionDefinition>();
  const issues: ConfigIssue[] = [];
  for (const use of uses) {
    const earlier = first.get(use.fn.name);
    if (earlier === undefined) first.set(use.fn.name, use);
    else if (earlier.fn !== use.fn && !reported.has(use.fn) && !sameSettings(earlier.fn, use.fn)) {
      reported.add(use.fn);
      const described = (u: FunctionUse) => `handler "${u.fn.options.handler}" (${u.path}, ${u.label})`;
      issues.push({
        path: `${use.path}.function`,
        message: `expected one function per name, got two different functions named "${use.fn.name}": ${described(earlier)} and ${described(use)}; give each its own name, or use the same fn() in both places`,
      });
    }
  }
  if (issues.length > 0) throw new ConfigError(source, issues);
  return [...first.values()].map((use) => use.fn);
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
