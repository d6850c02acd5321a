/** MAP-22: the API's MOCK routes compiled once; absent when no route has one, so other APIs pay nothing. */
import { compileMockRoute, type MockRoute } from '../integrations/index.ts';
import type { TemplateInputs } from '../mapping/index.ts';
import type { WebSocketApiModel } from '../model/types.ts';
import type { ConnectionFacts } from './events.ts';

export function mockRoutes(api: WebSocketApiModel): Map<string, MockRoute> | undefined {
  let routes: Map<string, MockRoute> | undefined;
  api.routes.forEach((route, index) => {
    if (route.integration?.type !== 'MOCK') return;
    routes ??= new Map();
    routes.set(route.key, compileMockRoute(route.integration, `routes[${index}] ("${route.key}").integration`));
  });
  return routes;
}

/** MAP-30: what a message's templates see as `$input`, `$context` and `$stageVariables`. */
export function messageTemplateInputs(
  facts: ConnectionFacts,
  routeKey: string,
  text: string,
  requestId: string,
  messageId: string,
  epochMs: number,
): TemplateInputs {
  return {
    body: text,
    context: {
      connectionId: facts.connectionId,
      connectedAt: facts.connectedAt,
      routeKey,
      requestId,
      messageId,
      eventType: 'MESSAGE',
      stage: facts.stage,
      apiId: facts.apiId,
      domainName: facts.domainName,
      requestTimeEpoch: epochMs,
      ...(facts.authorizer ? { authorizer: facts.authorizer } : {}),
      identity: { sourceIp: facts.sourceIp, userAgent: facts.userAgent ?? '' },
    },
    stageVariables: facts.stageVariables ?? {},
  };
}
