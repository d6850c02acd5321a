/** A function's AWS::IAM::Role: Lambda may assume it; it grants writing to the function's own log group and what the model's policies name. */
import type { FunctionModel } from '../../model/types.ts';
import { policyResources } from './arns.ts';
import { ids, type SynthContext } from './context.ts';
import { type CfnResource, type CfnValue, getAtt } from './template.ts';

export const POLICY_VERSION = '2012-10-17';

interface Statement {
  resources: CfnValue[];
  actions: Set<string>;
}

/**
 * One Allow statement per resource, in the order the model first names each; the actions of every policy on the
 * same resource merged, sorted and deduplicated, so the same grants give the same bytes.
 */
export function grantStatements(context: SynthContext, fn: FunctionModel): CfnValue[] {
  const owner = `function "${fn.name}"`;
  const byResource = new Map<string, Statement>();
  // Lambda writes the function's logs with the role's credentials; the group itself is created by the template.
  byResource.set('logs', { resources: [getAtt(ids.logGroup(fn.name), 'Arn')], actions: new Set(['logs:CreateLogStream', 'logs:PutLogEvents']) });
  fn.policies.forEach((policy, index) => {
    const resources = policyResources(context, policy.resource, `${owner} policies[${index}]`);
    const key = JSON.stringify(resources);
    const statement = byResource.get(key) ?? { resources, actions: new Set<string>() };
    for (const action of policy.actions) statement.actions.add(action);
    byResource.set(key, statement);
  });
  return [...byResource.values()].map((statement) => ({
    Effect: 'Allow',
    Action: [...statement.actions].sort(),
    Resource: statement.resources,
  }));
}

export function functionRole(context: SynthContext, fn: FunctionModel): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: POLICY_VERSION,
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: `${fn.name}-grants`, PolicyDocument: { Version: POLICY_VERSION, Statement: grantStatements(context, fn) } }],
    },
  };
}
