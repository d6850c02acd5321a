/**
 * The local issuer's token endpoint, `POST {issuer}/token`: an OAuth 2.0 password grant (RFC 6749 §4.3) that signs a
 * token for ANY user named, with the scopes and audience asked for. It stands in for Cognito's or Auth0's sign-in
 * during development, so a browser on one of the service's sites can get a token (CORS for those origins only);
 * it checks no password and must never face the internet.
 */
import type { Clock } from '../../internal/clock.ts';
import type { EdgeRequest, GatewayResponse } from '../../internal/edge/values.ts';
import { mintToken } from './mint.ts';
import type { SigningKey } from './signing-key.ts';

/** How long a token from the endpoint is valid, as `hoplite token` signs by default. */
export const TOKEN_EXPIRES_IN_SECONDS = 3600;
/** A sign-in form is a few hundred bytes; anything far larger is no token request. */
const MAX_TOKEN_REQUEST_BYTES = 16 * 1024;
const FORM = 'application/x-www-form-urlencoded';
/** The grant a sign-in form with a user name uses (RFC 6749 §4.3.2); the password is not checked. */
export const PASSWORD_GRANT = 'password';

export interface TokenEndpointOptions {
  /** The issuer URL, the tokens' `iss`. */
  issuer(): string;
  key: SigningKey;
  /** The `aud` when the request names no `audience`: the first audience of an authorizer trusting the issuer. */
  defaultAudience: string | undefined;
  /** `Origin`s allowed to read the answers (the service's sites, by every name the gateway answers for). */
  allowedOrigins: ReadonlySet<string>;
  /**
   * Whether a peer address may get tokens: this machine's by default, as for the Invoke API whose port the endpoint
   * shares; every peer with `allowRemoteManagement`. A token request needs no signature, so credentials open nothing.
   */
  isTrustedClient(address: string): boolean;
  clock: Clock;
}

/** Our wording: RFC 6749 has no token endpoint error for a refused client. */
export const REMOTE_TOKEN_REFUSED =
  'the local issuer signs tokens for clients on this machine only; allowRemoteManagement (--allow-remote) lets other machines in';

type Headers = Array<[string, string]>;

/** The request's `Origin` when it is one of the allowed sites. */
function allowedOrigin(request: EdgeRequest, options: TokenEndpointOptions): string | undefined {
  const origin = request.headers.origin;
  return origin !== undefined && options.allowedOrigins.has(origin.toLowerCase()) ? origin : undefined;
}

/** CORS headers for an allowed `Origin`, none for another; `vary` either way, as the answer depends on it. */
function corsHeaders(request: EdgeRequest, options: TokenEndpointOptions): Headers {
  const origin = allowedOrigin(request, options);
  return origin === undefined
    ? [['vary', 'origin']]
    : [
        ['access-control-allow-origin', origin],
        ['vary', 'origin'],
      ];
}

/** RFC 6749 §5.1 and §5.2: JSON, never cached. */
function tokenAnswer(statusCode: number, cors: Headers, value: Record<string, unknown>): GatewayResponse {
  const headers: Headers = [['content-type', 'application/json'], ['cache-control', 'no-store'], ['pragma', 'no-cache'], ...cors];
  return { statusCode, headers, body: Buffer.from(JSON.stringify(value)) };
}

function tokenError(cors: Headers, error: string, description: string): GatewayResponse {
  return tokenAnswer(400, cors, { error, error_description: description });
}

/** The preflight of a JSON or otherwise non-simple request from an allowed site. */
function preflight(request: EdgeRequest, options: TokenEndpointOptions): GatewayResponse {
  const cors = corsHeaders(request, options);
  const headers: Headers = allowedOrigin(request, options)
    ? [...cors, ['access-control-allow-methods', 'POST'], ['access-control-allow-headers', 'content-type'], ['access-control-max-age', '600']]
    : cors;
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** The parameters of a form body; `undefined` when the body is not a form. */
function formParameters(request: EdgeRequest, body: Buffer | undefined): URLSearchParams | undefined {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM) return undefined;
  return new URLSearchParams(body?.toString('utf8') ?? '');
}

async function signIn(request: EdgeRequest, options: TokenEndpointOptions): Promise<GatewayResponse | undefined> {
  const cors = corsHeaders(request, options);
  if (!options.isTrustedClient(request.remoteAddress)) return tokenAnswer(403, cors, { error: 'access_denied', error_description: REMOTE_TOKEN_REFUSED });
  const read = await request.body.read(MAX_TOKEN_REQUEST_BYTES);
  if (read.kind === 'aborted') return undefined;
  if (read.kind === 'too-large') return tokenError(cors, 'invalid_request', `the token request is over ${MAX_TOKEN_REQUEST_BYTES} bytes`);
  const parameters = formParameters(request, read.body);
  if (!parameters) return tokenError(cors, 'invalid_request', `the token request must be ${FORM}`);
  const grantType = parameters.get('grant_type');
  if (grantType === null) return tokenError(cors, 'invalid_request', 'grant_type is missing: send grant_type=password');
  if (grantType !== PASSWORD_GRANT) return tokenError(cors, 'unsupported_grant_type', `the local issuer grants "${PASSWORD_GRANT}" only`);
  const username = parameters.get('username')?.trim() ?? '';
  if (username === '') return tokenError(cors, 'invalid_request', 'username is missing: it becomes the sub claim');
  // Auth0's parameter for the API a token is for; without it, the audience `hoplite token` uses too.
  const audience = parameters.get('audience') || options.defaultAudience;
  const scope = parameters.get('scope')?.trim().split(/\s+/).filter(Boolean).join(' ') || undefined;
  const token = await mintToken(options.key, {
    issuer: options.issuer(),
    subject: username,
    audience,
    scope,
    expiresInSeconds: TOKEN_EXPIRES_IN_SECONDS,
    nowMs: options.clock.now(),
  });
  return tokenAnswer(200, cors, {
    access_token: token,
    token_type: 'Bearer',
    expires_in: TOKEN_EXPIRES_IN_SECONDS,
    ...(scope !== undefined ? { scope } : {}),
  });
}

/** Answers a request for `{issuer}/token`. */
export function answerTokenRequest(request: EdgeRequest, options: TokenEndpointOptions): GatewayResponse | Promise<GatewayResponse | undefined> {
  if (request.method === 'POST') return signIn(request, options);
  if (request.method === 'OPTIONS') return preflight(request, options);
  return {
    statusCode: 405,
    headers: [['content-type', 'application/json'], ['allow', 'POST, OPTIONS'], ...corsHeaders(request, options)],
    body: Buffer.from('{"error":"invalid_request","error_description":"the token endpoint takes POST"}'),
  };
}
