/** A SAM function's `Events` of type HttpApi and Api: routes and methods on the APIs they name, or on those SAM creates. */
import { HTTP_INTEGRATION_TIMEOUT_RANGE_MS, INTEGRATION_TIMEOUT_RANGE_MS } from '../../limits.ts';
import type { HttpRouteModel, RestHttpMethod, RestMethodModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';
import { type SamHttpApi, type SamRestApi, SERVERLESS_API, SERVERLESS_HTTP_API } from './serverless-apis.ts';
import { throttlingOf } from './v2-stage.ts';

/** The SAM APIs by logical id; `implicit` makes the one SAM creates when an event names none. */
export interface SamApis {
  http(id: string | undefined, path: (string | number)[]): SamHttpApi;
  rest(id: string | undefined, path: (string | number)[]): SamRestApi;
}

const REST_METHODS = new Set<RestHttpMethod>(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function addFunctionEvents(context: MappingContext, id: string, properties: Record<string, unknown>, functionName: string, apis: SamApis): void {
  const events = new PropertyReader(context, id, properties).object('Events');
  if (!events) return;
  for (const name of Object.keys(events.properties)) {
    const event = events.object(name) as PropertyReader;
    const type = event.requiredString('Type');
    const eventProperties = event.object('Properties') ?? new PropertyReader(context, id, {}, event.at('Properties'));
    if (type === 'HttpApi') addHttpApiEvent(context, eventProperties, functionName, apis);
    else if (type === 'Api') addApiEvent(context, eventProperties, functionName, apis);
    else
      context.warn(
        event.at('Type'),
        `${id}: Events.${name}: events of type ${type} are not run locally; invoke the function with hoplite invoke`,
        `event-type:${type}`,
      );
  }
}

function apiReference(context: MappingContext, event: PropertyReader, key: string, type: string): string | undefined {
  const value = event.properties[key];
  if (value === undefined) return undefined;
  const id = referencedId(value);
  if (id === undefined || context.resource(id)?.type !== type) throw event.fail(key, `a reference to an ${type} of this template (!Ref MyApi)`);
  return id;
}

function addHttpApiEvent(context: MappingContext, event: PropertyReader, functionName: string, apis: SamApis): void {
  const api = apis.http(apiReference(context, event, 'ApiId', SERVERLESS_HTTP_API), event.path);
  const path = event.string('Path');
  const method = event.string('Method');
  const key = path === undefined && method === undefined ? '$default' : `${(method ?? 'ANY').toUpperCase().replace(/^\*$/, 'ANY')} ${path ?? '/'}`;
  const version = event.string('PayloadFormatVersion') ?? '2.0';
  if (version !== '1.0' && version !== '2.0') throw event.fail('PayloadFormatVersion', '1.0 or 2.0');
  const auth = event.object('Auth');
  const authorizerName = auth?.string('Authorizer') ?? api.defaultAuthorizer;
  const throttling = throttlingOf(event.object('RouteSettings'));
  const route: HttpRouteModel = {
    key,
    function: functionName,
    payloadFormatVersion: version,
    integrationTimeoutMs: event.number('TimeoutInMillis') ?? HTTP_INTEGRATION_TIMEOUT_RANGE_MS.default,
    ...(throttling ? { throttling } : {}),
  };
  if (authorizerName && authorizerName !== 'NONE') {
    if (authorizerName === 'AWS_IAM') route.authorizationType = 'AWS_IAM';
    else {
      const authorizer = api.model.authorizers?.find((candidate) => candidate.name === authorizerName);
      if (!authorizer)
        throw context.error(
          auth ? auth.at('Authorizer') : event.path,
          `${event.id}: Auth.Authorizer: expected NONE, AWS_IAM or an authorizer of ${api.model.name}'s Auth.Authorizers, got "${authorizerName}"`,
        );
      route.authorizationType = authorizer.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM';
      route.authorizerId = authorizerName;
      const scopes = auth?.stringList('AuthorizationScopes');
      if (scopes) route.authorizationScopes = scopes;
    }
  }
  api.model.routes.push(route);
}

function addApiEvent(context: MappingContext, event: PropertyReader, functionName: string, apis: SamApis): void {
  const api = apis.rest(apiReference(context, event, 'RestApiId', SERVERLESS_API), event.path);
  const path = event.requiredString('Path');
  const httpMethod = event.requiredString('Method').toUpperCase() as RestHttpMethod;
  if (!REST_METHODS.has(httpMethod)) throw event.fail('Method', 'get, post, put, patch, delete, head, options or any');
  const auth = event.object('Auth');
  const authorizerName = auth?.string('Authorizer') ?? api.defaultAuthorizer;
  const method: RestMethodModel = {
    httpMethod,
    function: functionName,
    integration: 'AWS_PROXY',
    integrationTimeoutMs: event.number('TimeoutInMillis') ?? INTEGRATION_TIMEOUT_RANGE_MS.default,
    methodResponses: [],
    integrationResponses: [],
  };
  if (authorizerName && authorizerName !== 'NONE') {
    if (authorizerName === 'AWS_IAM') method.authorizationType = 'AWS_IAM';
    else {
      const authorizer = api.model.authorizers?.find((candidate) => candidate.name === authorizerName);
      if (!authorizer)
        throw context.error(
          auth ? auth.at('Authorizer') : event.path,
          `${event.id}: Auth.Authorizer: expected NONE, AWS_IAM or an authorizer of ${api.model.name}'s Auth.Authorizers, got "${authorizerName}"`,
        );
      method.authorizationType = authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
      method.authorizerId = authorizerName;
    }
  }
  if (auth?.boolean('ApiKeyRequired')) method.apiKeyRequired = true;
  let resource = api.model.resources.find((candidate) => candidate.path === path);
  if (!resource) {
    resource = { path, methods: [] };
    api.model.resources.push(resource);
  }
  resource.methods.push(method);
}
