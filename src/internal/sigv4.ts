/**
 * CONN-4: SigV4 on @connections requests (and on the Lambda Invoke API, service `lambda`): a cheap well-formedness
 * check, and full verification when credentials are configured.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createSigner } from './signer.ts';

export const SIGNING_SERVICE = 'execute-api';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** `undefined` when the header is missing or is not a SigV4 Authorization header. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const match = AUTHORIZATION.exec(header);
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}

/** AWS accepts signatures up to 15 minutes from its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export type VerifyResult = { ok: true } | { ok: false; message: string };

export const MESSAGES = {
  unknownKey: 'The security token included in the request is invalid.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expired: 'Signature expired: the request time is too far from the server time.',
  wrongScope: 'Credential should be scoped to a valid region and to the execute-api service.',
} as const;

/** The wrong-scope message for another signing service than execute-api. */
export function wrongScopeMessage(service: string): string {
  return service === SIGNING_SERVICE ? MESSAGES.wrongScope : `Credential should be scoped to a valid region and to the ${service} service.`;
}

function parseAmzDate(value: string | undefined): number | undefined {
  const match = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day as number, hour as number, minute as number, second as number);
}

/** Re-signs the request as received (method, raw path, the signed headers, body) and compares in constant time. */
export async function verifySignature(input: {
  authorization: ParsedAuthorization;
  secretAccessKey: string;
  expectedRegion: string;
  method: string;
  rawPath: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  nowMs: number;
  /** @default 'execute-api' */
  service?: string;
}): Promise<VerifyResult> {
  const { authorization } = input;
  const service = input.service ?? SIGNING_SERVICE;
  if (authorization.service !== service || authorization.region !== input.expectedRegion) return { ok: false, message: wrongScopeMessage(service) };
  const signedAt = parseAmzDate(input.headers['x-amz-date'] as string | undefined);
  if (signedAt === undefined || Math.abs(input.nowMs - signedAt) > MAX_SKEW_MS) return { ok: false, message: MESSAGES.expired };

  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) {
    const value = input.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The signer takes a sent payload hash as given, so a body that does not match it would otherwise verify.
  // UNVERIFIED: AWS's answer for such a request; a signature mismatch is what the request as received gets.
  const payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(input.body).digest('hex')) return { ok: false, message: MESSAGES.mismatch };
  const queryAt = input.rawPath.indexOf('?');
  const path = queryAt === -1 ? input.rawPath : input.rawPath.slice(0, queryAt);
  const query: Record<string, string> = {};
  if (queryAt !== -1) for (const [key, value] of new URLSearchParams(input.rawPath.slice(queryAt + 1))) query[key] = value;

  const signer = await createSigner({
    credentials: { accessKeyId: authorization.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: authorization.region,
    service,
  });
  const signed = await signer.sign(
    { method: input.method, protocol: 'https:', hostname: String(headers.host ?? ''), path, query, headers, body: input.body },
    { signingDate: new Date(signedAt), signableHeaders: new Set(authorization.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization ?? ''))?.[1] ?? '';
  const matches = expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(authorization.signature));
  return matches ? { ok: true } : { ok: false, message: MESSAGES.mismatch };
}

/** A presigned query string's signature, with the date and lifetime it carries. */
export interface ParsedPresignedQuery extends ParsedAuthorization {
  amzDate: string;
  /** Seconds from `amzDate`. */
  expiresSeconds: number;
}

const CREDENTIAL = /^([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;

/** `undefined` unless the query string (without `?`) carries every SigV4 presigned parameter, well formed. */
export function parsePresignedQuery(rawQuery: string): ParsedPresignedQuery | undefined {
  if (!rawQuery.includes('X-Amz-Signature=')) return undefined;
  const params = new URLSearchParams(rawQuery);
  const credential = CREDENTIAL.exec(params.get('X-Amz-Credential') ?? '');
  const signedHeaders = params.get('X-Amz-SignedHeaders') ?? '';
  const signature = params.get('X-Amz-Signature') ?? '';
  const amzDate = params.get('X-Amz-Date') ?? '';
  const expires = params.get('X-Amz-Expires');
  if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !credential || parseAmzDate(amzDate) === undefined) return undefined;
  if (!/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(signedHeaders) || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  // UNVERIFIED: AWS's default when X-Amz-Expires is absent; the SDK's presigners always send it.
  const expiresSeconds = expires === null ? 900 : /^\d{1,6}$/.test(expires) ? Number(expires) : Number.NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_PRESIGNED_SECONDS)) return undefined;
  const [, accessKeyId, date, region, service] = credential as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    expiresSeconds,
  };
}

/** SigV4's limit on a presigned URL's lifetime: one week. */
const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;

export const PRESIGNED_EXPIRED = 'Request has expired';

/** Re-presigns the request as received (its query without the signature, the signed headers) and compares in constant time. */
export async function verifyPresigned(input: {
  presigned: ParsedPresignedQuery;
  secretAccessKey: string;
  expectedRegion: string;
  method: string;
  rawPath: string;
  headers: IncomingHttpHeaders;
  nowMs: number;
  /** @default 'execute-api' */
  service?: string;
}): Promise<VerifyResult> {
  const { presigned } = input;
  const service = input.service ?? SIGNING_SERVICE;
  if (presigned.service !== service || presigned.region !== input.expectedRegion) return { ok: false, message: wrongScopeMessage(service) };
  const signedAt = parseAmzDate(presigned.amzDate) as number;
  // UNVERIFIED: AWS's message for a presigned URL signed in the future.
  if (input.nowMs + MAX_SKEW_MS < signedAt) return { ok: false, message: MESSAGES.expired };
  if (input.nowMs > signedAt + presigned.expiresSeconds * 1000) return { ok: false, message: PRESIGNED_EXPIRED };

  const headers: Record<string, string> = {};
  for (const name of presigned.signedHeaders) {
    const value = input.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryAt = input.rawPath.indexOf('?');
  const path = queryAt === -1 ? input.rawPath : input.rawPath.slice(0, queryAt);
  const query: Record<string, string> = {};
  // The presigner sets the algorithm, credential, date, expiry and signed headers again from its inputs.
  for (const [key, value] of new URLSearchParams(queryAt === -1 ? '' : input.rawPath.slice(queryAt + 1))) if (key !== 'X-Amz-Signature') query[key] = value;

  const signer = await createSigner({
    credentials: { accessKeyId: presigned.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: presigned.region,
    service,
  });
  const signed = await signer.presign(
    { method: input.method, protocol: 'https:', hostname: String(headers.host ?? ''), path, query, headers },
    { signingDate: new Date(signedAt), expiresIn: presigned.expiresSeconds, signableHeaders: new Set(presigned.signedHeaders) },
  );
  const expected = String(signed.query?.['X-Amz-Signature'] ?? '');
  const matches = expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(presigned.signature));
  return matches ? { ok: true } : { ok: false, message: MESSAGES.mismatch };
}
