/** Requests to `execute-api` signed as the AWS SDK v3 signs them (SigV4), sent with node's fetch. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

function signer(credentials = CREDENTIALS): SignatureV4 {
  return new SignatureV4({ credentials, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
}

export interface Sent {
  method?: string;
  body?: string;
  credentials?: typeof CREDENTIALS;
  /** Sent instead of the signed body. */
  tamperedBody?: string;
}

/** Signs as the SDK does (Authorization, X-Amz-Date; the body's hash) and sends the request with fetch. */
export async function signedFetch(url: string, sent: Sent = {}): Promise<Response> {
  const { host, pathname, searchParams } = new URL(url);
  const method = sent.method ?? 'GET';
  const headers: Record<string, string> = { host, ...(sent.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const signed = await signer(sent.credentials).sign({
    method,
    protocol: 'http:',
    hostname: host,
    path: pathname,
    query: Object.fromEntries(searchParams),
    headers,
    ...(sent.body === undefined ? {} : { body: sent.body }),
  });
  const { host: _host, ...signedHeaders } = signed.headers;
  return fetch(url, { method, headers: signedHeaders, ...(sent.body === undefined ? {} : { body: sent.tamperedBody ?? sent.body }) });
}

/** The URL with a presigned GET query string (`X-Amz-Signature=…`), valid for five minutes. */
export async function presignedUrl(url: string): Promise<string> {
  const parsed = new URL(url);
  const signed = await signer().presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: parsed.host,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { host: parsed.host },
    },
    { expiresIn: 300 },
  );
  return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(signed.query as Record<string, string>)}`;
}
