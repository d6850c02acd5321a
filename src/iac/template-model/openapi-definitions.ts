/** An HTTP API's OpenAPI definition: inline (DefinitionBody, Body) or a local file (DefinitionUri, BodyS3Location). */
import { ConfigError } from '../../errors.ts';
import { type ParsedTemplate, parseTemplate, type TemplatePath } from '../cloudformation/index.ts';
import { templateError } from '../cloudformation/template-error.ts';
import { templateWarning } from '../cloudformation/warnings.ts';
import { type DefinitionSource, type HttpApiDefinition, httpApiDefinition, type RestApiDefinition, restApiDefinition } from '../openapi/index.ts';
import type { MappingContext } from './context.ts';
import { invokedFunction } from './function-reference.ts';
import type { PropertyReader } from './properties.ts';

/** The definition's property names on a resource type: SAM's, or AWS::ApiGatewayV2::Api's. */
export interface DefinitionKeys {
  body: string;
  file: string;
}

export const SAM_DEFINITION: DefinitionKeys = { body: 'DefinitionBody', file: 'DefinitionUri' };
export const V2_DEFINITION: DefinitionKeys = { body: 'Body', file: 'BodyS3Location' };

// Inline, the document's paths are under the property, and its `!Sub`/`!GetAtt` are resolved as the template's.
const inlineSource = (context: MappingContext, at: TemplatePath): DefinitionSource => ({
  error: (path, message) => context.error([...at, ...path], message),
  functionOf: (value, path, what) => invokedFunction(context, value, [...at, ...path], what),
  warn: (path, message, key) => context.warn([...at, ...path], message, key),
});

// A file's errors are at its own lines; its URIs are literal ARNs naming the template's functions.
function fileSource(context: MappingContext, parsed: ParsedTemplate): DefinitionSource {
  const said = new Set<string>();
  return {
    error: (path, message) => templateError(parsed.positions, path, message),
    warn: (path, message, key = message) => {
      if (said.has(key)) return;
      said.add(key);
      context.warnings.push(templateWarning(parsed.positions, path, message));
    },
    functionOf: (value, path, what) => {
      try {
        return invokedFunction(context, value, [], what);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        throw templateError(parsed.positions, path, error.issues[0]?.message ?? error.message);
      }
    },
  };
}

/** The document and where it came from, or undefined when the API has no definition. */
function definitionOf(context: MappingContext, reader: PropertyReader, keys: DefinitionKeys): { document: unknown; source: DefinitionSource } | undefined {
  if (reader.has(keys.body)) return { document: reader.properties[keys.body], source: inlineSource(context, reader.at(keys.body)) };
  if (!reader.has(keys.file)) return undefined;
  const file = reader.string(keys.file);
  if (file === undefined || /^s3:\/\//.test(file))
    throw context.error(
      reader.at(keys.file),
      `${reader.id}: ${keys.file}: expected the path of a local OpenAPI file (YAML or JSON, relative to the template), got ${JSON.stringify(reader.properties[keys.file])}`,
    );
  if (!context.readFile) throw context.error(reader.at(keys.file), `${reader.id}: ${keys.file}: no folder to read ${file} from`);
  let text: string;
  try {
    text = context.readFile(file);
  } catch (error) {
    throw context.error(reader.at(keys.file), `${reader.id}: ${keys.file}: ${file} could not be read: ${(error as Error).message}`);
  }
  const parsed = parseTemplate(text, file);
  return { document: parsed.body, source: fileSource(context, parsed) };
}

/** An HTTP API's definition, or undefined when it has none. */
export function httpDefinitionOf(context: MappingContext, reader: PropertyReader, keys: DefinitionKeys): HttpApiDefinition | undefined {
  const found = definitionOf(context, reader, keys);
  return found && httpApiDefinition(found.document, found.source);
}

/** A REST API's definition, or undefined when it has none. */
export function restDefinitionOf(context: MappingContext, reader: PropertyReader, keys: DefinitionKeys): RestApiDefinition | undefined {
  const found = definitionOf(context, reader, keys);
  return found && restApiDefinition(found.document, found.source);
}
