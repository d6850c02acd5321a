/** AWS::ApiGatewayV2::Stage: the stage an API is served on, its variables and throttling. */
import type { ThrottlingModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { type LocalIdentity, localText, referencedId } from './references.ts';

export const V2_STAGE = 'AWS::ApiGatewayV2::Stage';

export interface V2Stage {
  /** False when no Stage names the API: the fallback name is used. */
  declared: boolean;
  name: string;
  variables: Record<string, string>;
  autoDeploy: boolean;
  throttling?: ThrottlingModel;
  /** RouteSettings: route key → its throttling. */
  routeThrottling: Map<string, ThrottlingModel>;
}

/** Stages whose ApiId names the API; an API is served on one stage locally: the first. */
export function stageOf(context: MappingContext, identity: LocalIdentity, apiId: string, fallback: string): V2Stage {
  const ids = context.idsOf(V2_STAGE).filter((id) => referencedId(context.resource(id)?.properties.ApiId) === apiId);
  const [first, ...others] = ids;
  for (const other of others)
    context.warn(['Resources', other], `${other}: the API ${apiId} is served on one stage locally, ${first}; this stage is not served`);
  if (first === undefined) return { declared: false, name: fallback, variables: {}, autoDeploy: true, routeThrottling: new Map() };
  const reader = new PropertyReader(context, first, context.resource(first)?.properties ?? {});
  reader.ignore(V2_STAGE, ['AccessLogSettings', 'ClientCertificateId', 'Description', 'Tags', 'AccessPolicyId'], 'not applied locally');
  const throttling = throttlingOf(reader.object('DefaultRouteSettings'));
  const routeThrottling = new Map<string, ThrottlingModel>();
  const routeSettings = reader.object('RouteSettings');
  for (const key of Object.keys(routeSettings?.properties ?? {})) {
    const routeThrottle = throttlingOf(routeSettings?.object(key));
    if (routeThrottle) routeThrottling.set(key, routeThrottle);
  }
  return {
    declared: true,
    name: reader.requiredString('StageName'),
    variables: reader.stringRecord('StageVariables', (value, path) => localText(context, identity, value, path)) ?? {},
    autoDeploy: reader.boolean('AutoDeploy') ?? false,
    ...(throttling ? { throttling } : {}),
    routeThrottling,
  };
}

/** ThrottlingBurstLimit and ThrottlingRateLimit; absent when neither is set. */
export function throttlingOf(settings: PropertyReader | undefined): ThrottlingModel | undefined {
  if (!settings) return undefined;
  const burstLimit = settings.number('ThrottlingBurstLimit');
  const rateLimit = settings.number('ThrottlingRateLimit');
  if (burstLimit === undefined && rateLimit === undefined) return undefined;
  return { burstLimit: burstLimit ?? 5000, rateLimit: rateLimit ?? 10000 };
}
