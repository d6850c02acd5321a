/** SigV4 signing with the AWS SDK's own signer, loaded on first use: most gateways never sign or verify anything. */
import type { SignatureV4 } from '@smithy/signature-v4';

let modules: Promise<[typeof import('@smithy/signature-v4'), typeof import('@aws-crypto/sha256-js')]> | undefined;

export async function createSigner(options: {
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  service: string;
}): Promise<SignatureV4> {
  modules ??= Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
  const [{ SignatureV4: Signer }, { Sha256 }] = await modules;
  return new Signer({ ...options, sha256: Sha256, uriEscapePath: true });
}
