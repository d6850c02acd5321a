/** A CloudFormation or SAM template as a ServiceModel: every resource type mapped, ignored with a warning, or an error. */
import type { ApiModel, ServiceModel } from '../../model/types.ts';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  DEFAULT_STACK_NAME,
  type ParsedTemplate,
  type ResolveOptions,
  resolveTemplate,
  type TemplateWarning,
} from '../cloudformation/index.ts';
import { API_KEY, mapApiKey } from './api-keys.ts';
import { type InlineCodeFile, MappingContext } from './context.ts';
import { applyEnvironmentOverrides, type EnvironmentOverrides } from './environment-overrides.ts';
import { addFunctionEvents } from './function-events.ts';
import { functionName, LAMBDA_FUNCTION, mapLambdaFunction, mapServerlessFunction, SERVERLESS_FUNCTION, serverlessFunctionProperties } from './functions.ts';
import { LAYER_TYPES, mapLayers } from './layers.ts';
import { checkRouteResponse, V2_ROUTE_RESPONSE, warnOtherResource } from './other-resources.ts';
import { mapOutputs } from './outputs.ts';
import { isApiType, isFunctionType, isTableType, type LocalIdentity } from './references.ts';
import { mapRestApi } from './rest-apis.ts';
import { checkRestApiIds, REST_API, REST_PART_TYPES } from './rest-parts.ts';
import { mapUsagePlans, USAGE_PLAN, USAGE_PLAN_KEY } from './rest-usage-plans.ts';
import { addSamPreflightMethods } from './sam-rest-cors.ts';
import {
  IMPLICIT_HTTP_API,
  IMPLICIT_REST_API,
  mapServerlessHttpApi,
  mapServerlessRestApi,
  type SamHttpApi,
  type SamRestApi,
  SERVERLESS_API,
  SERVERLESS_HTTP_API,
} from './serverless-apis.ts';
import { DYNAMODB_TABLE, mapDynamoDbTable, mapSimpleTable, SIMPLE_TABLE, tableName } from './tables.ts';
import { apiName, mapV2Api, V2_API, V2_ROUTE } from './v2-apis.ts';
import { V2_AUTHORIZER, V2_MODEL } from './v2-authorizers.ts';
import { V2_INTEGRATION, V2_INTEGRATION_RESPONSE } from './v2-integrations.ts';
import { V2_STAGE } from './v2-stage.ts';

export interface TemplateModelOptions extends Omit<ResolveOptions, 'resolver'> {
  /** SAM CLI's `--env-vars` file, parsed. */
  environmentOverrides?: EnvironmentOverrides;
  /** The text of a file relative to the template's folder: an API's DefinitionUri / BodyS3Location. */
  readFile?: (path: string) => string;
  /** Whether a folder relative to the template's folder exists: a layer's ContentUri. Absent: not checked. */
  directoryExists?: (path: string) => boolean;
}

export interface TemplateModel {
  /** Not yet validated: the caller validates it with the template's name as the source. */
  model: ServiceModel;
  warnings: TemplateWarning[];
  /** Inline code (`ZipFile`, `InlineCode`) to write, relative to the template's folder, before the model runs. */
  inlineCode: InlineCodeFile[];
}

/** Read as part of the resources they belong to. */
const PART_TYPES = new Set<string>([
  API_KEY,
  V2_ROUTE,
  V2_INTEGRATION,
  V2_INTEGRATION_RESPONSE,
  V2_STAGE,
  V2_AUTHORIZER,
  V2_MODEL,
  ...REST_PART_TYPES,
  USAGE_PLAN,
  USAGE_PLAN_KEY,
  ...LAYER_TYPES,
]);

/** Local names (FunctionName, TableName, Name) where the template gives them as plain text, by logical id. */
function localNames(parsed: ParsedTemplate, options: ResolveOptions): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, resource] of resolveTemplate(parsed, options).resources) {
    if (isFunctionType(resource.type)) names.set(id, functionName(id, resource.properties));
    else if (isTableType(resource.type)) names.set(id, tableName(id, resource.properties));
    else if (isApiType(resource.type)) names.set(id, apiName(id, resource.properties));
  }
  return names;
}

/**
 * SAM's implicit APIs as resources, so that `!Ref ServerlessHttpApi` (common in Outputs) resolves as after SAM's
 * transform; the ids already in the template are left alone.
 */
function withImplicitApis(parsed: ParsedTemplate): { parsed: ParsedTemplate; implicit: Set<string> } {
  const resources = parsed.body.Resources as Record<string, unknown> | undefined;
  const implicit = new Set<string>();
  // Without a Resources mapping, resolution reports the template's own mistake.
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return { parsed, implicit };
  const added: Record<string, unknown> = {};
  for (const [id, type] of [
    [IMPLICIT_HTTP_API, SERVERLESS_HTTP_API],
    [IMPLICIT_REST_API, SERVERLESS_API],
  ] as const) {
    if (id in resources) continue;
    added[id] = { Type: type, Properties: {} };
    implicit.add(id);
  }
  return { parsed: { ...parsed, body: { ...parsed.body, Resources: { ...resources, ...added } } }, implicit };
}

