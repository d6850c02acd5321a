/** Typed reads of an OpenAPI 3.0 / Swagger 2.0 document: each wrong shape an error at its path, naming what is expected. */
import type { DefinitionPath, DefinitionSource } from './definition-source.ts';

export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The HTTP methods a path item holds as operations (OpenAPI's list), with API Gateway's catch-all as `ANY`. */
export const OPERATION_METHODS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

export class DocumentReader {
  readonly source: DefinitionSource;
  readonly node: Node;
  readonly path: DefinitionPath;

  constructor(source: DefinitionSource, node: Node, path: DefinitionPath = []) {
    this.source = source;
    this.node = node;
    this.path = path;
  }

  at(key: string | number): DefinitionPath {
    return [...this.path, key];
  }

  fail(key: string, expected: string): Error {
    const value = this.node[key];
    return this.source.error(this.at(key), `${key}: expected ${expected}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }

  object(key: string): DocumentReader | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (!isNode(value)) throw this.fail(key, 'a mapping');
    return new DocumentReader(this.source, value, this.at(key));
  }

  string(key: string): string | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw this.fail(key, 'a string');
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw this.source.error(this.path, `${key}: required, expected a string`);
    return value;
  }

  number(key: string): number | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number') throw this.fail(key, 'a number');
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw this.fail(key, 'true or false');
    return value;
  }

  stringList(key: string): string[] | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw this.fail(key, 'a list of strings');
    return value as string[];
  }

  stringRecord(key: string): Record<string, string> | undefined {
    const value = this.node[key];
    if (value === undefined) return undefined;
    if (!isNode(value) || Object.values(value).some((item) => typeof item !== 'string')) throw this.fail(key, 'a mapping of strings');
    return value as Record<string, string>;
  }
}

/** The document's version: OpenAPI 3.0 (`openapi: 3.0.x`) or Swagger 2.0 (`swagger: "2.0"`). */
export function documentVersion(document: DocumentReader): '3.0' | '2.0' {
  const openapi = document.string('openapi');
  if (openapi?.startsWith('3.')) return '3.0';
  if (document.string('swagger') === '2.0') return '2.0';
  throw document.source.error(document.path, 'expected an OpenAPI 3.0 document (openapi: 3.0.1) or a Swagger 2.0 one (swagger: "2.0")');
}

/** Security schemes: OpenAPI 3's `components.securitySchemes`, Swagger 2's `securityDefinitions`. */
export function securitySchemes(document: DocumentReader): DocumentReader | undefined {
  return documentVersion(document) === '3.0' ? document.object('components')?.object('securitySchemes') : document.object('securityDefinitions');
}
