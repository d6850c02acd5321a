/**
 * A function's environment as text. `{ Ref: Table }` of a table in `resources` is its name, as CloudFormation
 * resolves it (recorded as a reference for synthesis); any other intrinsic needs a deployment, so the variable is left out with a warning naming it.
 * `IS_OFFLINE=true` is set last, as serverless-offline sets it for every handler.
 */
import type { FunctionModel } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import { pathKey } from '../serverless/positions.ts';
import type { EnvironmentValue } from '../serverless/types.ts';
import type { TablesByLogicalId } from './map-tables.ts';
import type { MappingReport } from './report.ts';

export const OFFLINE_VARIABLE = { IS_OFFLINE: 'true' } as const;

export function mapEnvironment(
  environment: Record<string, EnvironmentValue>,
  functionKey: string,
  tables: TablesByLogicalId,
  report: MappingReport,
): Pick<FunctionModel, 'environment' | 'environmentRefs'> {
  const result: Record<string, string> = {};
  const refs: NonNullable<FunctionModel['environmentRefs']> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (typeof value === 'string') {
      result[name] = value;
      continue;
    }
    const table = isRecord(value) && typeof value.Ref === 'string' ? tables.get(value.Ref) : undefined;
    if (table) {
      result[name] = table.name;
      refs[name] = { kind: 'table', table: table.name };
      continue;
    }
    const intrinsic = Object.keys(value)[0] ?? 'an intrinsic';
    const own = ['functions', functionKey, 'environment', name];
    report.warn(
      report.positions.has(pathKey(own)) ? own : ['provider', 'environment', name],
      `environment variable ${name} (${intrinsic}) is left out: only { Ref: <a DynamoDB table of resources> } is resolved without a deployment`,
    );
  }
  return { environment: { ...result, ...OFFLINE_VARIABLE }, ...(Object.keys(refs).length ? { environmentRefs: refs } : {}) };
}
