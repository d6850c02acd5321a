/** A REST API's models (OpenAPI 3 `components.schemas`, Swagger 2 `definitions`) and request validators. */
import type { JsonSchemaDraft4, RestModel, RestRequestValidatorModel } from '../../model/types.ts';
import { type DocumentReader, documentVersion, isNode } from './document.ts';

export const VALIDATORS = 'x-amazon-apigateway-request-validators';
export const VALIDATOR = 'x-amazon-apigateway-request-validator';

export function restModels(document: DocumentReader): Record<string, RestModel> {
  const schemas = documentVersion(document) === '3.0' ? document.object('components')?.object('schemas') : document.object('definitions');
  return Object.fromEntries(
    Object.keys(schemas?.node ?? {}).map((name) => {
      const schema = (schemas as DocumentReader).object(name) as DocumentReader;
      return [name, { contentType: 'application/json', schema: schema.node as JsonSchemaDraft4 }];
    }),
  );
}

export function requestValidators(document: DocumentReader): RestRequestValidatorModel[] {
  const validators = document.object(VALIDATORS);
  return Object.keys(validators?.node ?? {}).map((name) => {
    const validator = (validators as DocumentReader).object(name) as DocumentReader;
    return {
      name,
      validateRequestBody: validator.boolean('validateRequestBody') ?? false,
      validateRequestParameters: validator.boolean('validateRequestParameters') ?? false,
    };
  });
}

const MODEL_REF = /^#\/(?:components\/schemas|definitions)\/(.+)$/;

/** The models an operation's body names: OpenAPI 3 `requestBody.content`, Swagger 2 an `in: body` parameter. */
export function requestModelsOf(operation: DocumentReader, parameters: unknown[], models: Record<string, RestModel>): Record<string, string> {
  const named: Record<string, string> = {};
  const nameOf = (schema: unknown, path: readonly (string | number)[]) => {
    const target = isNode(schema) && typeof schema.$ref === 'string' ? schema.$ref : undefined;
    const ref = target === undefined ? undefined : MODEL_REF.exec(target)?.[1];
    if (ref === undefined) return undefined;
    if (!models[ref]) throw operation.source.error(path, `$ref: expected a model of the document, got ${JSON.stringify(target)}`);
    return ref;
  };
  const content = operation.object('requestBody')?.object('content');
  for (const type of Object.keys(content?.node ?? {})) {
    const name = nameOf((content as DocumentReader).object(type)?.node.schema, [...(content as DocumentReader).at(type), 'schema']);
    if (name) named[type] = name;
  }
  parameters.forEach((parameter, index) => {
    if (!isNode(parameter) || parameter.in !== 'body') return;
    const name = nameOf(parameter.schema, [...operation.at('parameters'), index, 'schema']);
    if (name) named['application/json'] = name;
  });
  return named;
}
