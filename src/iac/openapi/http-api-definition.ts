/** An HTTP API's OpenAPI definition → its routes, authorizers and CORS, as API Gateway imports it. */
import type { CorsModel, HttpAuthorizerModel, HttpRouteModel } from '../../model/types.ts';
import type { DefinitionSource } from './definition-source.ts';
import { DocumentReader, documentVersion, isNode, OPERATION_METHODS } from './document.ts';
import { httpAuthorizers } from './http-authorizers.ts';
import { checkIntegrationFields, warnIgnoredExtensions } from './ignored-extensions.ts';

export const INTEGRATION = 'x-amazon-apigateway-integration';
export const CORS = 'x-amazon-apigateway-cors';
const DEFAULT_TIMEOUT_MS = 30000;

export interface HttpApiDefinition {
  routes: HttpRouteModel[];
  authorizers: HttpAuthorizerModel[];
  cors?: CorsModel;
}

export function httpApiDefinition(document: unknown, source: DefinitionSource): HttpApiDefinition {
  if (!isNode(document)) throw source.error([], 'expected an OpenAPI document (a mapping with openapi and paths)');
  const reader = new DocumentReader(source, document);
  documentVersion(reader);
  warnIgnoredExtensions(reader, [CORS]);
  const authorizers = httpAuthorizers(reader);
  const defaultSecurity = reader.node.security;
  const paths = reader.object('paths');
  const routes = Object.keys(paths?.node ?? {}).flatMap((path) => {
    const item = (paths as DocumentReader).object(path) as DocumentReader;
    return Object.keys(item.node)
      .filter((key) => OPERATION_METHODS[key] !== undefined)
      .map((key) => httpRoute(path, OPERATION_METHODS[key] as string, item.object(key) as DocumentReader, authorizers, defaultSecurity));
  });
  const cors = reader.object(CORS);
  return { routes, authorizers, ...(cors ? { cors: corsOf(cors) } : {}) };
}

// `/$default` with the any-method is the catch-all route `$default`.
const routeKey = (path: string, method: string) => (path === '/$default' && method === 'ANY' ? '$default' : `${method} ${path}`);

function httpRoute(path: string, method: string, operation: DocumentReader, authorizers: HttpAuthorizerModel[], defaultSecurity: unknown): HttpRouteModel {
  const key = routeKey(path, method);
  const integration = operation.object(INTEGRATION);
  if (!integration) throw operation.source.error(operation.path, `${key}: expected ${INTEGRATION} (type aws_proxy or http_proxy)`);
  const type = integration.requiredString('type').toLowerCase();
  checkIntegrationFields(integration, key);
  const timeout = integration.number('timeoutInMillis') ?? DEFAULT_TIMEOUT_MS;
  const requestParameters = integration.stringRecord('requestParameters');
  const responseParameters = integration.object('responseParameters');
  const common = {
    key,
    integrationTimeoutMs: timeout,
    ...(requestParameters ? { requestParameters } : {}),
    ...(responseParameters
      ? {
          responseParameters: Object.fromEntries(Object.keys(responseParameters.node).map((status) => [status, responseParameters.stringRecord(status) ?? {}])),
        }
      : {}),
    ...securityOf(operation, key, authorizers, defaultSecurity),
  };
  if (type === 'aws_proxy') {
    const version = integration.string('payloadFormatVersion');
    if (version !== '1.0' && version !== '2.0') throw integration.fail('payloadFormatVersion', '1.0 or 2.0 (required for an HTTP API Lambda integration)');
    const fn = integration.source.functionOf(integration.node.uri, integration.at('uri'), `${key}: ${INTEGRATION}.uri`);
    return { ...common, function: fn, payloadFormatVersion: version };
  }
  if (type === 'http_proxy') {
    const uri = integration.requiredString('uri');
    if (!/^https?:\/\//.test(uri)) throw integration.fail('uri', 'an http:// or https:// URL');
    return {
      ...common,
      integration: { type: 'HTTP_PROXY', integrationUri: uri, integrationMethod: integration.string('httpMethod') ?? 'ANY' },
      payloadFormatVersion: '1.0',
    };
  }
  throw integration.fail('type', 'aws_proxy or http_proxy (the integrations of an HTTP API)');
}

/** The operation's `security` (else the document's): the first requirement naming an authorizer, with its scopes. */
function securityOf(operation: DocumentReader, key: string, authorizers: HttpAuthorizerModel[], defaultSecurity: unknown): Partial<HttpRouteModel> {
  const own = operation.node.security;
  const security = own ?? defaultSecurity;
  const path = own === undefined ? ['security'] : operation.at('security');
  if (security === undefined) return {};
  if (!Array.isArray(security) || !security.every(isNode))
    throw operation.source.error(path, `${key}: security: expected a list of requirements, e.g. [{ MyAuthorizer: [] }]`);
  const requirement = security.find((entry) => Object.keys(entry).length > 0);
  if (!requirement) return {};
  const [name, scopes] = Object.entries(requirement)[0] as [string, unknown];
  const authorizer = authorizers.find((entry) => entry.name === name);
  if (!authorizer) throw operation.source.error(path, `${key}: security names ${name}, expected a security scheme with x-amazon-apigateway-authorizer`);
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))
    throw operation.source.error(path, `${key}: security ${name}: expected a list of scopes`);
  if (authorizer.authorizerType === 'REQUEST') return { authorizationType: 'CUSTOM', authorizerId: name };
  return { authorizationType: 'JWT', authorizerId: name, ...(scopes.length > 0 ? { authorizationScopes: scopes as string[] } : {}) };
}

function corsOf(cors: DocumentReader): CorsModel {
  const maxAge = cors.number('maxAge');
  return {
    allowOrigins: cors.stringList('allowOrigins') ?? [],
    allowMethods: cors.stringList('allowMethods') ?? [],
    allowHeaders: cors.stringList('allowHeaders') ?? [],
    exposeHeaders: cors.stringList('exposeHeaders') ?? [],
    allowCredentials: cors.boolean('allowCredentials') ?? false,
    ...(maxAge !== undefined ? { maxAgeSeconds: maxAge } : {}),
  };
}
