/** Resource types that have nothing to run locally: each warned about once, by type. */
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';

/** Read as part of another resource's mapping (a route, an API, an integration). */
export const V2_ROUTE_RESPONSE = 'AWS::ApiGatewayV2::RouteResponse';

/** Types with a reason they are not run; anything else gets the general warning. */
const IGNORED: Record<string, string> = {
  'AWS::ApiGatewayV2::Deployment': 'every change is deployed locally (hot reload)',
  'AWS::ApiGateway::Deployment': 'every change is deployed locally (hot reload); a StageName it gives is used when no Stage names the API',
  'AWS::ApiGateway::BasePathMapping': 'APIs are served on their own local ports, not on custom domains',
  'AWS::ApiGateway::DomainName': 'APIs are served on their own local ports, not on custom domains',
  'AWS::ApiGatewayV2::ApiMapping': 'APIs are served on their own local ports, not on custom domains',
  'AWS::ApiGatewayV2::DomainName': 'APIs are served on their own local ports, not on custom domains',
  'AWS::Lambda::Permission': 'API Gateway may invoke every function of the template locally',
  'AWS::IAM::Role':
    'handlers run with the local credentials; IAM is not enforced (the inline policies of the role a function names are recorded as its grants)',
  'AWS::IAM::Policy': 'handlers run with the local credentials; IAM is not enforced',
  'AWS::IAM::ManagedPolicy': 'handlers run with the local credentials; IAM is not enforced',
  'AWS::Logs::LogGroup': 'function logs are printed by hoplite dev',
};

export function warnOtherResource(context: MappingContext, id: string, type: string): void {
  const reason = IGNORED[type] ?? (type.startsWith('AWS::IAM::') ? 'handlers run with the local credentials; IAM is not enforced' : undefined);
  if (reason) context.warn(['Resources', id], `${type} is ignored: ${reason}`, `type:${type}`);
  else context.warn(['Resources', id], `${type} is not run locally; ${id} and the other resources of this type are ignored`, `type:${type}`);
}

/** A RouteResponse is what makes AWS send a route's response; the model records it on the route (WS-40). */
export function checkRouteResponse(context: MappingContext, id: string): void {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  const key = reader.requiredString('RouteResponseKey');
  if (key !== '$default') throw reader.fail('RouteResponseKey', '$default (WebSocket routes answer with one route response)');
  const route = referencedId(reader.properties.RouteId);
  const routeProperties = route ? context.resource(route)?.properties : undefined;
  if (routeProperties?.RouteResponseSelectionExpression !== '$default') {
    context.warn(reader.at('RouteId'), `${id}: the route it names has no RouteResponseSelectionExpression: $default, so no response is sent (as on AWS)`);
  }
  reader.ignore(V2_ROUTE_RESPONSE, ['ResponseModels', 'ModelSelectionExpression', 'ResponseParameters'], 'not applied locally');
}
