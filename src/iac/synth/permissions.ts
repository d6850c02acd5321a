/** AWS::Lambda::Permission: API Gateway may invoke a function only from the APIs whose routes, methods or authorizers name it. */
import type { ApiModel } from '../../model/types.ts';
import { executeApiArn } from './arns.ts';
import { ids, type SynthContext } from './context.ts';
import { type CfnResource, getAtt } from './template.ts';

/** The functions an API invokes: its routes' or methods' integrations and its Lambda authorizers. */
export function invokedFunctions(api: ApiModel): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    if (name) names.add(name);
  };
  if (api.protocol === 'REST') {
    for (const resource of api.resources) for (const method of resource.methods) add(method.function);
  } else {
    for (const route of api.routes) add(route.function);
  }
  for (const authorizer of api.authorizers ?? []) add('function' in authorizer ? authorizer.function : undefined);
  return names;
}

export function lambdaPermission(functionName: string, apiName: string): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(ids.function(functionName), 'Arn'),
      Principal: 'apigateway.amazonaws.com',
      SourceArn: executeApiArn(apiName),
    },
  };
}

/** One permission per (function, API), APIs in model order and each API's functions in the order the service lists them. */
export function synthesizePermissions(context: SynthContext): void {
  for (const api of context.model.apis) {
    const invoked = invokedFunctions(api);
    for (const fn of context.model.functions) {
      if (!invoked.has(fn.name)) continue;
      context.builder.resource(ids.permission(fn.name, api.name), lambdaPermission(fn.name, api.name), `api "${api.name}"`);
    }
  }
}
