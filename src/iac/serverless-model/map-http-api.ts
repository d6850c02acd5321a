/**
 * Every `httpApi` event as one HTTP API on the `$default` stage, as the Framework deploys it, named
 * `provider.httpApi.name` or `<stage>-<service>`; provider.httpApi's CORS, JWT and Lambda REQUEST authorizers.
 */
import type { CorsModel, HttpApiModel, HttpAuthorizerModel, HttpRouteModel } from '../../model/types.ts';
import type { HttpApiAuthorizer, HttpApiCors, HttpApiEvent, ServerlessService } from '../serverless/types.ts';
import { eventPath, type MappingReport } from './report.ts';

/** HTTP-70: the integration timeout the Framework leaves at API Gateway's maximum. */
const HTTP_INTEGRATION_TIMEOUT_MS = 30_000;
/** The Framework's result cache for a REQUEST authorizer that sets no resultTtlInSeconds. */
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;

/** `cors: true`: the Framework's documented defaults (https://www.serverless.com/framework/docs/providers/aws/events/http-api). */
export const DEFAULT_HTTP_API_CORS: CorsModel = {
  allowOrigins: ['*'],
  allowMethods: ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  allowHeaders: ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Api-Key'],
  exposeHeaders: [],
  allowCredentials: false,
};

export function mapHttpApi(service: ServerlessService, report: MappingReport): HttpApiModel | undefined {
  const settings = service.provider.httpApi;
  const routes: HttpRouteModel[] = [];
  const authorizers: HttpAuthorizerModel[] = [];
  for (const fn of service.functions) {
    for (const event of fn.events) {
      if (event.type !== 'httpApi') continue;
      const keys = eventPath(report.positions, fn.key, fn.events, event);
      const key = routeKey(event);
      if (routes.some((route) => route.key === key)) {
        report.fail(keys, `expected one function per route, ${key} is already routed`);
        continue;
      }
      const route: HttpRouteModel = { key, function: fn.name, payloadFormatVersion: event.payload, integrationTimeoutMs: HTTP_INTEGRATION_TIMEOUT_MS };
      if (event.authorizer) authorize(route, event.authorizer, service, authorizers, [...keys, 'authorizer'], report);
      routes.push(route);
    }
  }
  if (routes.length === 0) return undefined;
  if (settings?.id !== undefined)
    report.warn(['provider', 'httpApi', 'id'], 'provider.httpApi.id (an existing API) is not used: Hoplite serves the routes on an API of its own');
  const api: HttpApiModel = {
    protocol: 'HTTP',
    name: settings?.name ?? `${service.provider.stage}-${service.service}`,
    stage: { name: '$default', variables: {}, autoDeploy: true },
    routes,
  };
  if (settings?.cors) api.cors = settings.cors === true ? DEFAULT_HTTP_API_CORS : mapCors(settings.cors);
  if (authorizers.length > 0) api.authorizers = authorizers;
  return api;
}

/** `'*'` is the `$default` route; a `*` method is ANY. */
function routeKey(event: HttpApiEvent): string {
  if (event.path === '*') return '$default';
  return `${event.method === '*' ? 'ANY' : event.method} ${event.path}`;
}

function authorize(
  route: HttpRouteModel,
  authorizer: NonNullable<HttpApiEvent['authorizer']>,
  service: ServerlessService,
  authorizers: HttpAuthorizerModel[],
  keys: (string | number)[],
  report: MappingReport,
): void {
  if (authorizer.type === 'aws_iam') {
    route.authorizationType = 'AWS_IAM';
    return;
  }
  if (authorizer.name === undefined) {
    report.fail([...keys, 'id'], 'expected name: an authorizer of provider.httpApi.authorizers (an existing authorizer id cannot run here)');
    return;
  }
  const declared = service.provider.httpApi?.authorizers[authorizer.name];
  if (!declared) {
    const known = Object.keys(service.provider.httpApi?.authorizers ?? {});
    report.fail(
      [...keys, 'name'],
      `expected an authorizer of provider.httpApi.authorizers${known.length > 0 ? ` (${known.join(', ')})` : ''}, got "${authorizer.name}"`,
    );
    return;
  }
  const model = mapAuthorizer(authorizer.name, declared, service, report);
  if (!model) return;
  if (!authorizers.some((known) => known.name === model.name)) authorizers.push(model);
  route.authorizationType = model.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM';
  route.authorizerId = model.name;
  if (authorizer.scopes !== undefined) {
    if (model.authorizerType === 'JWT') route.authorizationScopes = authorizer.scopes;
    else report.warn([...keys, 'scopes'], 'authorizer scopes apply to JWT authorizers only; they are ignored on a request authorizer');
  }
}

function mapAuthorizer(name: string, declared: HttpApiAuthorizer, service: ServerlessService, report: MappingReport): HttpAuthorizerModel | undefined {
  const keys = ['provider', 'httpApi', 'authorizers', name];
  if (declared.type === 'jwt') {
    return {
      name,
      authorizerType: 'JWT',
      identitySource: [declared.identitySource],
      jwtConfiguration: { issuer: declared.issuerUrl, audience: declared.audience },
    };
  }
  const fn = service.functions.find((candidate) => candidate.key === declared.functionName);
  if (!fn) {
    const given = declared.functionName ?? declared.functionArn;
    return report.fail(
      [...keys, declared.functionName === undefined ? 'functionArn' : 'functionName'],
      `expected functionName: a function of this service, got "${given}"`,
    );
  }
  return {
    name,
    authorizerType: 'REQUEST',
    function: fn.name,
    authorizerPayloadFormatVersion: declared.payloadVersion,
    enableSimpleResponses: declared.enableSimpleResponses ?? false,
    identitySource: declared.identitySource,
    authorizerResultTtlInSeconds: declared.resultTtlInSeconds ?? (declared.identitySource.length > 0 ? DEFAULT_AUTHORIZER_TTL_SECONDS : 0),
  };
}

/** The Framework's names for HTTP-50's CORS settings; what is not written takes the `cors: true` value. */
function mapCors(cors: HttpApiCors): CorsModel {
  const model: CorsModel = {
    allowOrigins: cors.allowedOrigins ?? DEFAULT_HTTP_API_CORS.allowOrigins,
    allowMethods: cors.allowedMethods ?? DEFAULT_HTTP_API_CORS.allowMethods,
    allowHeaders: cors.allowedHeaders ?? DEFAULT_HTTP_API_CORS.allowHeaders,
    exposeHeaders: cors.exposedResponseHeaders ?? [],
    allowCredentials: cors.allowCredentials ?? false,
  };
  if (cors.maxAge !== undefined) model.maxAgeSeconds = cors.maxAge;
  return model;
}
