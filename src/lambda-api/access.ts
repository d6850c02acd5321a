/** Who may call the Lambda Invoke API: SigV4 (service `lambda`) against configured credentials, else this machine only unless opened. */
import type { Clock } from '../internal/clock.ts';
import type { BodyResult, EdgeRequest } from '../internal/edge/values.ts';
import { MESSAGES, parseAuthorization, verifySignature } from '../internal/sigv4.ts';

export const LAMBDA_SIGNING_SERVICE = 'lambda';

export interface InvokeAccessOptions {
  region: string;
  clock: Clock;
  /** When set, every request must be signed by one of these. */
  credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
  /** Without credentials, clients this does not trust are refused unless `allowRemote`. @default every client */
  isTrustedClient?: (address: string) => boolean;
  allowRemote?: boolean;
  /** The body limit of the operation, for the read a verification needs. */
  maxBodyBytes: number;
}

export interface AccessRefusal {
  status: 403;
  type: string;
  message: string;
}

/** `refused`, or `allowed` with the body when verifying it had to read it. */
export type AccessVerdict = { kind: 'allowed'; read?: BodyResult } | { kind: 'refused'; refusal: AccessRefusal };

/** DIFF: Lambda has no notion of a local client; the message says how to let this one in. */
export const REMOTE_INVOKE_REFUSED =
  'The Lambda Invoke API takes requests from this machine only unless credentials are configured (then requests must be signed with them) or allowRemoteManagement (--allow-remote) is set';

const refused = (type: string, message: string): AccessVerdict => ({ kind: 'refused', refusal: { status: 403, type, message } });

export function createInvokeAccess(options: InvokeAccessOptions): (request: EdgeRequest) => Promise<AccessVerdict> {
  const secrets = options.credentials ? new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey])) : undefined;
  const isTrusted = options.isTrustedClient ?? (() => true);
  return async (request) => {
    if (!secrets) {
      if (options.allowRemote || isTrusted(request.remoteAddress)) return { kind: 'allowed' };
      return refused('AccessDeniedException', REMOTE_INVOKE_REFUSED);
    }
    const authorization = parseAuthorization(request.headers.authorization);
    // UNVERIFIED: Lambda's answer to an unsigned request.
    if (!authorization) return refused('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const secretAccessKey = secrets.get(authorization.accessKeyId);
    if (secretAccessKey === undefined) return refused('UnrecognizedClientException', MESSAGES.unknownKey);
    const read = await request.body.read(options.maxBodyBytes);
    // A body too large to verify is answered by the operation's own 413.
    if (read.kind !== 'ok') return { kind: 'allowed', read };
    const verdict = await verifySignature({
      authorization,
      secretAccessKey,
      expectedRegion: options.region,
      method: request.method,
      rawPath: request.target,
      headers: request.headers,
      body: read.body ?? Buffer.alloc(0),
      nowMs: options.clock.now(),
      service: LAMBDA_SIGNING_SERVICE,
    });
    return verdict.ok ? { kind: 'allowed', read } : refused('InvalidSignatureException', verdict.message);
  };
}
