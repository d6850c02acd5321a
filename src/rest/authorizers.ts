/** REST-40..45: each method's Lambda authorizer, built once at start, and one authorization step of the pipeline. */
import type { ApiFacts, HttpRequestFacts } from '../http/index.ts';
import type { EdgeRequest } from '../internal/edge/values.ts';
import type { RestApiModel, RestMethodModel } from '../model/types.ts';
import { type ApiRuntimeSettings, requestFacts } from '../surface/index.ts';
import { type RestRequestShape, restMethodArn } from './authorizer-events.ts';
import { type RestAuthorizationVerdict, RestLambdaAuthorizer } from './lambda-authorizer.ts';

/** GEN-5: method ARNs name the gateway's region. */
const DEFAULT_REGION = 'us-east-1';

/** The authorizer of each method that names one; methods of an API without authorizers get a lookup that builds nothing. */
export function restAuthorizers(api: RestApiModel, options: ApiRuntimeSettings): (method: RestMethodModel) => RestLambdaAuthorizer | undefined {
  const byName = new Map<string, RestLambdaAuthorizer>();
  return (method) => {
    if (method.authorizationType !== 'CUSTOM') return undefined;
    const name = method.authorizerId as string;
    let authorizer = byName.get(name);
    if (authorizer === undefined) {
      // The model's validator checked that the method names an authorizer of this API.
      const model = api.authorizers?.find((candidate) => candidate.name === name);
      if (model === undefined) return undefined;
      authorizer = new RestLambdaAuthorizer({ model, apiName: api.name, invoker: options.invoker, clock: options.clock, log: options.log });
      byName.set(name, authorizer);
    }
    return authorizer;
  };
}

export interface AuthorizationStep {
  request: EdgeRequest;
  api: ApiFacts;
  /** The stage-relative path, as the method ARN names it. */
  path: string;
  resource: string;
  pathParameters: Record<string, string> | undefined;
  requestId: string;
  settings: ApiRuntimeSettings;
}

/** The verdict, and the request facts a REQUEST authorizer built (the integration event reuses them: one trace id, one extended id). */
export async function authorizeMethod(
  authorizer: RestLambdaAuthorizer,
  step: AuthorizationStep,
): Promise<{ verdict: RestAuthorizationVerdict; facts: HttpRequestFacts | undefined }> {
  const { request, api, path, settings } = step;
  let facts: HttpRequestFacts | undefined;
  const shape = (): RestRequestShape => {
    facts ??= requestFacts(request, undefined, settings.ids.gatewayId(), settings);
    return { facts, api, pathParameters: step.pathParameters, resource: step.resource, path, requestId: step.requestId };
  };
  const methodArn = restMethodArn(settings.region ?? DEFAULT_REGION, api, request.method, path);
  const verdict = await authorizer.authorize({ methodArn, rawHeaders: request.rawHeaders, requestId: step.requestId, shape });
  return { verdict, facts };
}
