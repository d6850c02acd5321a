/** REST-2, REST-11, REST-12: a REST API's answer to each integration outcome, for Lambda proxy and Lambda custom methods. */

import { proxyResultV1ToResponse } from '../http/index.ts';
import type { IntegrationOutcome } from '../integrations/contract.ts';
import type { GatewayResponse } from '../internal/edge/values.ts';
import { stringifyJson } from '../internal/json.ts';
import type { RestMethodModel } from '../model/types.ts';
import { type MappingSources, mapResponseParameters, selectIntegrationResponse } from './custom-integration.ts';
import { defaultGatewayResponse, type GatewayError } from './gateway-responses.ts';
import { REST_ERRORS } from './responses.ts';

/** Answers a gateway error: the API's gateway responses (REST-31), by default their defaults (REST-30). */
export type ErrorAnswer = (error: GatewayError) => GatewayResponse;

/** REST-2: a timeout is 504; Lambda refusing the invocation (throttled, an event it cannot parse) 500; a function error or a malformed result 502. */
export function restProxyAnswer(outcome: IntegrationOutcome, acceptsBinary: boolean, error: ErrorAnswer = defaultGatewayResponse): GatewayResponse {
  switch (outcome.kind) {
    case 'timed-out':
      return error(REST_ERRORS.timeout);
    case 'refused':
      return error(REST_ERRORS.internalError);
    case 'failed':
      return error(REST_ERRORS.badGateway);
    case 'answered':
      return proxyResultV1ToResponse(outcome.payload, acceptsBinary) ?? error(REST_ERRORS.badGateway);
  }
}

/** REST-11, REST-12: a result or a function error selects an integration response; a timeout and a refusal answer as proxies do. */
export function restCustomAnswer(
  method: RestMethodModel,
  outcome: IntegrationOutcome,
  sources: Omit<MappingSources, 'body'>,
  error: ErrorAnswer = defaultGatewayResponse,
): GatewayResponse {
  if (outcome.kind === 'timed-out') return error(REST_ERRORS.timeout);
  if (outcome.kind === 'refused') return error(REST_ERRORS.internalError);
  const { response: selected, body } = selectIntegrationResponse(
    method,
    outcome.kind === 'answered' ? { ok: true, payload: outcome.payload } : { ok: false, error: outcome.error },
  );
  const headers = mapResponseParameters(selected.responseParameters, { ...sources, body });
  // REST-12: without a response template the integration's JSON is the body.
  return {
    statusCode: Number(selected.statusCode),
    headers: [['content-type', 'application/json'], ...headers],
    body: Buffer.from(stringifyJson(body)),
  };
}
