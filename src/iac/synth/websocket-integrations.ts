/** A WebSocket route's AWS::ApiGatewayV2::Integration and its IntegrationResponses. */
import type { WebSocketIntegrationResponseModel, WebSocketRouteModel, WebSocketTemplatedIntegration } from '../../model/types.ts';
import { lambdaInvocationUri } from './arns.ts';
import type { CfnValue } from './template.ts';

/** WebSocket APIs invoke Lambda with POST (the IntegrationMethod Lambda integrations must carry). */
const LAMBDA_INTEGRATION_METHOD = 'POST';

function templated(integration: WebSocketTemplatedIntegration): Record<string, CfnValue> {
  return {
    ...(integration.requestTemplates ? { RequestTemplates: integration.requestTemplates } : {}),
    ...(integration.templateSelectionExpression ? { TemplateSelectionExpression: integration.templateSelectionExpression } : {}),
    ...(integration.passthroughBehavior ? { PassthroughBehavior: integration.passthroughBehavior } : {}),
    ...(integration.contentHandlingStrategy ? { ContentHandlingStrategy: integration.contentHandlingStrategy } : {}),
  };
}

/** The integration's own properties, ApiId aside; a route without `integration` is a Lambda proxy integration. */
export function integrationProperties(route: WebSocketRouteModel): Record<string, CfnValue> {
  const integration = route.integration;
  const timeout = { TimeoutInMillis: route.integrationTimeoutMs };
  if (!integration || integration.type === 'AWS') {
    return {
      IntegrationType: integration ? 'AWS' : 'AWS_PROXY',
      IntegrationMethod: LAMBDA_INTEGRATION_METHOD,
      IntegrationUri: lambdaInvocationUri(route.function as string),
      ...(integration ? templated(integration) : {}),
      ...timeout,
    };
  }
  if (integration.type === 'MOCK') return { IntegrationType: 'MOCK', ...templated(integration), ...timeout };
  return {
    IntegrationType: integration.type,
    IntegrationUri: integration.integrationUri,
    IntegrationMethod: integration.integrationMethod,
    ...(integration.requestParameters ? { RequestParameters: integration.requestParameters } : {}),
    ...(integration.type === 'HTTP' ? templated(integration) : {}),
    ...timeout,
  };
}

export function integrationResponseProperties(response: WebSocketIntegrationResponseModel): Record<string, CfnValue> {
  return {
    IntegrationResponseKey: response.key,
    ...(response.responseTemplates ? { ResponseTemplates: response.responseTemplates } : {}),
    ...(response.templateSelectionExpression ? { TemplateSelectionExpression: response.templateSelectionExpression } : {}),
    ...(response.contentHandlingStrategy ? { ContentHandlingStrategy: response.contentHandlingStrategy } : {}),
  };
}

/** The integration responses a route's integration has: only templated integrations (MOCK, AWS, HTTP) carry them. */
export function integrationResponsesOf(route: WebSocketRouteModel): WebSocketIntegrationResponseModel[] {
  const integration = route.integration;
  return integration && integration.type !== 'HTTP_PROXY' ? (integration.integrationResponses ?? []) : [];
}
