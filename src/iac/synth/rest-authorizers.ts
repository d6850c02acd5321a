/** A REST API's AWS::ApiGateway::Authorizer resources: Lambda TOKEN and REQUEST authorizers, and Cognito user pools. */
import { LOCAL_ISSUER } from '../../auth/local-issuer/marker.ts';
import type { RestAuthorizerModel, RestCognitoAuthorizerModel } from '../../model/types.ts';
import { ids } from './context.ts';
import { restIds } from './rest-ids.ts';
import { lambdaInvocationUri } from './rest-integration.ts';
import type { RestApiWriter } from './rest-writer.ts';
import { type CfnValue, ref } from './template.ts';

/**
 * REST-46: the local issuer exists only beside the local gateway, so a deployed API needs a real user pool: the
 * template asks the deployer for its ARN (`--parameter <Id>=arn:aws:cognito-idp:…:userpool/…`).
 */
function providerArnsOf(writer: RestApiWriter, authorizer: RestCognitoAuthorizerModel): CfnValue[] {
  return authorizer.providerARNs.map((arn) => {
    if (arn !== LOCAL_ISSUER) return arn;
    const parameter = restIds.userPoolArnParameter(writer.api.name, authorizer.name);
    writer.context.builder.parameter(parameter, {
      Type: 'String',
      Description: `The Cognito user pool ARN the authorizer "${authorizer.name}" of API "${writer.api.name}" trusts (locally the gateway's own issuer)`,
    });
    return ref(parameter);
  });
}

function authorizerProperties(writer: RestApiWriter, authorizer: RestAuthorizerModel): Record<string, CfnValue> {
  const common = { RestApiId: ref(ids.api(writer.api.name)), Name: authorizer.name, Type: authorizer.type };
  // CloudFormation takes the identity sources as one comma-separated string.
  const identitySource: Record<string, CfnValue> = authorizer.identitySource.length > 0 ? { IdentitySource: authorizer.identitySource.join(',') } : {};
  const validation: Record<string, CfnValue> =
    authorizer.identityValidationExpression !== undefined ? { IdentityValidationExpression: authorizer.identityValidationExpression } : {};
  if (authorizer.type === 'COGNITO_USER_POOLS') return { ...common, ProviderARNs: providerArnsOf(writer, authorizer), ...identitySource, ...validation };
  return {
    ...common,
    AuthorizerUri: lambdaInvocationUri(authorizer.function),
    ...identitySource,
    ...validation,
    AuthorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds,
  };
}

/** REST-40, REST-46. The permission for API Gateway to invoke a Lambda authorizer comes with the function's resources. */
export function addAuthorizers(writer: RestApiWriter): void {
  for (const authorizer of writer.api.authorizers ?? []) {
    writer.add(
      restIds.authorizer(writer.api.name, authorizer.name),
      { Type: 'AWS::ApiGateway::Authorizer', Properties: authorizerProperties(writer, authorizer) },
      `api "${writer.api.name}" authorizer "${authorizer.name}"`,
    );
  }
}
