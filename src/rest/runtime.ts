/**
 * A REST API at run time (REST-1..49), a pipeline of small stages: stage path → resource and method → Lambda or
 * Cognito authorizer → API key and usage plan → throttle → body → AWS_IAM signature → request validator → Lambda
 * proxy or Lambda custom integration → response. Every error the gateway answers itself is a gateway response
 * (REST-30), customized as the API says (REST-31).
 */
import { createRouter, type HttpRequestFacts, headerValue, requestToProxyEventV1 } from '../http/index.ts';
import { type Integration, lambdaIntegration } from '../integrations/index.ts';
import type { EdgeHandler, EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { splitTarget } from '../internal/edge/values.ts';
import { normaliseIp } from '../internal/net.ts';
import { namesStageVariable, resolveFunctionName } from '../model/index.ts';
import type { RestApiModel, RestMethodModel, ThrottlingModel } from '../model/types.ts';
import { apiFactsOf, type RequestTrace, readApiBody, requestFacts, serveApi, stageRelativePath, withGatewayHeader } from '../surface/index.ts';
import { routeBuckets } from '../throttle/route-buckets.ts';
import { type ModelCompiler, modelCompiler } from '../validation/index.ts';
import type { IssuedApiKey } from '../websocket/index.ts';
import type { RestMethodAuthorizer } from './authorization.ts';
import { authorizeMethod, type RestAuthorizerSettings, restAuthorizers } from './authorizers.ts';
import { defaultGatewayResponse, type GatewayErrorRequest, gatewayResponder } from './gateway-responses.ts';
import { compileHttpProxyMethod } from './http-proxy-method.ts';
import { type RestIamCheck, type RestIamVerdict, restIamCheck } from './iam-authorization.ts';
import { mappedRequestOf } from './method-request.ts';
import { type ErrorAnswer, restProxyAnswer } from './outcome.ts';
import { type RequestCheck, requestCheckOf } from './request-validation.ts';
import { REST_ERRORS } from './responses.ts';
import { mediaTypeMatches } from './template-selection.ts';
import { compileMappedMethod, type MappedMethod, type MappedMethodSettings } from './templated-method.ts';
import { type StageKeyGate, type UsagePlanMeter, usagePlanMeter } from './usage-plans.ts';

export interface RestRuntimeOptions extends RestAuthorizerSettings {
  api: RestApiModel;
  /** REST-36..38: the gateway's usage plans, shared by its REST APIs. Absent: no plan, so no key is admitted. */
  usagePlans?: UsagePlanMeter;
}

interface MethodRoute {
  key: string;
  resourcePath: string;
  method: RestMethodModel;
  throttling: ThrottlingModel | undefined;
  /** Lambda proxy methods only. */
  integration: Integration | undefined;
  /** REST-10..13, REST-52..54: every other integration type. */
  mapped: MappedMethod | undefined;
  /** REST-36: the stage's key gate, on methods with `apiKeyRequired` only. */
  keyGate: StageKeyGate | undefined;
  /** The method as usage plans name it: `/resource/path/METHOD`. */
  planKey: string;
  /** REST-33: on methods whose validator checks something only. */
  check: RequestCheck | undefined;
  /** REST-40, REST-46: on methods with a Lambda or Cognito authorizer only. */
  authorizer: RestMethodAuthorizer | undefined;
  /** REST-49: on `AWS_IAM` methods only. */
  iam: RestIamCheck | undefined;
}

/** REST-43, REST-45: an authorized request's authorizer context, key and (REQUEST authorizers) facts. */
interface Authorized {
  context: Record<string, unknown>;
  usageIdentifierKey: string | undefined;
  facts: HttpRequestFacts | undefined;
}

const tooLargeByDefault = () => defaultGatewayResponse(REST_ERRORS.tooLarge);
const internalErrorByDefault = () => defaultGatewayResponse(REST_ERRORS.internalError);

/** REST-54 HTTP_PROXY passes the request through; AWS, MOCK and HTTP map it (REST-10..13). */
const mappedMethodOf = (method: RestMethodModel, settings: MappedMethodSettings): MappedMethod =>
  method.integration === 'HTTP_PROXY' ? compileHttpProxyMethod(method, settings) : compileMappedMethod(method, settings);

export function createRestApi(options: RestRuntimeOptions): EdgeHandler {
  const { api, clock, ids, invoker } = options;
  const plans = options.usagePlans ?? usagePlanMeter(undefined, [], clock);
  // ajv is built only for an API whose methods validate bodies.
  let compiler: ModelCompiler | undefined;
  const compile: ModelCompiler = (schema) => {
    compiler ??= modelCompiler();
    return compiler(schema);
  };
  const mappedSettings = {
    invoker,
    clock,
    stageVariables: api.stage.variables,
    binaryMediaTypes: api.binaryMediaTypes,
    log: (message: string) => options.log.info(`REST API ${api.name}: ${message}`),
  };
  const authorizerOf = restAuthorizers(api, options);
  // REST-58: a function named through a stage variable is the stage's, resolved once (the model check vouched for it).
  const withStageFunction = (method: RestMethodModel): RestMethodModel =>
    method.function !== undefined && namesStageVariable(method.function)
      ? { ...method, function: (resolveFunctionName(method.function, api.stage.variables) as { name: string }).name }
      : method;
  const iamOptions = { credentials: options.credentials, region: options.region ?? 'us-east-1', clock };
  const methods: MethodRoute[] = api.resources.flatMap((resource) =>
    resource.methods.map(withStageFunction).map((method) => ({
      key: `${method.httpMethod} ${resource.path}`,
      resourcePath: resource.path,
      method,
      throttling: method.throttling,
      integration:
        method.integration === 'AWS_PROXY'
          ? lambdaIntegration({ type: 'AWS_PROXY', invoker, functionName: method.function as string, timeoutMs: method.integrationTimeoutMs, clock })
          : undefined,
      mapped: method.integration === 'AWS_PROXY' ? undefined : mappedMethodOf(method, mappedSettings),
      keyGate: method.apiKeyRequired ? plans.stage(api.name, api.stage.name) : undefined,
      planKey: `${resource.path === '/' ? '' : resource.path}/${method.httpMethod}`,
      check: requestCheckOf(api, method, compile),
      authorizer: authorizerOf(method),
      iam: method.authorizationType === 'AWS_IAM' ? restIamCheck({ ...iamOptions, accountId: options.accountId }) : undefined,
    })),
  );
  // REST-31: only an API that customizes a response reads the request to answer an error.
  const customized = api.gatewayResponses && api.gatewayResponses.length > 0 ? gatewayResponder(api.gatewayResponses, api.stage.variables) : undefined;
  // REST-3: resources and methods route like HTTP API keys: literal over {name} over {proxy+}, exact method over ANY.
  const router = createRouter(methods);
  // THR-2: the method's own settings, else the stage's defaults, else no bucket.
  const buckets = routeBuckets(methods, api.stage.throttling, clock);
  const apiFacts = apiFactsOf(options, api.stage);
  const stagePrefix = `/${api.stage.name}`;

  async function pipeline(request: EdgeRequest, trace: RequestTrace): Promise<GatewayResponse | undefined> {
    // REST-1: REST request ids are UUIDs; the extended id has the GEN-1 shape.
    const requestId = ids.uuid();
    const answer = (result: GatewayResponse) => withGatewayHeader(result, 'x-amzn-RequestId', requestId);
    const { rawPath, rawQuery } = splitTarget(request.target);
    const path = stageRelativePath(rawPath, stagePrefix);
    // REST-3: anything without a resource and method is 403 Missing Authentication Token. UNVERIFIED for an unknown stage.
    const match = path === undefined ? undefined : router.match(request.method, path);
    let apiKey: IssuedApiKey | undefined;
    const fail: ErrorAnswer = customized
      ? (error) =>
          customized(
            error,
            (): GatewayErrorRequest => ({
              rawHeaders: request.rawHeaders,
              rawQuery,
              pathParameters: match?.pathParameters,
              context: errorContext(request, rawPath, requestId, match?.route, apiKey),
            }),
          )
      : defaultGatewayResponse;
    if (!match || path === undefined) return answer(fail(REST_ERRORS.missingAuthenticationToken));
    const { key, resourcePath, integration, mapped, keyGate, planKey, check, authorizer, iam } = match.route;
    trace.routeKey = key;
    // REST-40..48: the authorizer before the API key, which it may give (UNVERIFIED: the order with a header key).
    let authorized: Authorized | undefined;
    if (authorizer) {
      const step = { request, api: apiFacts, path, resource: resourcePath, pathParameters: match.pathParameters, requestId, settings: options };
      const { verdict, facts } = await authorizeMethod(authorizer, step);
      if (verdict.kind === 'deny') return answer(fail(verdict.error));
      authorized = { context: verdict.context, usageIdentifierKey: verdict.usageIdentifierKey, facts };
    }
    // REST-36..38: the key, then its plan's throttle and quota; a refused request consumes nothing further.
    if (keyGate) {
      const admission = keyGate(planKey, api.apiKeySource === 'AUTHORIZER' ? authorized?.usageIdentifierKey : request.headers['x-api-key']);
      if (!admission.admitted) return answer(fail(admission.error));
      apiKey = admission.key;
    }
    // THR-1: a throttled request consumes nothing and reaches no integration.
    const bucket = buckets.get(key);
    if (bucket && !bucket.take()) return answer(fail(REST_ERRORS.throttled));
    const body = await readApiBody(request, customized ? () => fail(REST_ERRORS.tooLarge) : tooLargeByDefault);
    if (body.kind === 'aborted') return undefined;
    if (body.kind === 'answered') return answer(body.response);
    // REST-49: a header signature covers the body, so the check waits for it. UNVERIFIED: after the key and throttle.
    let caller: RestIamVerdict | undefined;
    if (iam) {
      caller = await iam({ method: request.method, target: request.target, rawQuery, rawHeaders: request.rawHeaders, body: body.body });
      if (caller.kind === 'deny') return answer(fail(caller.error));
    }
    if (check) {
      // REST-33: a request the validator refuses reaches no integration.
      const refused = check({ rawHeaders: request.rawHeaders, rawQuery, pathParameters: match.pathParameters, body: body.body });
      if (refused) {
        // As AWS's execution logs do, the reason is logged with the request id.
        options.log.info(`REST API ${api.name}: request ${requestId} to ${key} refused by its request validator: ${refused.validationErrorString}`);
        return answer(fail(refused));
      }
    }

    if (mapped) {
      const facts = requestFacts(request, body.body, requestId, options);
      const context = {
        apiId: options.apiId,
        accountId: options.accountId,
        stage: api.stage.name,
        resourcePath,
        ...(apiKey ? { apiKey } : {}),
        // REST-43, REST-48: `$context.authorizer.*` in templates and `context.authorizer.*` in response parameters.
        ...(authorized ? { authorizer: authorized.context } : {}),
      };
      return answer(await mapped.respond(mappedRequestOf(facts, match.pathParameters, context), fail));
    }
    const facts = authorized?.facts ? { ...authorized.facts, body: body.body } : requestFacts(request, body.body, ids.gatewayId(), options);
    const event = requestToProxyEventV1(facts, apiFacts, match.pathParameters, {
      lowercaseHeaders: false,
      version: false,
      resource: resourcePath,
      path,
      requestId,
      isBinary: (contentType) => mediaTypeMatches(api.binaryMediaTypes, contentType),
    });
    // REST-36: the key the request was admitted with. UNVERIFIED: methods without `apiKeyRequired` carry neither field.
    if (apiKey) Object.assign(event.requestContext.identity, { apiKey: apiKey.value, apiKeyId: apiKey.id });
    // REST-49: the signed caller.
    if (caller?.kind === 'allow') Object.assign(event.requestContext.identity, caller.identity);
    // REST-43: what the authorizer said about the caller.
    if (authorized) Object.assign(event.requestContext, { authorizer: authorized.context });
    const outcome = await (integration as Integration).call(event);
    return answer(restProxyAnswer(outcome, mediaTypeMatches(api.binaryMediaTypes, headerValue(request.rawHeaders, 'accept')), fail));
  }

  /** REST-31: `context.*` / `$context.*` of a customized gateway response. */
  function errorContext(request: EdgeRequest, rawPath: string, requestId: string, route: MethodRoute | undefined, apiKey: IssuedApiKey | undefined) {
    return {
      requestId,
      apiId: options.apiId,
      accountId: options.accountId,
      stage: api.stage.name,
      path: rawPath,
      httpMethod: request.method,
      resourcePath: route?.resourcePath ?? '',
      requestTimeEpoch: clock.now(),
      identity: {
        sourceIp: normaliseIp(request.remoteAddress),
        userAgent: request.headers['user-agent'] ?? '',
        ...(apiKey ? { apiKey: apiKey.value, apiKeyId: apiKey.id } : {}),
      },
    };
  }

  return serveApi({
    kind: 'REST',
    api,
    clock,
    log: options.log,
    routeFunctions: methods.map((route) => [route.key, route.method.function]),
    internalError: internalErrorByDefault,
    pipeline,
  });
}
