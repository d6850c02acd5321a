/** A REST method's Integration property: Lambda (AWS_PROXY, AWS) through the function's invocation URI, MOCK, HTTP and HTTP_PROXY. */
import { namesStageVariable } from '../../model/index.ts';
import type { RestIntegrationResponseModel, RestMethodModel } from '../../model/types.ts';
import { ids } from './context.ts';
import { type CfnValue, sub } from './template.ts';

const INVOCATIONS_PATH = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions';

/**
 * The Lambda integration URI. REST-58: a function named through stage variables keeps `${stageVariables.x}` for
 * API Gateway to fill per stage; `${!` is how Fn::Sub writes a literal `${`.
 */
export function lambdaInvocationUri(functionName: string): CfnValue {
  if (namesStageVariable(functionName)) {
    const literal = functionName.replaceAll('${', '${!');
    return sub(`${INVOCATIONS_PATH}/arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${literal}/invocations`);
  }
  return sub(`${INVOCATIONS_PATH}/\${${ids.function(functionName)}.Arn}/invocations`);
}

function integrationResponse(response: RestIntegrationResponseModel): CfnValue {
  return {
    StatusCode: response.statusCode,
    ...(response.selectionPattern !== undefined ? { SelectionPattern: response.selectionPattern } : {}),
    ...(Object.keys(response.responseParameters).length > 0 ? { ResponseParameters: response.responseParameters } : {}),
    ...(response.responseTemplates ? { ResponseTemplates: response.responseTemplates } : {}),
    ...(response.contentHandling ? { ContentHandling: response.contentHandling } : {}),
  };
}

export function integrationOf(method: RestMethodModel): Record<string, CfnValue> {
  const integration: Record<string, CfnValue> = { Type: method.integration };
  if (method.integration === 'AWS_PROXY' || method.integration === 'AWS') {
    // Lambda is always invoked with POST, whatever the client's method.
    integration.IntegrationHttpMethod = 'POST';
    integration.Uri = lambdaInvocationUri(method.function as string);
  } else if (method.integration === 'HTTP' || method.integration === 'HTTP_PROXY') {
    integration.IntegrationHttpMethod = method.integrationHttpMethod as string;
    integration.Uri = method.integrationUri as string;
  }
  if (method.requestTemplates) integration.RequestTemplates = method.requestTemplates;
  if (method.passthroughBehavior) integration.PassthroughBehavior = method.passthroughBehavior;
  if (method.integrationRequestParameters) integration.RequestParameters = method.integrationRequestParameters;
  if (method.contentHandling) integration.ContentHandling = method.contentHandling;
  integration.TimeoutInMillis = method.integrationTimeoutMs;
  if (method.integrationResponses.length > 0) integration.IntegrationResponses = method.integrationResponses.map(integrationResponse);
  return integration;
}
