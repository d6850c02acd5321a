/** AWS::Serverless::HttpApi and AWS::Serverless::Api, the explicit ones and those SAM creates for events that name none. */
import type { HttpApiModel, HttpAuthorizerModel, RestApiModel, RestAuthorizerModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { mergeGlobals } from './globals.ts';
import { httpDefinitionOf, restDefinitionOf, SAM_DEFINITION } from './openapi-definitions.ts';
import { PropertyReader } from './properties.ts';
import { type LocalIdentity, localText } from './references.ts';
import { readSamRestCors, type SamRestCors } from './sam-rest-cors.ts';
import { corsOf } from './v2-apis.ts';
import { throttlingOf } from './v2-stage.ts';

export const SERVERLESS_HTTP_API = 'AWS::Serverless::HttpApi';
export const SERVERLESS_API = 'AWS::Serverless::Api';
/** The logical ids SAM gives the APIs it creates for events without an ApiId / RestApiId. */
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
export const IMPLICIT_REST_API = 'ServerlessRestApi';

/** A SAM API as the events add routes to it, with what its routes inherit (the default authorizer). */
export interface SamHttpApi {
  model: HttpApiModel;
  defaultAuthorizer?: string;
}

export interface SamRestApi {
  model: RestApiModel;
  defaultAuthorizer?: string;
  /** Applied once the functions' `Api` events have added their methods. */
  cors?: SamRestCors;
}

const propertiesOf = (context: MappingContext, id: string, globalsKey: string) =>
  mergeGlobals(context.template.globals[globalsKey], context.resource(id)?.properties ?? {});

export function mapServerlessHttpApi(context: MappingContext, identity: LocalIdentity, id: string | undefined): SamHttpApi {
  const logicalId = id ?? IMPLICIT_HTTP_API;
  const reader = new PropertyReader(
    context,
    logicalId,
    id ? propertiesOf(context, id, 'HttpApi') : mergeGlobals(context.template.globals.HttpApi, {}),
    id ? undefined : ['Globals', 'HttpApi'],
  );
  const definition = httpDefinitionOf(context, reader, SAM_DEFINITION);
  reader.ignore(
    SERVERLESS_HTTP_API,
    ['AccessLogSettings', 'Domain', 'FailOnWarnings', 'Tags', 'DisableExecuteApiEndpoint', 'Description', 'RouteSettings'],
    'not applied locally',
  );
  const corsValue = reader.properties.CorsConfiguration;
  // `CorsConfiguration: true` allows every origin, as SAM writes it.
  const cors =
    corsValue === true
      ? { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: [], allowCredentials: false }
      : corsValue === undefined || corsValue === false
        ? undefined
        : (corsOf(reader.object('CorsConfiguration')) ?? definition?.cors);
  const auth = reader.object('Auth');
  // The definition's authorizers, then those of Auth (SAM adds them to the definition it deploys).
  const authorizers = [...(definition?.authorizers ?? []), ...httpAuthorizersOf(context, auth)];
  const throttling = throttlingOf(reader.object('DefaultRouteSettings'));
  const defaultAuthorizer = auth?.string('DefaultAuthorizer');
  return {
    model: {
      protocol: 'HTTP',
      name: typeof reader.properties.Name === 'string' ? reader.properties.Name : logicalId,
      stage: {
        name: reader.string('StageName') ?? '$default',
        variables: reader.stringRecord('StageVariables', (value, path) => localText(context, identity, value, path)) ?? {},
        autoDeploy: true,
        ...(throttling ? { throttling } : {}),
      },
      routes: definition?.routes ?? [],
      ...(cors ? { cors } : {}),
      ...(authorizers.length > 0 ? { authorizers } : {}),
    },
    ...(defaultAuthorizer ? { defaultAuthorizer } : {}),
  };
}

function httpAuthorizersOf(context: MappingContext, auth: PropertyReader | undefined): HttpAuthorizerModel[] {
  const all = auth?.object('Authorizers');
  if (!all) return [];
  return Object.keys(all.properties).map((name) => {
    const entry = all.object(name) as PropertyReader;
    const jwt = entry.object('JwtConfiguration');
    if (jwt) {
      const issuer = jwt.string('issuer') ?? jwt.requiredString('Issuer');
      return {
        name,
        authorizerType: 'JWT',
        identitySource: [entry.string('IdentitySource') ?? '$request.header.Authorization'],
        jwtConfiguration: { issuer, audience: jwt.stringList('audience') ?? jwt.stringList('Audience') ?? [] },
      };
    }
    if (!entry.has('FunctionArn')) throw context.error(entry.path, `${entry.id}: Auth.Authorizers.${name}: expected JwtConfiguration or FunctionArn`);
    const version = entry.string('AuthorizerPayloadFormatVersion') ?? '2.0';
    if (version !== '1.0' && version !== '2.0') throw entry.fail('AuthorizerPayloadFormatVersion', '1.0 or 2.0');
    const identity = entry.object('Identity');
    const sources = [
      ...(identity?.stringList('Headers') ?? []).map((header) => `$request.header.${header}`),
      ...(identity?.stringList('QueryStrings') ?? []).map((query) => `$request.querystring.${query}`),
      ...(identity?.stringList('Context') ?? []).map((variable) => `$context.${variable}`),
      ...(identity?.stringList('StageVariables') ?? []).map((variable) => `$stageVariables.${variable}`),
    ];
    return {
      name,
      authorizerType: 'REQUEST',
      function: invokedFunction(context, entry.properties.FunctionArn, entry.at('FunctionArn'), `${entry.id}: Auth.Authorizers.${name}.FunctionArn`),
      authorizerPayloadFormatVersion: version,
      enableSimpleResponses: entry.boolean('EnableSimpleResponses') ?? false,
      identitySource: sources,
      authorizerResultTtlInSeconds: identity?.number('ReauthorizeEvery') ?? 0,
    };
  });
}

export function mapServerlessRestApi(context: MappingContext, identity: LocalIdentity, id: string | undefined): SamRestApi {
  const logicalId = id ?? IMPLICIT_REST_API;
  const reader = new PropertyReader(
    context,
    logicalId,
    id ? propertiesOf(context, id, 'Api') : mergeGlobals(context.template.globals.Api, {}),
    id ? undefined : ['Globals', 'Api'],
  );
  const definition = restDefinitionOf(context, reader, SAM_DEFINITION);
  const cors = readSamRestCors(reader);
  reader.ignore(
    SERVERLESS_API,
    [
      'AccessLogSetting',
      'CacheClusterEnabled',
      'CacheClusterSize',
      'CanarySetting',
      'Domain',
      'EndpointConfiguration',
      'GatewayResponses',
      'MethodSettings',
      'MinimumCompressionSize',
      'Models',
      'OpenApiVersion',
      'TracingEnabled',
      'Tags',
      'Description',
      'AlwaysDeploy',
    ],
    'not applied locally',
  );
  const auth = reader.object('Auth');
  const authorizers = [...(definition?.authorizers ?? []), ...restAuthorizersOf(context, identity, auth)];
  const defaultAuthorizer = auth?.string('DefaultAuthorizer');
  const binary = [
    ...new Set([...(definition?.binaryMediaTypes ?? []), ...(reader.stringList('BinaryMediaTypes') ?? []).map((type) => type.replaceAll('~1', '/'))]),
  ];
  return {
    model: {
      protocol: 'REST',
      name: typeof reader.properties.Name === 'string' ? reader.properties.Name : logicalId,
      stage: {
        name: reader.string('StageName') ?? 'Prod',
        variables: reader.stringRecord('Variables', (value, path) => localText(context, identity, value, path)) ?? {},
      },
      binaryMediaTypes: binary,
      resources: definition?.resources ?? [],
      ...(definition && Object.keys(definition.models).length > 0 ? { models: definition.models } : {}),
      ...(definition && definition.requestValidators.length > 0 ? { requestValidators: definition.requestValidators } : {}),
      ...(definition?.apiKeySource ? { apiKeySource: definition.apiKeySource } : {}),
      ...(authorizers.length > 0 ? { authorizers } : {}),
    },
    ...(defaultAuthorizer ? { defaultAuthorizer } : {}),
    ...(cors ? { cors } : {}),
  };
}

function restAuthorizersOf(context: MappingContext, local: LocalIdentity, auth: PropertyReader | undefined): RestAuthorizerModel[] {
  const all = auth?.object('Authorizers');
  if (!all) return [];
  return Object.keys(all.properties).map((name) => {
    const entry = all.object(name) as PropertyReader;
    const identity = entry.object('Identity');
    const header = identity?.string('Header') ?? 'Authorization';
    if (entry.has('UserPoolArn')) {
      const pools = entry.properties.UserPoolArn;
      const arns = (Array.isArray(pools) ? pools : [pools]).map((pool) => localText(context, local, pool, entry.at('UserPoolArn')));
      return { name, type: 'COGNITO_USER_POOLS', providerARNs: arns, identitySource: [`method.request.header.${header}`] };
    }
    if (!entry.has('FunctionArn')) throw context.error(entry.path, `${entry.id}: Auth.Authorizers.${name}: expected FunctionArn or UserPoolArn`);
    const fn = invokedFunction(context, entry.properties.FunctionArn, entry.at('FunctionArn'), `${entry.id}: Auth.Authorizers.${name}.FunctionArn`);
    const ttl = identity?.number('ReauthorizeEvery') ?? 300;
    if ((entry.string('FunctionPayloadType') ?? 'TOKEN') === 'REQUEST') {
      const sources = [
        ...(identity?.stringList('Headers') ?? []).map((value) => `method.request.header.${value}`),
        ...(identity?.stringList('QueryStrings') ?? []).map((value) => `method.request.querystring.${value}`),
        ...(identity?.stringList('StageVariables') ?? []).map((value) => `stageVariables.${value}`),
        ...(identity?.stringList('Context') ?? []).map((value) => `context.${value}`),
      ];
      return { name, type: 'REQUEST', function: fn, identitySource: sources, authorizerResultTtlInSeconds: ttl };
    }
    const validation = identity?.string('ValidationExpression');
    return {
      name,
      type: 'TOKEN',
      function: fn,
      identitySource: [`method.request.header.${header}`],
      ...(validation ? { identityValidationExpression: validation } : {}),
      authorizerResultTtlInSeconds: ttl,
    };
  });
}
