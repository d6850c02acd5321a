/**
 * HTTP and HTTP_PROXY integrations: one request to a URL per call, within the integration timeout (GEN-11). The
 * answer is the backend's status, headers and body bytes; what the surface makes of them is its own business.
 */

import type { Clock } from '../internal/clock.ts';
import type { LambdaError } from '../lambda/invoker.ts';
import { HTTP_MAX_BODY_BYTES } from '../limits.ts';
import { type Integration, type IntegrationOutcome, TIMED_OUT } from './contract.ts';

export interface OutboundHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

/** The `answered` payload of an HTTP integration. */
export interface HttpBackendAnswer {
  statusCode: number;
  /** Lower-case names; repeated values joined with `, `; of several `set-cookie` headers, the last (see `setCookies`). */
  headers: Record<string, string>;
  /** Each `set-cookie` header apart, as they cannot be joined; absent when there is none. */
  setCookies?: string[];
  body: Buffer;
}

export interface HttpIntegrationOptions {
  type: 'HTTP' | 'HTTP_PROXY';
  timeoutMs: number;
  clock: Clock;
  /** A larger response fails the call. @default 10 MB, API Gateway's integration payload limit */
  maxResponseBytes?: number;
}

const failure = (errorMessage: string): IntegrationOutcome => ({
  kind: 'failed',
  error: { errorType: 'HttpIntegrationError', errorMessage, trace: [] } satisfies LambdaError,
});

/** Why a fetch failed, as the socket error said it (ECONNREFUSED, ENOTFOUND…) when there is one. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.message ?? (error as Error)?.message ?? String(error);
}

async function readCapped(response: Response, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > max) return undefined;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function httpIntegration(options: HttpIntegrationOptions): Integration {
  const { timeoutMs, clock } = options;
  const maxBytes = options.maxResponseBytes ?? HTTP_MAX_BODY_BYTES;
  return {
    type: options.type,
    call: (input) => {
      const request = input as OutboundHttpRequest;
      const abort = new AbortController();
      return new Promise<IntegrationOutcome>((resolve) => {
        const timer = clock.setTimer(timeoutMs, () => {
          abort.abort();
          resolve(TIMED_OUT);
        });
        const settle = (outcome: IntegrationOutcome) => {
          timer.cancel();
          resolve(outcome);
        };
        const send = async (): Promise<IntegrationOutcome> => {
          const response = await fetch(request.url, {
            method: request.method,
            headers: request.headers,
            body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
            signal: abort.signal,
            redirect: 'manual',
          });
          const body = await readCapped(response, maxBytes);
          if (body === undefined) return failure(`the response of ${request.method} ${request.url} is larger than ${maxBytes} bytes`);
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            headers[name] = value;
          });
          const setCookies = response.headers.getSetCookie();
          const answer: HttpBackendAnswer = { statusCode: response.status, headers, body, ...(setCookies.length > 0 ? { setCookies } : {}) };
          return { kind: 'answered', payload: answer };
        };
        send().then(settle, (error: unknown) => {
          if (!abort.signal.aborted) settle(failure(`${request.method} ${request.url} failed: ${reasonOf(error)}`));
        });
      });
    },
  };
}
