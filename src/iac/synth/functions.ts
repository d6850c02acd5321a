/** Each function as an AWS::Lambda::Function with its own AWS::Logs::LogGroup and AWS::IAM::Role. */
import { ConfigError } from '../../errors.ts';
import { LOG_RETENTION_DAYS } from '../../limits.ts';
import type { FunctionModel } from '../../model/types.ts';
import { environmentValue } from './arns.ts';
import { ARTIFACT_BUCKET_PARAMETER, DEFAULT_LOG_RETENTION_DAYS, DEFAULT_RUNTIME, ids, type SynthContext } from './context.ts';
import { functionRole } from './role.ts';
import { type CfnResource, type CfnValue, getAtt, ref, sub } from './template.ts';

export function synthesizeFunctions(context: SynthContext): void {
  for (const fn of context.model.functions) {
    const owner = `function "${fn.name}"`;
    if (fn.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(fn.logRetentionDays))
      throw new ConfigError(context.options.source, [
        {
          path: `${owner} logRetentionDays`,
          message: `expected one of ${LOG_RETENTION_DAYS.join(', ')} (days CloudWatch Logs keeps), got ${fn.logRetentionDays}`,
        },
      ]);
    context.builder.resource(ids.logGroup(fn.name), functionLogGroup(fn), owner);
    context.builder.resource(ids.role(fn.name), functionRole(context, fn), owner);
    context.builder.resource(ids.function(fn.name), lambdaFunction(context, fn), owner);
    if (fn.layers?.length)
      context.warnings.push(`${owner}: its layers (${fn.layers.join(', ')}) are not synthesized: their packages are bundled into the function instead`);
  }
}

/**
 * The function name is left to CloudFormation (stack-unique, so two stages can be deployed side by side), so the
 * log group cannot be Lambda's default `/aws/lambda/<function name>`: it is named after the stack and the model's
 * name, and LoggingConfig sends the function's logs there.
 */
export function functionLogGroup(fn: FunctionModel): CfnResource {
  return {
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: sub(`/aws/lambda/\${AWS::StackName}-${fn.name}`),
      RetentionInDays: fn.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    },
  };
}

/**
 * The function's environment, resources written as references. A synthesized table is named by CloudFormation, so
 * a variable holding a table's name as text (a serverless.yml's `${self:service}-messages-${sls:stage}`) would name
 * no table once deployed: it is written as the table's Ref, as an environment reference to it is.
 */
function environmentVariables(context: SynthContext, fn: FunctionModel): Record<string, CfnValue> {
  const refs = fn.environmentRefs ?? {};
  const tables = new Set(context.model.tables.map((table) => table.name));
  return Object.fromEntries(
    Object.entries(fn.environment).map(([key, value]) => {
      const resource = refs[key] ?? (tables.has(value) ? ({ kind: 'table', table: value } as const) : undefined);
      return [key, resource ? environmentValue(context, resource, `function "${fn.name}" environment.${key}`) : value];
    }),
  );
}

export function lambdaFunction(context: SynthContext, fn: FunctionModel): CfnResource {
  const code = context.options.code(fn.name);
  const variables = environmentVariables(context, fn);
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: ref(ARTIFACT_BUCKET_PARAMETER), S3Key: code.s3Key },
      Handler: code.handler,
      Runtime: fn.runtime ?? DEFAULT_RUNTIME,
      MemorySize: fn.memoryMb,
      Timeout: fn.timeoutSeconds,
      Role: getAtt(ids.role(fn.name), 'Arn'),
      ...(Object.keys(variables).length ? { Environment: { Variables: variables } } : {}),
      ...(fn.architecture === 'arm64' ? { Architectures: ['arm64'] } : {}),
      ...(fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency }),
      LoggingConfig: { LogGroup: ref(ids.logGroup(fn.name)) },
    },
    // CDK's asset convention: SAM CLI (and Hoplite's importer) run the function from this folder instead of S3.
    Metadata: { 'aws:asset:path': code.assetPath, 'aws:asset:property': 'Code' },
  };
}
