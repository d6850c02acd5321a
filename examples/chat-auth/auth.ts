/**
 * The `$connect` authorizer: a Lambda REQUEST authorizer that reads `?token=` and allows the known tokens.
 * A fixed table keeps the example self-contained; a real one would verify a signed token or look it up.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, PolicyDocument } from 'aws-lambda';

/** token → principal id. */
const PRINCIPALS: Readonly<Record<string, string>> = { 'alice-token': 'alice', 'bob-token': 'bob' };

function policy(effect: 'Allow' | 'Deny', resource: string): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] };
}

export async function checkToken(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const token = event.queryStringParameters?.token ?? '';
  const principalId = Object.hasOwn(PRINCIPALS, token) ? PRINCIPALS[token] : undefined;
  // An unknown token is an explicit deny (403); a missing one never gets here (401, identity source).
  if (principalId === undefined) return { principalId: 'anonymous', policyDocument: policy('Deny', event.methodArn) };
  return { principalId, policyDocument: policy('Allow', event.methodArn) };
}
