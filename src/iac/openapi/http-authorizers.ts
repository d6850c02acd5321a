/** HTTP API authorizers from security schemes carrying `x-amazon-apigateway-authorizer` (type `jwt` or `request`). */
import type { HttpAuthorizerModel } from '../../model/types.ts';
import { type DocumentReader, securitySchemes } from './document.ts';

export const AUTHORIZER = 'x-amazon-apigateway-authorizer';

export function httpAuthorizers(document: DocumentReader): HttpAuthorizerModel[] {
  const schemes = securitySchemes(document);
  if (!schemes) return [];
  return Object.keys(schemes.node).flatMap((name) => {
    const authorizer = (schemes.object(name) as DocumentReader).object(AUTHORIZER);
    return authorizer ? [httpAuthorizer(name, authorizer)] : [];
  });
}

// identitySource is one comma-separated string in the extension, a list in the model.
const sourcesOf = (authorizer: DocumentReader) =>
  (authorizer.string('identitySource') ?? '')
    .split(',')
    .map((source) => source.trim())
    .filter((source) => source !== '');

function httpAuthorizer(name: string, authorizer: DocumentReader): HttpAuthorizerModel {
  const type = authorizer.requiredString('type').toLowerCase();
  if (type === 'jwt') {
    const jwt = authorizer.object('jwtConfiguration');
    if (!jwt) throw authorizer.source.error(authorizer.path, `${AUTHORIZER}: type jwt needs jwtConfiguration (issuer, audience)`);
    const sources = sourcesOf(authorizer);
    return {
      name,
      authorizerType: 'JWT',
      identitySource: sources.length > 0 ? sources : ['$request.header.Authorization'],
      jwtConfiguration: { issuer: jwt.requiredString('issuer'), audience: jwt.stringList('audience') ?? [] },
    };
  }
  if (type !== 'request') throw authorizer.fail('type', 'jwt or request (an HTTP API authorizer)');
  const version = authorizer.string('authorizerPayloadFormatVersion') ?? '2.0';
  if (version !== '1.0' && version !== '2.0') throw authorizer.fail('authorizerPayloadFormatVersion', '1.0 or 2.0');
  return {
    name,
    authorizerType: 'REQUEST',
    function: authorizer.source.functionOf(authorizer.node.authorizerUri, authorizer.at('authorizerUri'), `${AUTHORIZER} ${name}: authorizerUri`),
    authorizerPayloadFormatVersion: version,
    enableSimpleResponses: authorizer.boolean('enableSimpleResponses') ?? false,
    identitySource: sourcesOf(authorizer),
    authorizerResultTtlInSeconds: authorizer.number('authorizerResultTtlInSeconds') ?? 0,
  };
}
