/** AUTH-7: `AWS_IAM` on `$connect`: the upgrade must be SigV4-signed for `execute-api`, in its headers or its query string. */
import { type SignatureCheckOptions, signatureCheck } from '../auth/index.ts';
import type { WebSocketRouteModel } from '../model/types.ts';
import type { IamIdentity } from './events.ts';
import type { UpgradeFacts } from './upgrade.ts';

export type IamAuthorization = { kind: 'allow'; identity: IamIdentity } | { kind: 'refuse'; status: 403; body: string };

export type IamGate = (upgrade: UpgradeFacts, rawQuery: string) => Promise<IamAuthorization>;

export interface IamGateOptions extends SignatureCheckOptions {
  accountId: string;
}

/** UNVERIFIED: the body for an unsigned upgrade; REST's answer to an unsigned request on an AWS_IAM method. */
export const MISSING_SIGNATURE_BODY = '{"message":"Missing Authentication Token"}';

const MISSING: IamAuthorization = { kind: 'refuse', status: 403, body: MISSING_SIGNATURE_BODY };
const NO_BODY = Buffer.alloc(0);

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
  const check = signatureCheck(options);
  return async (upgrade, rawQuery) => {
    const verdict = await check({ method: upgrade.method ?? 'GET', rawTarget: upgrade.url, rawQuery, headers: upgrade.headers, body: NO_BODY });
    if (verdict.kind === 'missing') return MISSING;
    if (verdict.kind === 'invalid') return { kind: 'refuse', status: 403, body: JSON.stringify({ message: verdict.message }) };
    return { kind: 'allow', identity: identityOf(verdict.accessKeyId, options.accountId) };
  };
}
