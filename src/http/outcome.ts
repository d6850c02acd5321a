/** HTTP-33: an HTTP API's answer to each integration outcome of a Lambda proxy route. */
import type { IntegrationOutcome } from '../integrations/contract.ts';
import type { HttpRouteModel } from '../model/types.ts';
import { proxyResultV1ToResponse } from './payload-v1.ts';
import { proxyResultV2ToResponse } from './payload-v2.ts';
import { GATEWAY_RESPONSES, type GatewayResponse } from './responses.ts';

/** HTTP-30, HTTP-31: the handler's result as a response; `undefined` when it did not answer or answered a malformed result. */
export function httpAnswerOrUndefined(route: Pick<HttpRouteModel, 'payloadFormatVersion'>, outcome: IntegrationOutcome): GatewayResponse | undefined {
  if (outcome.kind !== 'answered') return undefined;
  return route.payloadFormatVersion === '2.0' ? proxyResultV2ToResponse(outcome.payload) : proxyResultV1ToResponse(outcome.payload);
}

/** A timed-out integration is 503; a refused or failed invocation, or a malformed result, 500. */
export function httpAnswer(route: Pick<HttpRouteModel, 'payloadFormatVersion'>, outcome: IntegrationOutcome): GatewayResponse {
  if (outcome.kind === 'timed-out') return GATEWAY_RESPONSES.unavailable();
  if (outcome.kind !== 'answered') return GATEWAY_RESPONSES.internalError();
  const result = route.payloadFormatVersion === '2.0' ? proxyResultV2ToResponse(outcome.payload) : proxyResultV1ToResponse(outcome.payload);
  return result ?? GATEWAY_RESPONSES.internalError();
}
