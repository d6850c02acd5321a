/** AWS::ApiGateway::Resource: the path tree under a RestApi's RootResourceId, and the path each Method's ResourceId names. */
import { ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';
import type { PropertyReader } from './properties.ts';
import { referencedId } from './references.ts';
import { REST_RESOURCE, readerOf } from './rest-parts.ts';

/** A PathPart is one segment: literal text, `{name}`, or the greedy `{name+}`. */
const PATH_PART = /^(?:[A-Za-z0-9._~:@!$&'()*,;=-]+|\{[A-Za-z0-9_.-]+\+?\})$/;

/** Resolves ParentId / ResourceId values to paths (`/`, `/items/{id}`), checking every step belongs to `apiId`. */
export class RestPathTree {
  readonly #context: MappingContext;
  readonly #apiId: string;
  readonly #paths = new Map<string, string>();

  constructor(context: MappingContext, apiId: string) {
    this.#context = context;
    this.#apiId = apiId;
  }

  /** The path a `ResourceId`/`ParentId` property names: `!GetAtt Api.RootResourceId` is `/`, `!Ref SomeResource` its path. */
  pathOf(reader: PropertyReader, key: string, seen: string[] = []): string {
    const value = reader.properties[key];
    if (value instanceof ResourceReference) {
      if (value.ref === this.#apiId && value.attribute === 'RootResourceId') return '/';
      const type = this.#context.resource(value.ref)?.type;
      if (value.attribute === undefined && type === REST_RESOURCE) {
        const owner = referencedId(this.#context.resource(value.ref)?.properties.RestApiId);
        if (owner !== this.#apiId) throw reader.fail(key, `an ${REST_RESOURCE} of ${this.#apiId}; ${value.ref} belongs to ${owner ?? 'no API'}`);
        return this.#resourcePath(value.ref, seen);
      }
    }
    if (value === undefined) throw this.#context.error(reader.path, `${reader.id}: ${key} is required`);
    throw reader.fail(key, `!GetAtt ${this.#apiId}.RootResourceId or !Ref to an ${REST_RESOURCE} of ${this.#apiId}`);
  }

  /** The path of one AWS::ApiGateway::Resource of the API, e.g. `/items/{id}`. */
  resourcePath(id: string): string {
    return this.#resourcePath(id, []);
  }

  #resourcePath(id: string, seen: string[]): string {
    const known = this.#paths.get(id);
    if (known !== undefined) return known;
    const reader = readerOf(this.#context, id);
    if (seen.includes(id)) throw this.#context.error(reader.at('ParentId'), `${id}: ParentId leads back to ${id} (${[...seen, id].join(' → ')})`);
    const part = reader.requiredString('PathPart');
    if (!PATH_PART.test(part)) throw reader.fail('PathPart', 'one path segment: text, {name} or {name+}');
    const parent = this.pathOf(reader, 'ParentId', [...seen, id]);
    const path = parent === '/' ? `/${part}` : `${parent}/${part}`;
    this.#paths.set(id, path);
    return path;
  }
}
