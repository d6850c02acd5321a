/**
 * AUTH-7, AUTH-40: whether a request to an `AWS_IAM` route is SigV4-signed for `execute-api`, in its headers or its
 * query string; with the gateway's `credentials`, whether the signature verifies with one of them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../internal/clock.ts';
import { MESSAGES, parseAuthorization, parsePresignedQuery, verifyPresigned, verifySignature } from '../internal/sigv4.ts';

/** What the check reads of a request. */
export interface SignedRequest {
  method: string;
  /** Path and query as sent (`/dev/todos?x=1`). */
  rawTarget: string;
  rawQuery: string;
  /** Lower-case names, as node:http presents them. */
  headers: IncomingHttpHeaders;
  /** The body as read; an upgrade has none. */
  body: Buffer;
}

export interface SignatureCheckOptions {
  /** The gateway's `credentials`: when set, a signature must verify with one of them; otherwise a well-formed one passes. */
  credentials: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }> | undefined;
  region: string;
  clock: Clock;
}

/** `missing`: no SigV4 signature at all; `invalid`: one that does not verify, with AWS's message for why. */
export type SignatureVerdict = { kind: 'signed'; accessKeyId: string } | { kind: 'missing' } | { kind: 'invalid'; message: string };

export type SignatureCheck = (request: SignedRequest) => Promise<SignatureVerdict>;

const MISSING: SignatureVerdict = { kind: 'missing' };

export function signatureCheck(options: SignatureCheckOptions): SignatureCheck {
  const secrets = options.credentials && new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const { region, clock } = options;
  return async (request) => {
    const header = request.headers.authorization;
    const signed = typeof header === 'string' ? parseAuthorization(header) : undefined;
    const presigned = signed ? undefined : parsePresignedQuery(request.rawQuery);
    const accessKeyId = signed?.accessKeyId ?? presigned?.accessKeyId;
    if (accessKeyId === undefined) return MISSING;
    // The local choice of AUTH-7 and AUTH-40 (as CONN-4 without credentials): a well-formed signature is enough.
    if (!secrets) return { kind: 'signed', accessKeyId };
    const secretAccessKey = secrets.get(accessKeyId);
    if (secretAccessKey === undefined) return { kind: 'invalid', message: MESSAGES.unknownKey };
    const common = {
      secretAccessKey,
      expectedRegion: region,
      method: request.method,
      rawPath: request.rawTarget,
      headers: request.headers,
      nowMs: clock.now(),
    };
    const verdict = signed
      ? await verifySignature({ ...common, authorization: signed, body: request.body })
      : await verifyPresigned({ ...common, presigned: presigned as NonNullable<typeof presigned> });
    return verdict.ok ? { kind: 'signed', accessKeyId } : { kind: 'invalid', message: verdict.message };
  };
}

/** Node's view of raw headers: lower-case names, repeated values joined with `, ` (as SigV4 canonicalises them, trimmed). */
export function nodeHeadersOf(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/**
 * AUTH-40, REST-49: the signed caller in `requestContext.identity`. UNVERIFIED: the gateway knows access keys only, so
 * the caller and user ids are the key and `userArn` names an IAM user of that name.
 */
export function iamIdentity(accessKey: string, accountId: string) {
  return { accessKey, accountId, caller: accessKey, user: accessKey, userArn: `arn:aws:iam::${accountId}:user/${accessKey}` };
}
