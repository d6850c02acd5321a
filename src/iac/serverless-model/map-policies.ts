/**
 * `provider.iam.role.statements` (the service's one role) as each function's policies: recorded, as the model's
 * policies are. Allow statements whose resources are ARNs or `Fn::GetAtt [Table, Arn]` of a table in `resources`.
 */

import type { PolicyModel, ResourceRef } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import type { TablesByLogicalId } from './map-tables.ts';
import type { MappingReport } from './report.ts';

export function mapPolicies(statements: readonly unknown[], tables: TablesByLogicalId, report: MappingReport): PolicyModel[] {
  const policies: PolicyModel[] = [];
  statements.forEach((statement, index) => {
    const keys = ['provider', 'iam', 'role', 'statements', index];
    if (!isRecord(statement) || statement.Effect !== 'Allow') {
      report.warn(keys, 'IAM statements other than Effect: Allow are not recorded');
      return;
    }
    const actions = (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).filter((action): action is string => typeof action === 'string');
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    for (const resource of resources) {
      const ref = resourceRef(resource, tables);
      if (ref) policies.push({ actions, resource: ref });
      else report.warn([...keys, 'Resource'], 'IAM statement resources other than ARNs and Fn::GetAtt [<table>, Arn] are not recorded');
    }
  });
  return policies;
}

function resourceRef(resource: unknown, tables: TablesByLogicalId): ResourceRef | undefined {
  if (typeof resource === 'string') return { kind: 'arn', arn: resource };
  const getAtt = isRecord(resource) ? resource['Fn::GetAtt'] : undefined;
  const [logicalId, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
  const table = typeof logicalId === 'string' && attribute === 'Arn' ? tables.get(logicalId) : undefined;
  return table ? { kind: 'table', table: table.name } : undefined;
}
