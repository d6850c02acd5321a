/** AWS::ApiGateway::Stage (or a Deployment's StageName when no Stage names the API): the REST API's one local stage. */
import type { RestHttpMethod, RestStageModel, ThrottlingModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';
import { type LocalIdentity, localText } from './references.ts';
import { partsOf, REST_DEPLOYMENT, REST_STAGE, readerOf } from './rest-parts.ts';
import { throttlingOf } from './v2-stage.ts';

/** A MethodSettings entry for one method: `ResourcePath` `/~1items~1{id}`, `HttpMethod` `GET`. */
export interface MethodThrottling {
  path: string;
  httpMethod: RestHttpMethod | '*';
  throttling: ThrottlingModel;
}

export interface RestStage {
  stage: RestStageModel;
  methodThrottling: MethodThrottling[];
}

export function restStageOf(context: MappingContext, identity: LocalIdentity, apiId: string): RestStage {
  const stages = partsOf(context, REST_STAGE, apiId);
  for (const extra of stages.slice(1))
    context.warn(['Resources', extra], `${extra}: ${apiId} already has the stage ${stages[0]}; one stage per REST API is served locally, this one is ignored`);
  const deployments = partsOf(context, REST_DEPLOYMENT, apiId);
  const stageId = stages[0];
  if (stageId === undefined) {
    // A Deployment with StageName creates that stage on AWS: without an AWS::ApiGateway::Stage, it is the API's stage.
    const named = deployments.map((id) => readerOf(context, id)).find((reader) => reader.has('StageName'));
    if (!named)
      throw context.error(
        ['Resources', apiId],
        `${apiId}: expected an AWS::ApiGateway::Stage with RestApiId: !Ref ${apiId} (or an AWS::ApiGateway::Deployment with StageName)`,
      );
    return { stage: { name: named.requiredString('StageName'), variables: {} }, methodThrottling: [] };
  }
  const reader = readerOf(context, stageId);
  reader.ignore(
    REST_STAGE,
    [
      'AccessLogSetting',
      'CacheClusterEnabled',
      'CacheClusterSize',
      'CanarySetting',
      'ClientCertificateId',
      'Description',
      'DocumentationVersion',
      'Tags',
      'TracingEnabled',
    ],
    'not applied locally',
  );
  const stage: RestStageModel = {
    name: reader.requiredString('StageName'),
    variables: reader.stringRecord('Variables', (value, path) => localText(context, identity, value, path)) ?? {},
  };
  const methodThrottling: MethodThrottling[] = [];
  for (const [index, entry] of (reader.list('MethodSettings') ?? []).entries()) {
    const setting = new PropertyReader(context, stageId, entry as Record<string, unknown>, reader.at('MethodSettings').concat(index));
    const throttling = throttlingOf(setting);
    setting.ignore(
      REST_STAGE,
      ['CachingEnabled', 'CacheTtlInSeconds', 'CacheDataEncrypted', 'DataTraceEnabled', 'LoggingLevel', 'MetricsEnabled'],
      'not applied locally',
    );
    if (!throttling) continue;
    // `/~1items~1{id}`: a `/`, then the resource's path with each `/` written `~1`.
    const written = setting.string('ResourcePath') ?? '/*';
    const path = written === '/*' || written === '/' ? written : written.slice(1).replaceAll('~1', '/');
    const httpMethod = (setting.string('HttpMethod') ?? '*').toUpperCase() as RestHttpMethod | '*';
    if (path === '/*' && httpMethod === '*') stage.throttling = throttling;
    else methodThrottling.push({ path, httpMethod, throttling });
  }
  return { stage, methodThrottling };
}
