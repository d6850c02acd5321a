/** AUTH-7: `AWS_IAM` on `$connect`: the upgrade must be SigV4-signed for `execute-api`, in its headers or its query string. */
import type { Clock } from '../internal/clock.ts';
import { MESSAGES, parseAuthorization, parsePresignedQuery, verifyPresigned, verifySignature } from '../internal/sigv4.ts';
import type { WebSocketRouteModel } from '../model/types.ts';
import type { IamIdentity } from './events.ts';
import type { UpgradeFacts } from './upgrade.ts';

export type IamAuthorization = { kind: 'allow'; identity: IamIdentity } | { kind: 'refuse'; status: 403; body: string };

export type IamGate = (upgrade: UpgradeFacts, rawQuery: string) => Promise<IamAuthorization>;

export interface IamGateOptions {
  /** The gateway's `credentials`: when set, a signature must verify with one of them; otherwise a well-formed one passes. */
  credentials: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }> | undefined;
  region: string;
  accountId: string;
  clock: Clock;
}

/** UNVERIFIED: the body for an unsigned upgrade; REST's answer to an unsigned request on an AWS_IAM method. */
export const MISSING_SIGNATURE_BODY = '{"message":"Missing Authentication Token"}';

const MISSING: IamAuthorization = { kind: 'refuse', status: 403, body: MISSING_SIGNATURE_BODY };

function refusal(message: string): IamAuthorization {
  return { kind: 'refuse', status: 403, body: JSON.stringify({ message }) };
}

/**
 * The caller as events show it. UNVERIFIED: the gateway knows access keys only, so `caller` and `user` are the key
 * and `userArn` names an IAM user of that name in the gateway's account.
 */
function identityOf(accessKey: string, accountId: string): IamIdentity {
  return { accessKey, accountId, caller: accessKey, user: accessKey, userArn: `arn:aws:iam::${accountId}:user/${accessKey}` };
}

/** `undefined` unless `$connect` is `AWS_IAM`: other APIs pay nothing per upgrade. */
export function iamGate(connectRoute: WebSocketRouteModel | undefined, options: IamGateOptions): IamGate | undefined {
  if (connectRoute?.authorizationType !== 'AWS_IAM') return undefined;
  const secrets = options.credentials && new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const { region, accountId, clock } = options;
  return async (upgrade, rawQuery) => {
    const header = upgrade.headers.authorization;
    const signed = typeof header === 'string' ? parseAuthorization(header) : undefined;
    const presigned = signed ? undefined : parsePresignedQuery(rawQuery);
    const accessKeyId = signed?.accessKeyId ?? presigned?.accessKeyId;
    if (accessKeyId === undefined) return MISSING;
    // The local choice of AUTH-7 (as CONN-4 without credentials): a well-formed signature is enough.
    if (!secrets) return { kind: 'allow', identity: identityOf(accessKeyId, accountId) };
    const secretAccessKey = secrets.get(accessKeyId);
    if (secretAccessKey === undefined) return refusal(MESSAGES.unknownKey);
    const common = {
      secretAccessKey,
      expectedRegion: region,
      method: upgrade.method ?? 'GET',
      rawPath: upgrade.url,
      headers: upgrade.headers,
      nowMs: clock.now(),
    };
    const verdict = signed
      ? await verifySignature({ ...common, authorization: signed, body: Buffer.alloc(0) })
      : await verifyPresigned({ ...common, presigned: presigned as NonNullable<typeof presigned> });
    return verdict.ok ? { kind: 'allow', identity: identityOf(accessKeyId, accountId) } : refusal(verdict.message);
  };
}
