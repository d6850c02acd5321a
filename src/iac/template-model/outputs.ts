/** The template's Outputs as OutputModels: an API's URL becomes the gateway's local URL, anything else its local text. */
import type { OutputModel } from '../../model/types.ts';
import { JoinedValue, ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';
import { isApiType, type LocalIdentity, localText } from './references.ts';

/** The API a URL-shaped output names: `!Sub wss://${Api}.execute-api…`, or `!GetAtt Api.ApiEndpoint`. */
function urlOutput(context: MappingContext, value: unknown): OutputModel['value'] | undefined {
  const apiOf = (reference: unknown) => {
    if (!(reference instanceof ResourceReference) || !isApiType(context.resource(reference.ref)?.type)) return undefined;
    if (reference.attribute !== undefined && reference.attribute !== 'ApiEndpoint') return undefined;
    const api = context.names.get(reference.ref) ?? reference.ref;
    return context.model.apis.find((candidate) => candidate.name === api);
  };
  if (value instanceof ResourceReference && value.attribute === 'ApiEndpoint') {
    const api = apiOf(value);
    if (api) return { kind: api.protocol === 'WEBSOCKET' ? 'websocket-url' : 'http-url', api: api.name };
  }
  if (!(value instanceof JoinedValue)) return undefined;
  const [first] = value.parts;
  const scheme = typeof first === 'string' ? /^(wss|https?):\/\//.exec(first)?.[1] : undefined;
  const api = value.parts.map(apiOf).find(Boolean);
  if (!api) return undefined;
  if (scheme === undefined && !(value.parts[0] instanceof ResourceReference && value.parts[0].attribute === 'ApiEndpoint')) return undefined;
  return { kind: api.protocol === 'WEBSOCKET' ? 'websocket-url' : 'http-url', api: api.name };
}

export function mapOutputs(context: MappingContext, identity: LocalIdentity): OutputModel[] {
  return [...context.template.outputs].map(([name, output]) => ({
    name,
    description: output.description ?? name,
    value: urlOutput(context, output.value) ?? { kind: 'literal', value: localText(context, identity, output.value, ['Outputs', name, 'Value']) },
  }));
}
