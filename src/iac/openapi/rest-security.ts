/** A REST API's authorizers (`x-amazon-apigateway-authorizer` token, request, cognito_user_pools) and the API keys its security asks for. */
import type { RestAuthorizerModel, RestMethodModel } from '../../model/types.ts';
import { type DocumentReader, isNode, securitySchemes } from './document.ts';
import { AUTHORIZER } from './http-authorizers.ts';

export interface RestSecurity {
  authorizers: RestAuthorizerModel[];
  /** Schemes that are API keys: `type: apiKey`, `name: x-api-key`, `in: header`, without an authorizer. */
  apiKeys: Set<string>;
}

export function restSecurity(document: DocumentReader): RestSecurity {
  const schemes = securitySchemes(document);
  const security: RestSecurity = { authorizers: [], apiKeys: new Set() };
  for (const name of Object.keys(schemes?.node ?? {})) {
    const scheme = (schemes as DocumentReader).object(name) as DocumentReader;
    const authorizer = scheme.object(AUTHORIZER);
    if (authorizer) security.authorizers.push(restAuthorizer(name, scheme, authorizer));
    else if (scheme.string('type') === 'apiKey' && scheme.string('name')?.toLowerCase() === 'x-api-key') security.apiKeys.add(name);
  }
  return security;
}

const sourcesOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((source) => source.trim())
    .filter((source) => source !== '');

function restAuthorizer(name: string, scheme: DocumentReader, authorizer: DocumentReader): RestAuthorizerModel {
  const type = authorizer.requiredString('type').toLowerCase();
  // A token's header is the scheme's `name` (an apiKey scheme in the header), as API Gateway's import reads it.
  const header = scheme.string('name') ?? 'Authorization';
  const validation = authorizer.string('identityValidationExpression');
  const extra = validation ? { identityValidationExpression: validation } : {};
  if (type === 'cognito_user_pools')
    return {
      name,
      type: 'COGNITO_USER_POOLS',
      providerARNs: authorizer.stringList('providerARNs') ?? [],
      identitySource: [`method.request.header.${header}`],
      ...extra,
    };
  if (type !== 'token' && type !== 'request') throw authorizer.fail('type', 'token, request or cognito_user_pools (a REST API authorizer)');
  const fn = authorizer.source.functionOf(authorizer.node.authorizerUri, authorizer.at('authorizerUri'), `${AUTHORIZER} ${name}: authorizerUri`);
  const ttl = authorizer.number('authorizerResultTtlInSeconds') ?? 300;
  if (type === 'request')
    return { name, type: 'REQUEST', function: fn, identitySource: sourcesOf(authorizer.string('identitySource')), authorizerResultTtlInSeconds: ttl };
  return { name, type: 'TOKEN', function: fn, identitySource: [`method.request.header.${header}`], ...extra, authorizerResultTtlInSeconds: ttl };
}

/** The operation's `security` (else the document's): an authorizer with its scopes, and whether an API key is required. */
export function methodSecurity(operation: DocumentReader, what: string, security: RestSecurity, fallback: unknown): Partial<RestMethodModel> {
  const own = operation.node.security;
  const requirements = own ?? fallback;
  const path = own === undefined ? ['security'] : operation.at('security');
  if (requirements === undefined) return {};
  if (!Array.isArray(requirements) || !requirements.every(isNode))
    throw operation.source.error(path, `${what}: security: expected a list of requirements, e.g. [{ MyAuthorizer: [] }]`);
  const result: Partial<RestMethodModel> = {};
  for (const [name, scopes] of requirements.flatMap((requirement) => Object.entries(requirement))) {
    if (security.apiKeys.has(name)) {
      result.apiKeyRequired = true;
      continue;
    }
    const authorizer = security.authorizers.find((entry) => entry.name === name);
    if (!authorizer) throw operation.source.error(path, `${what}: security names ${name}, expected an API key scheme or one with ${AUTHORIZER}`);
    if (result.authorizerId !== undefined) continue;
    result.authorizationType = authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
    result.authorizerId = name;
    if (authorizer.type === 'COGNITO_USER_POOLS' && Array.isArray(scopes) && scopes.length > 0) result.authorizationScopes = scopes as string[];
  }
  return result;
}
