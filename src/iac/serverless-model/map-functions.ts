/** `functions` as FunctionModels: Lambda's handler string, the service directory as their code root. */
import type { FunctionModel, PolicyModel } from '../../model/types.ts';
import type { ServerlessFunction } from '../serverless/types.ts';
import { mapEnvironment } from './map-environment.ts';
import type { TablesByLogicalId } from './map-tables.ts';
import type { MappingReport } from './report.ts';

/** The Framework packages the service directory: the handler path is relative to it, and so is the code root. */
export const SERVICE_CODE_ROOT = '.';

export function mapFunction(fn: ServerlessFunction, policies: PolicyModel[], tables: TablesByLogicalId, report: MappingReport): FunctionModel {
  return {
    name: fn.name,
    handler: `${fn.handler.file}.${fn.handler.export}`,
    codeUri: SERVICE_CODE_ROOT,
    timeoutSeconds: fn.timeout,
    memoryMb: fn.memorySize,
    ...mapEnvironment(fn.environment, fn.key, tables, report),
    policies,
  };
}
