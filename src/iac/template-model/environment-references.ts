/**
 * Environment variables written as `!Ref` of a table: locally they hold its name (resolution replaced the Ref), and
 * the reference is recorded from the template as written, so synthesis writes it back.
 */
import type { FunctionModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { isTableType } from './references.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Variables written at `path` (keys into the template body). */
function writtenVariables(body: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let value: unknown = body;
  for (const key of [...path, 'Environment', 'Variables']) value = isRecord(value) ? value[key] : undefined;
  return isRecord(value) ? value : {};
}

export function tableReferencesOf(context: MappingContext, id: string): Pick<FunctionModel, 'environmentRefs'> {
  // A SAM function's own Variables win over Globals.Function's, as SAM merges them.
  const globals = context.resource(id)?.type === 'AWS::Serverless::Function' ? writtenVariables(context.body, ['Globals', 'Function']) : {};
  const variables = { ...globals, ...writtenVariables(context.body, ['Resources', id, 'Properties']) };
  const refs: NonNullable<FunctionModel['environmentRefs']> = {};
  for (const [name, value] of Object.entries(variables)) {
    const target = isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
    if (target === undefined || !isTableType(context.resource(target)?.type)) continue;
    refs[name] = { kind: 'table', table: context.names.get(target) ?? target };
  }
  return Object.keys(refs).length ? { environmentRefs: refs } : {};
}
