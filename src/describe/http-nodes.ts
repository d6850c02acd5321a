/** An HTTP API as graph nodes: the API with its stage and CORS, its routes, their integrations and authorizers. */
import type { HttpApiModel, HttpAuthorizerModel, HttpRouteModel } from '../model/index.ts';
import { type GraphBuilder, nodeId } from './graph-builder.ts';
import { authorizationPhrase, flagPhrase, listPhrase, throttlePhrase, timeoutPhrase, usedByPhrase, variablesPhrase } from './phrases.ts';
import { linkFunction, linkIntegration } from './route-targets.ts';

export function describeHttpApi(graph: GraphBuilder, api: HttpApiModel): void {
  const apiId = graph.node('api', [api.name], {
    type: 'HTTP API',
    label: api.name,
    details: [
      `stage ${api.stage.name}`,
      ...flagPhrase('auto deploy', api.stage.autoDeploy),
      ...throttlePhrase(api.stage.throttling),
      ...variablesPhrase(api.stage.variables),
      ...listPhrase('CORS origins', api.cors?.allowOrigins),
    ],
  });
  for (const route of api.routes) describeRoute(graph, api.name, apiId, route);
  for (const authorizer of api.authorizers ?? []) {
    const id = graph.node('authorizer', [api.name, authorizer.name], {
      type: authorizer.authorizerType === 'JWT' ? 'JWT authorizer' : 'Lambda REQUEST authorizer',
      label: authorizer.name,
      details: [...authorizerDetails(authorizer), usedByPhrase(api.routes.filter((route) => route.authorizerId === authorizer.name).map((route) => route.key))],
      parent: apiId,
    });
    if (authorizer.authorizerType === 'REQUEST') graph.edge(id, nodeId('function', [authorizer.function]), 'invokes');
  }
}

function authorizerDetails(authorizer: HttpAuthorizerModel): string[] {
  const identity = listPhrase('identity', authorizer.identitySource);
  if (authorizer.authorizerType === 'JWT') {
    return [`issuer ${authorizer.jwtConfiguration.issuer}`, ...listPhrase('audience', authorizer.jwtConfiguration.audience), ...identity];
  }
  return [
    ...identity,
    `payload ${authorizer.authorizerPayloadFormatVersion}`,
    ...flagPhrase('simple responses', authorizer.enableSimpleResponses),
    `cache ${authorizer.authorizerResultTtlInSeconds} s`,
  ];
}

function describeRoute(graph: GraphBuilder, apiName: string, apiId: string, route: HttpRouteModel): void {
  const routeId = graph.node('route', [apiName, route.key], {
    type: 'route',
    label: route.key,
    parent: apiId,
    details: [
      timeoutPhrase(route.integrationTimeoutMs),
      ...authorizationPhrase(route.authorizationType, route.authorizationScopes),
      ...throttlePhrase(route.throttling),
      ...listPhrase('request parameters', Object.keys(route.requestParameters ?? {})),
      ...listPhrase('response parameters', Object.keys(route.responseParameters ?? {})),
    ],
  });
  graph.edge(apiId, routeId, 'route');
  if (route.authorizerId !== undefined) graph.edge(routeId, nodeId('authorizer', [apiName, route.authorizerId]), 'authorizer');
  if (route.integration) {
    const { integrationMethod, integrationUri } = route.integration;
    linkIntegration(graph, routeId, [apiName, route.key], { type: 'HTTP_PROXY', method: integrationMethod, uri: integrationUri, details: [] });
  } else if (route.function !== undefined) {
    linkFunction(graph, routeId, route.function, `Lambda proxy, payload ${route.payloadFormatVersion}`);
  }
}
