/** AUTH-40: `AWS_IAM` on an HTTP API route: the request must be SigV4-signed for `execute-api`, in its headers or query string. */
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureCheckOptions, signatureCheck } from '../auth/index.ts';
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

/** Node's view of the headers: lower-case names, repeated values joined with `, ` (as SigV4 canonicalises them, trimmed). */
function headersOf(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/**
 * AUTH-40: the caller, for 2.0 events as `authorizer.iam` and for 1.0 events in `identity`. UNVERIFIED: the gateway
 * knows access keys only, so the caller and user ids are the key and `userArn` names an IAM user of that name.
 */
function callerOf(accessKey: string, accountId: string): AuthorizationVerdict {
  const userArn = `arn:aws:iam::${accountId}:user/${accessKey}`;
  return {
    kind: 'allow',
    authorizer: (payloadFormatVersion) =>
      payloadFormatVersion === '2.0'
        ? { iam: { accessKey, accountId, callerId: accessKey, cognitoIdentity: null, principalOrgId: null, userArn, userId: accessKey } }
        : undefined,
    identity: { accessKey, accountId, caller: accessKey, user: accessKey, userArn },
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
        headers: headersOf(facts.rawHeaders),
        body: facts.body ?? NO_BODY,
      });
      if (verdict.kind === 'missing') return MISSING;
      if (verdict.kind === 'invalid') return refusal(verdict.message);
      return callerOf(verdict.accessKeyId, options.accountId);
    },
  };
}
