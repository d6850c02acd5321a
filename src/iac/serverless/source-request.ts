/** The request a variable source answers, and the call of a JavaScript resolver function. */
import type { VariableContext } from './variable-context.ts';
import { VariableError } from './variable-error.ts';

export type SourceResult = { found: true; value: unknown } | { found: false; reason: string };

export interface SourceRequest {
  type: string;
  address: string | undefined;
  params: readonly unknown[];
  context: VariableContext;
  /** A property of the configuration, resolved (`${self:...}`); undefined when there is none. */
  lookup(keys: readonly string[]): Promise<unknown>;
  /** Resolves one variable written without `${}` (`self:custom.x`), for JavaScript file resolvers. */
  resolveVariable(text: string): Promise<unknown>;
}

export type VariableSource = (request: SourceRequest) => Promise<SourceResult> | SourceResult;

/** Calls a JavaScript resolver function as the Framework does: `({ options, resolveVariable, resolveConfigurationProperty })`. */
export async function callResolver(resolver: unknown, request: SourceRequest, what: string): Promise<unknown> {
  try {
    return await (resolver as (argument: unknown) => unknown)({
      options: request.context.options,
      resolveVariable: request.resolveVariable,
      resolveConfigurationProperty: (keys: readonly string[]) => request.lookup(keys),
    });
  } catch (error) {
    if (error instanceof VariableError) throw error;
    throw new VariableError(`the function exported as ${what} threw: ${(error as Error)?.message ?? String(error)}`);
  }
}
