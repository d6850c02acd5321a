/**
 * REST-33..35: a method's request validator, built once when the API starts and only for methods that name one:
 * required parameters present and not blank (BAD_REQUEST_PARAMETERS), then the body against the model of its content
 * type (BAD_REQUEST_BODY). The integration is not called when either fails.
 */
import type { RestApiModel, RestMethodModel } from '../model/types.ts';
import type { BodyProblems, ModelCompiler } from '../validation/index.ts';
import type { GatewayError } from './gateway-responses.ts';

export interface ValidatedRequest {
  rawHeaders: readonly string[];
  rawQuery: string;
  pathParameters: Readonly<Record<string, string>> | undefined;
  body: Buffer | undefined;
}

export type RequestCheck = (request: ValidatedRequest) => GatewayError | undefined;

/** REST-35: the model key that applies whatever the content type. */
const DEFAULT_CONTENT_TYPE = '$default';

export type Required = { where: 'querystring' | 'header' | 'path'; name: string };

function requiredParameters(parameters: Readonly<Record<string, boolean>> | undefined): Required[] {
  const required: Required[] = [];
  for (const [parameter, isRequired] of Object.entries(parameters ?? {})) {
    if (!isRequired) continue;
    const [, , where, ...name] = parameter.split('.');
    required.push({ where: where as Required['where'], name: name.join('.') });
  }
  return required;
}

/** UNVERIFIED: whitespace only is blank too. */
const isBlank = (value: string | undefined) => value === undefined || value.trim() === '';

function queryValues(rawQuery: string): URLSearchParams {
  return new URLSearchParams(rawQuery);
}

function headerOf(rawHeaders: readonly string[], lower: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}

/** REST-34: the names of the required parameters the request lacks, in the order the method declares them. */
function missingParameters(required: readonly Required[], request: ValidatedRequest): string[] {
  let query: URLSearchParams | undefined;
  const missing: string[] = [];
  for (const { where, name } of required) {
    let value: string | undefined;
    if (where === 'header') value = headerOf(request.rawHeaders, name.toLowerCase());
    else if (where === 'path') value = request.pathParameters?.[name];
    else {
      query ??= queryValues(request.rawQuery);
      const values = query.getAll(name);
      value = values[values.length - 1];
    }
    if (isBlank(value)) missing.push(name);
  }
  return missing;
}

/** REST-35: the media type without parameters, lowercased; missing is `application/json`. */
function mediaTypeOf(contentType: string | undefined): string {
  if (!contentType) return 'application/json';
  return (contentType.split(';')[0] as string).trim().toLowerCase();
}

/** REST-35: `undefined` when the body satisfies the model, else the validation error text. */
function bodyError(problems: BodyProblems, body: Buffer | undefined): string | undefined {
  let parsed: unknown;
  // UNVERIFIED: an empty body is validated as `{}`, as passthrough makes it the event (REST-10).
  if (!body || body.length === 0) parsed = {};
  else {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return '[Invalid JSON]';
    }
  }
  const found = problems(parsed);
  // DIFF: the messages are ajv's, not those of the Java validator AWS runs.
  return found.length === 0 ? undefined : `[${found.join(', ')}]`;
}

/** `undefined` when the method names no validator, or its validator checks nothing the method declares. */
export function requestCheckOf(api: RestApiModel, method: RestMethodModel, compile: ModelCompiler): RequestCheck | undefined {
  if (method.requestValidatorId === undefined) return undefined;
  const validator = api.requestValidators?.find((candidate) => candidate.name === method.requestValidatorId);
  if (!validator) return undefined;
  const required = validator.validateRequestParameters ? requiredParameters(method.requestParameters) : [];
  const bodyModels = new Map<string, BodyProblems>();
  if (validator.validateRequestBody) {
    for (const [contentType, modelName] of Object.entries(method.requestModels ?? {})) {
      const model = api.models?.[modelName];
      const compiled = model ? compile(model.schema) : undefined;
      // Models were compiled once by the definition's check: a failure here cannot happen.
      if (compiled?.ok) bodyModels.set(contentType === DEFAULT_CONTENT_TYPE ? contentType : contentType.toLowerCase(), compiled.problems);
    }
  }
  if (required.length === 0 && bodyModels.size === 0) return undefined;
  return (request) => {
    const missing = required.length > 0 ? missingParameters(required, request) : [];
    if (missing.length > 0) {
      const message = `Missing required request parameters: [${missing.join(', ')}]`;
      // UNVERIFIED: the validation error string of a parameter failure is its message.
      return { type: 'BAD_REQUEST_PARAMETERS', message, validationErrorString: message };
    }
    if (bodyModels.size === 0) return undefined;
    // REST-35: no model for the content type (and no `$default`) means no body validation.
    const problems = bodyModels.get(mediaTypeOf(headerOf(request.rawHeaders, 'content-type'))) ?? bodyModels.get(DEFAULT_CONTENT_TYPE);
    if (!problems) return undefined;
    const error = bodyError(problems, request.body);
    return error === undefined ? undefined : { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: error };
  };
}
