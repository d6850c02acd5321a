/** A REST API as graph nodes: the API with its stage, each resource's methods, their integrations and authorizers. */
import type { RestApiModel, RestAuthorizerModel, RestMethodModel } from '../model/index.ts';
import { type GraphBuilder, nodeId } from './graph-builder.ts';
import { authorizationPhrase, flagPhrase, listPhrase, throttlePhrase, timeoutPhrase, usedByPhrase, variablesPhrase } from './phrases.ts';
import { linkFunction, linkIntegration } from './route-targets.ts';

export function describeRestApi(graph: GraphBuilder, api: RestApiModel): void {
  const apiId = graph.node('api', [api.name], {
    type: 'REST API',
    label: api.name,
    details: [
      `stage ${api.stage.name}`,
      ...throttlePhrase(api.stage.throttling),
      ...variablesPhrase(api.stage.variables),
      ...listPhrase('binary media types', api.binaryMediaTypes),
      ...(api.apiKeySource ? [`API key source ${api.apiKeySource}`] : []),
      ...listPhrase(
        'validators',
        api.requestValidators?.map((validator) => validator.name),
      ),
      ...listPhrase('models', Object.keys(api.models ?? {})),
      ...listPhrase(
        'gateway responses',
        api.gatewayResponses?.map((response) => response.responseType),
      ),
    ],
  });
  const methods = api.resources.flatMap((resource) => resource.methods.map((method) => ({ label: `${method.httpMethod} ${resource.path}`, method })));
  for (const { label, method } of methods) describeMethod(graph, api.name, apiId, label, method);
  for (const authorizer of api.authorizers ?? []) {
    const id = graph.node('authorizer', [api.name, authorizer.name], {
      type: authorizer.type === 'COGNITO_USER_POOLS' ? 'Cognito authorizer' : `Lambda ${authorizer.type} authorizer`,
      label: authorizer.name,
      details: [
        ...authorizerDetails(authorizer),
        usedByPhrase(methods.filter(({ method }) => method.authorizerId === authorizer.name).map(({ label }) => label)),
      ],
      parent: apiId,
    });
    if (authorizer.type !== 'COGNITO_USER_POOLS') graph.edge(id, nodeId('function', [authorizer.function]), 'invokes');
  }
}

function authorizerDetails(authorizer: RestAuthorizerModel): string[] {
  const validation = authorizer.identityValidationExpression ? [`validation ${authorizer.identityValidationExpression}`] : [];
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    return [...listPhrase('user pools', authorizer.providerARNs), ...listPhrase('identity', authorizer.identitySource), ...validation];
  }
  return [...listPhrase('identity', authorizer.identitySource), ...validation, `cache ${authorizer.authorizerResultTtlInSeconds} s`];
}

function describeMethod(graph: GraphBuilder, apiName: string, apiId: string, label: string, method: RestMethodModel): void {
  const methodId = graph.node('route', [apiName, label], {
    type: 'method',
    label,
    parent: apiId,
    details: [
      timeoutPhrase(method.integrationTimeoutMs),
      ...authorizationPhrase(method.authorizationType, method.authorizationScopes),
      ...flagPhrase('API key required', method.apiKeyRequired),
      ...(method.requestValidatorId ? [`validator ${method.requestValidatorId}`] : []),
      ...listPhrase('models', [...new Set(Object.values(method.requestModels ?? {}))]),
      ...throttlePhrase(method.throttling),
      ...listPhrase(
        'responses',
        method.methodResponses.map((response) => response.statusCode),
      ),
    ],
  });
  graph.edge(apiId, methodId, 'route');
  if (method.authorizerId !== undefined) graph.edge(methodId, nodeId('authorizer', [apiName, method.authorizerId]), 'authorizer');
  const key = [apiName, label];
  switch (method.integration) {
    case 'AWS_PROXY':
    case 'AWS':
      if (method.function !== undefined) linkFunction(graph, methodId, method.function, method.integration === 'AWS' ? 'Lambda custom' : 'Lambda proxy');
      return;
    case 'MOCK':
      linkIntegration(graph, methodId, key, { type: 'MOCK', details: listPhrase('request templates', Object.keys(method.requestTemplates ?? {})) });
      return;
    default:
      linkIntegration(graph, methodId, key, {
        type: method.integration,
        method: method.integrationHttpMethod ?? 'ANY',
        uri: method.integrationUri ?? '',
        details: listPhrase('request templates', Object.keys(method.requestTemplates ?? {})),
      });
  }
}
