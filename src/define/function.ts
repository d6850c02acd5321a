/** `fn()`: a Lambda function of the service. */

import { LAMBDA_LIMITS } from '../limits.ts';
import type { FunctionModel, PolicyModel, ResourceRef } from '../model/types.ts';
import { optionsObject } from './arguments.ts';
import { TableDefinition } from './table.ts';

export interface FunctionOptions {
  /**
   * Lambda's `path/to/module.export` (`app.handler`, `src/handlers/chat.onConnect`) or `path/to/file.ts#export`,
   * relative to `codeUri` when given, else to the service's folder.
   */
  handler: string;
  /**
   * The function's own code folder (SAM's `CodeUri`), relative to the service's folder: its `LAMBDA_TASK_ROOT`,
   * working directory and `package.json`. @default the package that holds the definition file
   */
  codeUri?: string;
  /** @default 3 */
  timeoutSeconds?: number;
  /** @default 128 */
  memoryMb?: number;
  /**
   * Variables the handler sees in `process.env`. A table stands for its name: locally the embedded store's, when
   * shipped the name CloudFormation gives it.
   * @example { TABLE_NAME: todos, LOG_LEVEL: 'debug' }
   */
  environment?: Record<string, string | TableDefinition>;
  /** Lambda's reserved concurrency: invocations beyond it are throttled (0 turns the function off). */
  reservedConcurrency?: number;
  /** Lambda's runtime when shipped. @default the newest Node.js runtime Hoplite knows */
  runtime?: string;
  /** The instruction set when shipped (`arm64` costs less). Locally the machine's own. @default 'x86_64' */
  architecture?: 'x86_64' | 'arm64';
  /** Days the shipped function's log group keeps its logs. @default 30 */
  logRetentionDays?: number;
}

/** A function under construction; decorators add environment and policies before the service is built. */
export class FunctionDefinition {
  readonly name: string;
  readonly options: FunctionOptions;
  readonly environment: Record<string, string>;
  readonly policies: PolicyModel[] = [];
  /** Variables whose value names a resource of the service; synthesis refers to the resource instead. */
  readonly environmentRefs: Record<string, ResourceRef> = {};

  constructor(name: string, options: FunctionOptions) {
    this.name = name;
    this.options = options;
    this.environment = {};
    for (const [key, value] of Object.entries(options.environment ?? {})) {
      if (value instanceof TableDefinition) {
        this.environment[key] = value.name;
        this.environmentRefs[key] = { kind: 'table', table: value.name };
      } else this.environment[key] = value;
    }
  }

  /** Adds an IAM statement to the function's role (synthesised; not enforced locally). */
  allow(policy: PolicyModel): this {
    this.policies.push(policy);
    return this;
  }

  toModel(): FunctionModel {
    return {
      name: this.name,
      handler: this.options.handler,
      ...(this.options.codeUri === undefined ? {} : { codeUri: this.options.codeUri }),
      timeoutSeconds: this.options.timeoutSeconds ?? LAMBDA_LIMITS.timeoutSeconds.default,
      memoryMb: this.options.memoryMb ?? LAMBDA_LIMITS.memoryMb.default,
      environment: { ...this.environment },
      policies: this.policies.map((policy) => ({ ...policy, actions: [...policy.actions] })),
      ...(this.options.reservedConcurrency === undefined ? {} : { reservedConcurrency: this.options.reservedConcurrency }),
      ...(this.options.runtime === undefined ? {} : { runtime: this.options.runtime }),
      ...(this.options.architecture === undefined ? {} : { architecture: this.options.architecture }),
      ...(this.options.logRetentionDays === undefined ? {} : { logRetentionDays: this.options.logRetentionDays }),
      ...(Object.keys(this.environmentRefs).length === 0 ? {} : { environmentRefs: { ...this.environmentRefs } }),
    };
  }
}

/** Where a function is used in a service: a model path such as `apis[0].routes[1]` and what is there. */
export interface FunctionUse {
  fn: FunctionDefinition;
  path: string;
  /** The route, method or option, as the user wrote it: `route "GET /b"`. */
  label: string;
}

/**
 * Declares a function.
 * @example fn('sendMessage', { handler: 'handlers/send-message.ts#handler', timeoutSeconds: 10 })
 */
export function fn(name: string, options: FunctionOptions): FunctionDefinition {
  return new FunctionDefinition(name, optionsObject(`fn("${name}", options)`, options, 'an object such as { handler: "app.handler" }'));
}
