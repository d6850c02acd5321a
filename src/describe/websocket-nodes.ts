/** A WebSocket API as graph nodes: the API with its stage, its routes, their integrations and the `$connect` authorizers. */
import type { WebSocketApiModel, WebSocketIntegrationModel, WebSocketRouteModel } from '../model/index.ts';
import { type GraphBuilder, nodeId } from './graph-builder.ts';
import { authorizationPhrase, flagPhrase, listPhrase, throttlePhrase, timeoutPhrase, usedByPhrase, variablesPhrase } from './phrases.ts';
import { linkFunction, linkIntegration } from './route-targets.ts';

export function describeWebSocketApi(graph: GraphBuilder, api: WebSocketApiModel): void {
  const apiId = graph.node('api', [api.name], {
    type: 'WebSocket API',
    label: api.name,
    details: [
      `stage ${api.stage.name}`,
      `route selection ${api.routeSelectionExpression}`,
      ...(api.apiKeySelectionExpression ? [`API key selection ${api.apiKeySelectionExpression}`] : []),
      ...throttlePhrase(api.stage.throttling),
      ...variablesPhrase(api.stage.variables),
      ...listPhrase('models', Object.keys(api.models ?? {})),
    ],
  });
  for (const route of api.routes) describeRoute(graph, api.name, apiId, route);
  for (const authorizer of api.authorizers ?? []) {
    const id = graph.node('authorizer', [api.name, authorizer.name], {
      type: 'Lambda REQUEST authorizer',
      label: authorizer.name,
      details: [
        ...listPhrase('identity', authorizer.identitySource),
        usedByPhrase(api.routes.filter((route) => route.authorizerId === authorizer.name).map((route) => route.key)),
      ],
      parent: apiId,
    });
    graph.edge(id, nodeId('function', [authorizer.function]), 'invokes');
  }
}

function describeRoute(graph: GraphBuilder, apiName: string, apiId: string, route: WebSocketRouteModel): void {
  const models = Object.values(route.requestModels ?? {});
  const routeId = graph.node('route', [apiName, route.key], {
    type: 'route',
    label: route.key,
    parent: apiId,
    details: [
      timeoutPhrase(route.integrationTimeoutMs),
      ...authorizationPhrase(route.authorizationType, undefined),
      ...flagPhrase('API key required', route.apiKeyRequired),
      ...flagPhrase('route response $default', route.routeResponseSelectionExpression === '$default'),
      ...throttlePhrase(route.throttling),
      ...listPhrase('models', [...new Set(models)]),
    ],
  });
  graph.edge(apiId, routeId, 'route');
  if (route.authorizerId !== undefined) graph.edge(routeId, nodeId('authorizer', [apiName, route.authorizerId]), 'authorizer');
  linkTarget(graph, routeId, [apiName, route.key], route.function, route.integration);
}

function linkTarget(
  graph: GraphBuilder,
  routeId: string,
  key: readonly string[],
  functionName: string | undefined,
  integration: WebSocketIntegrationModel | undefined,
): void {
  if (integration === undefined || integration.type === 'AWS') {
    if (functionName !== undefined) linkFunction(graph, routeId, functionName, integration ? 'Lambda custom' : 'Lambda proxy');
    return;
  }
  if (integration.type === 'MOCK') {
    linkIntegration(graph, routeId, key, { type: 'MOCK', details: templatedDetails(integration) });
    return;
  }
  const details = integration.type === 'HTTP' ? templatedDetails(integration) : [];
  linkIntegration(graph, routeId, key, { type: integration.type, method: integration.integrationMethod, uri: integration.integrationUri, details });
}

function templatedDetails(integration: Exclude<WebSocketIntegrationModel, { type: 'HTTP_PROXY' }>): string[] {
  return [
    ...listPhrase('request templates', Object.keys(integration.requestTemplates ?? {})),
    ...listPhrase(
      'responses',
      (integration.integrationResponses ?? []).map((response) => response.key),
    ),
  ];
}
