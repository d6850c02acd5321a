/** AUTH-40: `AWS_IAM` on an HTTP API route: the request must be SigV4-signed for `execute-api`, in its headers or query string. */
import { iamIdentity, nodeHeadersOf, type SignatureCheckOptions, signatureCheck } from '../auth/index.ts';
import type { AuthorizationVerdict, RouteAuthorization } from './authorization.ts';
import { GATEWAY_RESPONSES } from './responses.ts';

export interface IamAuthorizationOptions extends SignatureCheckOptions {
  accountId: string;
}

const NO_BODY = Buffer.alloc(0);
// UNVERIFIED: an unsigned request gets HTTP APIs' 403 body; AWS answers `{"message":"Forbidden"}` to a signed caller
// without execute-api:Invoke (https://github.com/aws/aws-cdk/issues/21182), REST `Missing Authentication Token`.
const MISSING: AuthorizationVerdict = { kind: 'deny', response: GATEWAY_RESPONSES.forbidden() };

function refusal(message: string): AuthorizationVerdict {
  return { kind: 'deny', response: { statusCode: 403, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ message })) } };
}

/** AUTH-40: the caller, for 2.0 events as `authorizer.iam` and for 1.0 events in `identity` (`iamIdentity`'s UNVERIFIED ids). */
function callerOf(accessKey: string, accountId: string): AuthorizationVerdict {
  const identity = iamIdentity(accessKey, accountId);
  const { userArn } = identity;
  return {
    kind: 'allow',
    authorizer: (payloadFormatVersion) =>
      payloadFormatVersion === '2.0'
        ? { iam: { accessKey, accountId, callerId: accessKey, cognitoIdentity: null, principalOrgId: null, userArn, userId: accessKey } }
        : undefined,
    identity,
  };
}

export function iamAuthorization(options: IamAuthorizationOptions): RouteAuthorization {
  const check = signatureCheck(options);
  return {
    async authorize({ facts }) {
      const rawTarget = facts.rawQuery === '' ? facts.rawPath : `${facts.rawPath}?${facts.rawQuery}`;
      const verdict = await check({
        method: facts.method,
        rawTarget,
        rawQuery: facts.rawQuery,
        headers: nodeHeadersOf(facts.rawHeaders),
        body: facts.body ?? NO_BODY,
      });
      if (verdict.kind === 'missing') return MISSING;
      if (verdict.kind === 'invalid') return refusal(verdict.message);
      return callerOf(verdict.accessKeyId, options.accountId);
    },
  };
}
