/**
 * A message route with a non-proxy integration (MAP-20, MAP-21): the request template (or passthrough) makes the
 * integration request, the backend answers, an integration response is chosen by key, and its response template
 * (or the answer itself) is the reply. MOCK, Lambda custom and HTTP differ only in their `TemplatedBackend`.
 */
import { compileSelectionExpression } from '../expressions/index.ts';
import type { LambdaError } from '../lambda/invoker.ts';
import {
  compileTemplate,
  integrationResponsePattern,
  type MappingTemplate,
  selectIntegrationResponse,
  selectTemplate,
  type TemplateInputs,
} from '../mapping/index.ts';

export type ContentHandling = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';

/** AWS::ApiGatewayV2::IntegrationResponse. */
export interface IntegrationResponseDefinition {
  /** IntegrationResponseKey: `/regex/` matched in full against the backend's key, or `$default`. */
  key: string;
  responseTemplates?: Readonly<Record<string, string>>;
  templateSelectionExpression?: string;
  contentHandlingStrategy?: ContentHandling;
}

/** The templates and settings of AWS::ApiGatewayV2::Integration that every non-proxy type shares. */
export interface TemplatedIntegrationDefinition {
  requestTemplates?: Readonly<Record<string, string>>;
  templateSelectionExpression?: string;
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  contentHandlingStrategy?: ContentHandling;
  integrationResponses?: readonly IntegrationResponseDefinition[];
}

/** What a backend said, in the terms integration responses are chosen by. */
export type BackendAnswer =
  | {
      kind: 'answered';
      /** What integration response keys are matched against: the status code, or a Lambda error's message (`''` on success). */
      key: string;
      /** `${integration.response.statuscode}`. */
      status: string;
      /** `${integration.response.header.<name>}`, lower-case names. */
      headers?: Readonly<Record<string, string>>;
      /** `$input` of the response templates. */
      input: string;
      /** Sent as it is when the chosen integration response has no template; absent: nothing to send. */
      data?: string | Buffer;
      /** A function error: with no integration response for it, the client gets the error frame. */
      isError?: boolean;
    }
  | { kind: 'failed'; error: LambdaError }
  | { kind: 'timed-out' };

export interface TemplatedBackend {
  /** Never rejects. `request` is the rendered template or the passed-through message. */
  send(request: string | Buffer, inputs: TemplateInputs): Promise<BackendAnswer>;
}

/**
 * What a message comes to: the route response's data, nothing, a failure (the WS-45 frame), a timeout (WS-46),
 * or a message no template takes under `passthroughBehavior` (MAP-20).
 */
export type TemplatedReply =
  | { kind: 'reply'; data: string | Buffer }
  | { kind: 'no-reply' }
  | { kind: 'failed'; error: LambdaError }
  | { kind: 'timed-out' }
  | { kind: 'unsupported' };

export interface TemplatedRoute {
  respond(inputs: TemplateInputs): Promise<TemplatedReply>;
}

/** Thrown at build time: names the template that does not parse. */
export class TemplateDefinitionError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}

/** Told once per template, at start, of directives that will render nothing (MAP-30). */
export type UnsupportedDirectiveWarning = (message: string) => void;

function compileAll(
  templates: Readonly<Record<string, string>> | undefined,
  where: string,
  warn: UnsupportedDirectiveWarning | undefined,
): Record<string, MappingTemplate> {
  const compiled: Record<string, MappingTemplate> = {};
  for (const [key, source] of Object.entries(templates ?? {})) {
    let template: MappingTemplate;
    try {
      template = compileTemplate(source);
    } catch (error) {
      throw new TemplateDefinitionError(`${where}["${key}"]`, (error as Error).message);
    }
    if (template.unsupported.length > 0) {
      warn?.(
        `${where}["${key}"]: ${template.unsupported.join(', ')} ${template.unsupported.length === 1 ? 'is' : 'are'} not supported in API Gateway mapping templates and render${template.unsupported.length === 1 ? 's' : ''} nothing`,
      );
    }
    compiled[key] = template;
  }
  return compiled;
}

const RESPONSE_VARIABLE = /\$\{integration\.response\.(statuscode|header\.[^}]+|multivalueheader\.[^}]+)\}/g;
const NAMES_RESPONSE = new RegExp(RESPONSE_VARIABLE.source);

