/**
 * Every `websocket` event of the service as one WebSocket API, as the Framework deploys it: named
 * `provider.websocketsApiName` or `<stage>-<service>-websockets`, on the provider's stage; a `$connect` authorizer
 * (a function of the service) as a Lambda REQUEST authorizer.
 */
import type { WebSocketApiModel, WebSocketAuthorizerModel, WebSocketRouteModel } from '../../model/types.ts';
import type { ServerlessService, WebSocketEvent } from '../serverless/types.ts';
import { eventPath, type MappingReport } from './report.ts';

/** The Framework's route selection when the provider sets none. */
export const DEFAULT_ROUTE_SELECTION = '$request.body.action';
/** API Gateway's integration timeout, which the Framework leaves at its default. */
const WEBSOCKET_INTEGRATION_TIMEOUT_MS = 29_000;

export function mapWebSocketApi(service: ServerlessService, report: MappingReport): WebSocketApiModel | undefined {
  const { provider } = service;
  const routes: WebSocketRouteModel[] = [];
  const authorizers: WebSocketAuthorizerModel[] = [];
  for (const fn of service.functions) {
    for (const event of fn.events) {
      if (event.type !== 'websocket') continue;
      const keys = eventPath(report.positions, fn.key, fn.events, event);
      if (routes.some((route) => route.key === event.route)) {
        report.fail([...keys, 'route'], `expected one function per route, ${event.route} is already routed`);
        continue;
      }
      const route: WebSocketRouteModel = { key: event.route, function: fn.name, integrationTimeoutMs: WEBSOCKET_INTEGRATION_TIMEOUT_MS };
      if (event.routeResponseSelectionExpression !== undefined) {
        if (event.routeResponseSelectionExpression === '$default') route.routeResponseSelectionExpression = '$default';
        else
          report.fail(
            [...keys, 'routeResponseSelectionExpression'],
            `expected $default, the only route response selection API Gateway has, got "${event.routeResponseSelectionExpression}"`,
          );
      }
      if (event.authorizer) {
        const authorizer = mapAuthorizer(event, service, [...keys, 'authorizer'], report);
        if (authorizer) {
          if (!authorizers.some((known) => known.name === authorizer.name)) authorizers.push(authorizer);
          route.authorizationType = 'CUSTOM';
          route.authorizerId = authorizer.name;
        }
      }
      routes.push(route);
    }
  }
  if (routes.length === 0) return undefined;
  const api: WebSocketApiModel = {
    protocol: 'WEBSOCKET',
    name: provider.websocketsApiName ?? `${provider.stage}-${service.service}-websockets`,
    routeSelectionExpression: provider.websocketsApiRouteSelectionExpression ?? DEFAULT_ROUTE_SELECTION,
    stage: { name: provider.stage, variables: {} },
    routes,
  };
  if (authorizers.length > 0) api.authorizers = authorizers;
  return api;
}

/** AUTH-1: only `$connect` takes an authorizer; it must be a function of this service to run here. */
function mapAuthorizer(
  event: WebSocketEvent,
  service: ServerlessService,
  keys: (string | number)[],
  report: MappingReport,
): WebSocketAuthorizerModel | undefined {
  const authorizer = event.authorizer as NonNullable<WebSocketEvent['authorizer']>;
  if (event.route !== '$connect') return report.fail(keys, `expected an authorizer on the $connect route only, as API Gateway allows, not on ${event.route}`);
  const fn = service.functions.find((candidate) => candidate.key === authorizer.name);
  if (!fn) {
    const known = service.functions.map((candidate) => candidate.key).join(', ');
    const given = authorizer.name ?? authorizer.arn;
    return report.fail(keys, `expected the name of a function of this service (${known}), got "${given}"`);
  }
  return { name: fn.key, authorizerType: 'REQUEST', function: fn.name, identitySource: authorizer.identitySource };
}