export function templateModel(source: ParsedTemplate, options: TemplateModelOptions = {}): TemplateModel {
  const { environmentOverrides, readFile, directoryExists, ...resolveOptions } = options;
  const { parsed, implicit: implicitIds } = withImplicitApis(source);
  const names = localNames(parsed, { ...resolveOptions, ...(readFile ? { readFile } : {}) });
  const types = new Map(
    Object.entries((parsed.body.Resources ?? {}) as Record<string, { Type?: unknown }>).map(([id, resource]) => [id, String(resource?.Type)]),
  );
  // Tables and functions are referred to by their local names; APIs stay references, so outputs can name their URLs.
  const resolver = (id: string, attribute?: string) =>
    attribute === undefined && (isFunctionType(types.get(id)) || isTableType(types.get(id))) ? names.get(id) : undefined;
  const template = resolveTemplate(parsed, { ...resolveOptions, resolver, ...(readFile ? { readFile } : {}) });
  const identity: LocalIdentity = { region: resolveOptions.region ?? DEFAULT_REGION, accountId: resolveOptions.accountId ?? DEFAULT_ACCOUNT_ID };
  const model: ServiceModel = { name: resolveOptions.stackName ?? DEFAULT_STACK_NAME, functions: [], apis: [], tables: [], outputs: [], sites: [] };
  const context = new MappingContext(template, parsed.positions, model);
  for (const [id, name] of names) context.names.set(id, name);
  if (readFile) context.readFile = readFile;
  context.body = parsed.body;
  if (directoryExists) context.directoryExists = directoryExists;
  context.warnings.push(...template.warnings);

  for (const [id, resource] of template.resources) {
    if (resource.type === SIMPLE_TABLE) model.tables.push(mapSimpleTable(context, id));
    else if (resource.type === DYNAMODB_TABLE) model.tables.push(mapDynamoDbTable(context, id));
  }
  const layers = mapLayers(context);
  if (layers.length > 0) model.layers = layers;
  const functionIds = new Map<string, string>();
  for (const [id, resource] of template.resources) {
    if (resource.type !== SERVERLESS_FUNCTION && resource.type !== LAMBDA_FUNCTION) continue;
    const fn = resource.type === SERVERLESS_FUNCTION ? mapServerlessFunction(context, identity, id) : mapLambdaFunction(context, identity, id);
    model.functions.push(applyEnvironmentOverrides(context, fn, id, environmentOverrides));
    functionIds.set(id, fn.name);
  }

  checkRestApiIds(context);
  const explicitHttp = new Map<string, SamHttpApi>();
  const explicitRest = new Map<string, SamRestApi>();
  const implicit: { http?: SamHttpApi; rest?: SamRestApi } = {};
  for (const [id, resource] of template.resources) {
    if (resource.type === V2_API) model.apis.push(mapV2Api(context, identity, id));
    else if (resource.type === REST_API) model.apis.push(mapRestApi(context, identity, id));
    else if (implicitIds.has(id)) continue;
    else if (resource.type === SERVERLESS_HTTP_API) explicitHttp.set(id, mapServerlessHttpApi(context, identity, id));
    else if (resource.type === SERVERLESS_API) explicitRest.set(id, mapServerlessRestApi(context, identity, id));
  }
  const apis = {
    http(id: string | undefined): SamHttpApi {
      if (id) return explicitHttp.get(id) as SamHttpApi;
      implicit.http ??= mapServerlessHttpApi(context, identity, undefined);
      return implicit.http;
    },
    rest(id: string | undefined): SamRestApi {
      if (id) return explicitRest.get(id) as SamRestApi;
      implicit.rest ??= mapServerlessRestApi(context, identity, undefined);
      return implicit.rest;
    },
  };
  for (const [id, name] of functionIds) {
    if (template.resources.get(id)?.type === SERVERLESS_FUNCTION) addFunctionEvents(context, id, serverlessFunctionProperties(context, id), name, apis);
  }
  for (const api of [...explicitRest.values(), ...(implicit.rest ? [implicit.rest] : [])]) {
    if (api.cors) addSamPreflightMethods(api.model, api.cors);
  }
  const samApis: ApiModel[] = [
    ...explicitHttp.values(),
    ...explicitRest.values(),
    ...(implicit.http ? [implicit.http] : []),
    ...(implicit.rest ? [implicit.rest] : []),
  ].map((api) => api.model);
  model.apis.push(...samApis);

  for (const [id, resource] of template.resources) {
    if (resource.type === V2_ROUTE_RESPONSE) checkRouteResponse(context, id);
    else if (!isFunctionType(resource.type) && !isTableType(resource.type) && !isApiType(resource.type) && !PART_TYPES.has(resource.type))
      warnOtherResource(context, id, resource.type);
  }
  const apiKeys = context.idsOf(API_KEY).flatMap((id) => mapApiKey(context, id) ?? []);
  if (apiKeys.length > 0) model.apiKeys = apiKeys;
  const usagePlans = mapUsagePlans(context);
  if (usagePlans.length > 0) model.usagePlans = usagePlans;
  model.outputs.push(...mapOutputs(context, identity));
  return { model, warnings: context.warnings, inlineCode: context.inlineCode };
}
