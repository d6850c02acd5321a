/** The function an integration or authorizer invokes, found through its URI: `!GetAtt Fn.Arn` inside a `!Sub`, or a literal ARN. */
import type { MappingContext } from './context.ts';
import { isFunctionType, referencedId } from './references.ts';

/** `…:function:Name` in a literal Lambda ARN or invocation URI (`…/functions/arn:aws:lambda:…:function:Name/invocations`). */
const FUNCTION_IN_ARN = /:function:([A-Za-z0-9_-]+)/;

export function invokedFunction(context: MappingContext, value: unknown, path: (string | number)[], what: string): string {
  const id = referencedId(value);
  if (id !== undefined) {
    if (!isFunctionType(context.resource(id)?.type))
      throw context.error(
        path,
        `${what}: expected a Lambda function of this template, got a reference to ${id} (${context.resource(id)?.type ?? 'not a resource'})`,
      );
    return context.names.get(id) ?? id;
  }
  const match = typeof value === 'string' ? FUNCTION_IN_ARN.exec(value) : null;
  const name = match?.[1];
  if (name && context.model.functions.some((fn) => fn.name === name)) return name;
  throw context.error(
    path,
    `${what}: expected the ARN of a function of this template, e.g. !GetAtt MyFunction.Arn (or !Sub ...\${MyFunction.Arn}/invocations), got ${JSON.stringify(value)}`,
  );
}
