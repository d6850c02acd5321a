/** A stand-in stack's outputs: the template's Outputs with Ref, Fn::GetAtt and Fn::Sub worked out from made-up physical ids. */
import type { StandInTemplate } from './stack-simulation.ts';

export interface OutputContext {
  stackName: string;
  region: string;
  accountId: string;
  parameters: Record<string, string>;
}

/** The stand-in's physical id of a resource: the stack's name and the logical id. */
export function physicalIdOf(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}`;
}

function refOf(name: string, context: OutputContext): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': context.region,
    'AWS::AccountId': context.accountId,
    'AWS::StackName': context.stackName,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::Partition': 'aws',
  };
  return pseudo[name] ?? context.parameters[name] ?? physicalIdOf(context.stackName, name);
}

export function resolveValue(value: unknown, context: OutputContext): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') return refOf(record.Ref, context);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `${physicalIdOf(context.stackName, String(getAtt[0]))}.${String(getAtt[1])}`;
    const sub = record['Fn::Sub'];
    if (typeof sub === 'string') return sub.replace(/\$\{([^}]+)\}/g, (_, name: string) => refOf(name, context));
  }
  return JSON.stringify(value);
}

export function resolveOutputs(template: StandInTemplate, context: OutputContext): Array<{ OutputKey: string; OutputValue: string; Description?: string }> {
  return Object.entries(template.Outputs ?? {}).map(([key, output]) => ({
    OutputKey: key,
    OutputValue: resolveValue(output.Value, context),
    Description: output.Description,
  }));
}
