/** An HTTP API's authorizers as AWS::ApiGatewayV2::Authorizer: JWT (AUTH-20) and Lambda REQUEST (AUTH-30). */
import { LOCAL_ISSUER } from '../../auth/local-issuer/marker.ts';
import type { HttpApiModel, HttpJwtAuthorizerModel, HttpLambdaAuthorizerModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { httpIds } from './http-ids.ts';
import { type CfnValue, ref, sub } from './template.ts';

export const V2_AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';

export function synthesizeHttpAuthorizers(context: SynthContext, api: HttpApiModel): void {
  for (const authorizer of api.authorizers ?? []) {
    const id = httpIds.authorizer(api.name, authorizer.name);
    const properties = authorizer.authorizerType === 'JWT' ? jwtProperties(context, api, authorizer) : lambdaProperties(authorizer);
    context.builder.resource(
      id,
      { Type: V2_AUTHORIZER, Properties: { ApiId: ref(ids.api(api.name)), Name: authorizer.name, ...properties } },
      `api "${api.name}" authorizer "${authorizer.name}"`,
    );
  }
}

function jwtProperties(context: SynthContext, api: HttpApiModel, authorizer: HttpJwtAuthorizerModel): Record<string, CfnValue> {
  return {
    AuthorizerType: 'JWT',
    IdentitySource: [...authorizer.identitySource],
    JwtConfiguration: { Issuer: issuerOf(context, api, authorizer), Audience: [...authorizer.jwtConfiguration.audience] },
  };
}

/**
 * The local issuer exists only beside a running gateway, so a template cannot name it: it gets a parameter without a
 * default, which `provision --parameter` fills with the issuer that signs the users' tokens in AWS.
 */
function issuerOf(context: SynthContext, api: HttpApiModel, authorizer: HttpJwtAuthorizerModel): CfnValue {
  const issuer = authorizer.jwtConfiguration.issuer;
  if (issuer !== LOCAL_ISSUER) return issuer;
  const parameter = httpIds.issuerParameter(api.name, authorizer.name);
  context.builder.parameter(parameter, {
    Type: 'String',
    Description:
      `The issuer URL (the tokens' iss) that the JWT authorizer "${authorizer.name}" of API "${api.name}" trusts, ` +
      `e.g. a Cognito user pool's https://cognito-idp.<region>.amazonaws.com/<userPoolId>; locally it is Hoplite's own issuer`,
  });
  return ref(parameter);
}

function lambdaProperties(authorizer: HttpLambdaAuthorizerModel): Record<string, CfnValue> {
  const version = authorizer.authorizerPayloadFormatVersion;
  return {
    AuthorizerType: 'REQUEST',
    // A Lambda authorizer is invoked through API Gateway's invocation URI of the function, not its bare ARN.
    AuthorizerUri: sub(
      `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${ids.function(authorizer.function)}.Arn}/invocations`,
    ),
    AuthorizerPayloadFormatVersion: version,
    // Simple responses exist only for payload format 2.0.
    ...(version === '2.0' ? { EnableSimpleResponses: authorizer.enableSimpleResponses } : {}),
    // AUTH-35: without identity sources nothing is cached, and AWS refuses a TTL above 0 ("Identity source must be set
    // if authorizer caching is enabled"), so such an authorizer ships with the TTL 0 it has in effect.
    AuthorizerResultTtlInSeconds: authorizer.identitySource.length > 0 ? authorizer.authorizerResultTtlInSeconds : 0,
    ...(authorizer.identitySource.length > 0 ? { IdentitySource: [...authorizer.identitySource] } : {}),
  };
}
