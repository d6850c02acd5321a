/**
 * REST-49: `AWS_IAM` on a REST method: the request must be SigV4-signed for `execute-api`, in its headers or its query
 * string (AUTH-40's check). Checked once the body is read, since a header signature covers the body's hash.
 */
import { iamIdentity, nodeHeadersOf, type SignatureCheckOptions, signatureCheck } from '../auth/index.ts';
import type { GatewayError } from './gateway-responses.ts';

export interface RestIamOptions extends SignatureCheckOptions {
  accountId: string;
}

export interface RestSignedRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  rawQuery: string;
  rawHeaders: readonly string[];
  body: Buffer | undefined;
}

export type RestIamVerdict = { kind: 'allow'; identity: ReturnType<typeof iamIdentity> } | { kind: 'deny'; error: GatewayError };

export type RestIamCheck = (request: RestSignedRequest) => Promise<RestIamVerdict>;

const NO_BODY = Buffer.alloc(0);
/** REST-49: an unsigned request is answered as an unknown resource is (AWS's troubleshooting guide). */
const UNSIGNED: RestIamVerdict = { kind: 'deny', error: { type: 'MISSING_AUTHENTICATION_TOKEN' } };

export function restIamCheck(options: RestIamOptions): RestIamCheck {
  const check = signatureCheck(options);
  return async (request) => {
    const verdict = await check({
      method: request.method,
      rawTarget: request.target,
      rawQuery: request.rawQuery,
      headers: nodeHeadersOf(request.rawHeaders),
      body: request.body ?? NO_BODY,
    });
    if (verdict.kind === 'missing') return UNSIGNED;
    // UNVERIFIED: the INVALID_SIGNATURE type for every refused signature (a wrong, expired or unknown key's).
    if (verdict.kind === 'invalid') return { kind: 'deny', error: { type: 'INVALID_SIGNATURE', message: verdict.message } };
    return { kind: 'allow', identity: iamIdentity(verdict.accessKeyId, options.accountId) };
  };
}