/** The key a template selection expression gives; one naming the backend's answer is resolved per call (MAP-1). */
function selectionOf(
  source: string | undefined,
): (body: string, answer?: { status: string; headers?: Readonly<Record<string, string>> }) => string | undefined {
  if (source === undefined) return () => undefined;
  if (NAMES_RESPONSE.test(source)) {
    return (body, answer) => {
      const resolved = source.replace(RESPONSE_VARIABLE, (_, name: string) => {
        if (name === 'statuscode') return answer?.status ?? '';
        const header = name.slice(name.indexOf('.') + 1).toLowerCase();
        return answer?.headers?.[header] ?? '';
      });
      return compileSelectionExpression(resolved).evaluate(body);
    };
  }
  const expression = compileSelectionExpression(source);
  return (body) => expression.evaluate(body);
}

function rendered(template: MappingTemplate, inputs: TemplateInputs, where: string): { text: string } | { error: LambdaError } {
  try {
    return { text: template.render(inputs) };
  } catch (error) {
    return { error: { errorType: 'MappingTemplateError', errorMessage: `${where}: ${(error as Error).message}`, trace: [] } };
  }
}

/**
 * MAP-20, MAP-21: `CONVERT_TO_BINARY` reads text as base64; `CONVERT_TO_TEXT` writes bytes as base64; without a
 * strategy, bytes are read as UTF-8 text (WebSocket messages are text, WS-81).
 */
function converted(data: string | Buffer, strategy: ContentHandling | undefined): string | Buffer {
  if (typeof data !== 'string') return strategy === 'CONVERT_TO_BINARY' ? data : data.toString(strategy === 'CONVERT_TO_TEXT' ? 'base64' : 'utf8');
  return strategy === 'CONVERT_TO_BINARY' ? Buffer.from(data, 'base64') : data;
}

/** Compiles every template once; throws TemplateDefinitionError naming one that does not parse. */
export function compileTemplatedRoute(
  definition: TemplatedIntegrationDefinition,
  backend: TemplatedBackend,
  where = 'integration',
  warn?: UnsupportedDirectiveWarning,
): TemplatedRoute {
  const requestTemplates = compileAll(definition.requestTemplates, `${where}.requestTemplates`, warn);
  const hasTemplates = Object.keys(requestTemplates).length > 0;
  const selectRequest = selectionOf(definition.templateSelectionExpression);
  const passthrough = definition.passthroughBehavior ?? 'WHEN_NO_MATCH';
  const responses = (definition.integrationResponses ?? []).map((response, index) => ({
    key: response.key,
    pattern: integrationResponsePattern(response.key),
    templates: compileAll(response.responseTemplates, `${where}.integrationResponses[${index}].responseTemplates`, warn),
    select: selectionOf(response.templateSelectionExpression),
    contentHandling: response.contentHandlingStrategy,
    where: `${where}.integrationResponses[${index}]`,
  }));
  return {
    async respond(inputs) {
      const requestTemplate = selectTemplate(requestTemplates, selectRequest(inputs.body));
      let request: string;
      if (requestTemplate !== undefined) {
        const result = rendered(requestTemplate, inputs, `${where}.requestTemplates`);
        if ('error' in result) return { kind: 'failed', error: result.error };
        request = result.text;
      } else if (passthrough === 'WHEN_NO_MATCH' || (passthrough === 'WHEN_NO_TEMPLATES' && !hasTemplates)) {
        // MAP-20: the message passes unchanged.
        request = inputs.body;
      } else {
        return { kind: 'unsupported' };
      }
      const answer = await backend.send(converted(request, definition.contentHandlingStrategy), inputs);
      if (answer.kind !== 'answered') return answer;
      const response = selectIntegrationResponse(responses, answer.key);
      if (response === undefined) {
        // MAP-21 UNVERIFIED: an error no integration response takes fails as a proxy route's would; a success sends nothing.
        return answer.isError ? { kind: 'failed', error: { errorType: 'IntegrationError', errorMessage: answer.key, trace: [] } } : { kind: 'no-reply' };
      }
      const template = selectTemplate(response.templates, response.select(inputs.body, answer));
      if (template === undefined) {
        // MAP-21: no template sends the integration's result unchanged.
        return answer.data === undefined ? { kind: 'no-reply' } : { kind: 'reply', data: converted(answer.data, response.contentHandling) };
      }
      const result = rendered(template, { ...inputs, body: answer.input }, `${response.where}.responseTemplates`);
      return 'error' in result ? { kind: 'failed', error: result.error } : { kind: 'reply', data: converted(result.text, response.contentHandling) };
    },
  };
}
