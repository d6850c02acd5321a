/** AWS::ApiGateway::Authorizer: Lambda TOKEN and REQUEST authorizers (through AuthorizerUri) and Cognito user pools. */
import type { RestAuthorizerModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import { type LocalIdentity, localText } from './references.ts';
import { partName, partsOf, REST_AUTHORIZER, readerOf } from './rest-parts.ts';

/** CloudFormation writes a REQUEST authorizer's sources in one string, separated by commas. */
const sourcesOf = (text: string): string[] =>
  text
    .split(',')
    .map((source) => source.trim())
    .filter((source) => source !== '');

export function restAuthorizersOf(context: MappingContext, identity: LocalIdentity, apiId: string): RestAuthorizerModel[] {
  return partsOf(context, REST_AUTHORIZER, apiId).map((id) => {
    const reader = readerOf(context, id);
    reader.ignore(REST_AUTHORIZER, ['AuthorizerCredentials', 'AuthType'], 'not applied locally');
    const name = partName(context, id);
    const type = reader.requiredString('Type');
    const validation = reader.string('IdentityValidationExpression');
    if (type === 'COGNITO_USER_POOLS') {
      const arns = (reader.list('ProviderARNs') ?? []).map((arn, index) => localText(context, identity, arn, reader.at('ProviderARNs').concat(index)));
      if (arns.length === 0) throw context.error(reader.path, `${id}: ProviderARNs is required with Type COGNITO_USER_POOLS`);
      return {
        name,
        type,
        providerARNs: arns,
        identitySource: sourcesOf(reader.requiredString('IdentitySource')),
        ...(validation ? { identityValidationExpression: validation } : {}),
      };
    }
    if (type !== 'TOKEN' && type !== 'REQUEST') throw reader.fail('Type', 'TOKEN, REQUEST or COGNITO_USER_POOLS');
    if (!reader.has('AuthorizerUri')) throw context.error(reader.path, `${id}: AuthorizerUri is required with Type ${type}`);
    return {
      name,
      type,
      function: invokedFunction(context, reader.properties.AuthorizerUri, reader.at('AuthorizerUri'), `${id}: AuthorizerUri`),
      identitySource: sourcesOf(reader.string('IdentitySource') ?? (type === 'TOKEN' ? 'method.request.header.Authorization' : '')),
      ...(validation && type === 'TOKEN' ? { identityValidationExpression: validation } : {}),
      authorizerResultTtlInSeconds: reader.number('AuthorizerResultTtlInSeconds') ?? 300,
    };
  });
}
