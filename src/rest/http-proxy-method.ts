/**
 * REST-54 HTTP_PROXY: the request goes to the Uri as the client sent it (method, query string, headers, body; `{name}`
 * path parameters filled through Integration.RequestParameters), and the backend's status, headers and body come back.
 */
import { type HttpBackendAnswer, httpIntegration } from '../integrations/index.ts';
import type { Clock } from '../internal/clock.ts';
import type { RestMethodModel } from '../model/types.ts';
import { integrationRequestTarget } from './integration-request.ts';
import { REST_ERRORS } from './responses.ts';
import type { MappedMethod } from './templated-method.ts';

/** Hop-by-hop and framing headers the gateway sets itself on each leg (RFC 9110 §7.6.1), and the client's Host. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'te', 'trailer', 'proxy-connection']);

/** fetch has already decoded a compressed backend body, so its encoding no longer describes the bytes sent on. */
const NOT_RETURNED = new Set([...NOT_FORWARDED, 'content-encoding']);

export interface HttpProxySettings {
  clock: Clock;
  stageVariables: Readonly<Record<string, string>>;
  log: (message: string) => void;
}

export function compileHttpProxyMethod(method: RestMethodModel, settings: HttpProxySettings): MappedMethod {
  const http = httpIntegration({ type: 'HTTP_PROXY', timeoutMs: method.integrationTimeoutMs, clock: settings.clock });
  const target = integrationRequestTarget(method.integrationUri as string, method.integrationRequestParameters, settings.stageVariables);
  const verb = (method.integrationHttpMethod ?? 'ANY').toUpperCase();
  return {
    async respond(request, fail) {
      const source = { params: request.params, context: request.context };
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
        const name = (request.rawHeaders[i] as string).toLowerCase();
        if (NOT_FORWARDED.has(name)) continue;
        headers[name] = headers[name] === undefined ? (request.rawHeaders[i + 1] as string) : `${headers[name]}, ${request.rawHeaders[i + 1]}`;
      }
      Object.assign(headers, target.headers(source));
      const mapped = target.url(source);
      const url = request.rawQuery === '' ? mapped : `${mapped}${mapped.includes('?') ? '&' : '?'}${request.rawQuery}`;
      const outcome = await http.call({ method: verb === 'ANY' ? request.method : verb, url, headers, body: request.body });
      if (outcome.kind === 'timed-out') return fail(REST_ERRORS.timeout);
      if (outcome.kind !== 'answered') {
        settings.log(`request ${request.context.requestId}: HTTP_PROXY integration failed: ${'error' in outcome ? outcome.error.errorMessage : ''}`);
        return fail(REST_ERRORS.integrationFailure);
      }
      const answer = outcome.payload as HttpBackendAnswer;
      const back: Array<[string, string]> = Object.entries(answer.headers).filter(([name]) => !NOT_RETURNED.has(name));
      return { statusCode: answer.statusCode, headers: back, body: answer.body };
    },
  };
}
