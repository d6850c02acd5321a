/**
 * MOCK integrations (MAP-22): no backend. The rendered request template must be JSON with a `statusCode`; that
 * status selects the integration response (MAP-21, MAP-2), whose response template renders the reply.
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
import type { Integration, IntegrationOutcome } from './contract.ts';

/** AWS::ApiGatewayV2::IntegrationResponse, as a MOCK route's integration names it. */
export interface MockIntegrationResponseDefinition {
  /** IntegrationResponseKey: `/regex/` matched in full against the status code, or `$default`. */
  key: string;
  responseTemplates?: Readonly<Record<string, string>>;
  templateSelectionExpression?: string;
}

/** AWS::ApiGatewayV2::Integration with IntegrationType MOCK. */
export interface MockIntegrationDefinition {
  type: 'MOCK';
  requestTemplates?: Readonly<Record<string, string>>;
  templateSelectionExpression?: string;
  integrationResponses?: readonly MockIntegrationResponseDefinition[];
}

const mockError = (errorMessage: string): LambdaError => ({ errorType: 'MockIntegrationError', errorMessage, trace: [] });
const failure = (errorMessage: string): IntegrationOutcome => ({ kind: 'failed', error: mockError(errorMessage) });

/** The Integration contract for MOCK: `request` is the rendered request template; the answer is `{ statusCode }`. */
export function mockIntegration(): Integration {
  return {
    type: 'MOCK',
    call: async (request) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(request));
      } catch {
        return failure('The MOCK request template did not render JSON');
      }
      const statusCode = (parsed as { statusCode?: unknown } | null)?.statusCode;
      // UNVERIFIED: a rendered request without an integer statusCode fails the integration.
      if (!Number.isInteger(statusCode)) return failure('The MOCK request template rendered no integer statusCode');
      return { kind: 'answered', payload: { statusCode } };
    },
  };
}

/** What a message on a MOCK route comes to: the reply text (for the route response), no reply, or a failure. */
export type MockReply = { kind: 'reply'; text: string } | { kind: 'no-reply' } | { kind: 'failed'; error: LambdaError };

export interface MockRoute {
  respond(inputs: TemplateInputs): Promise<MockReply>;
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

function compileAll(templates: Readonly<Record<string, string>> | undefined, where: string): Record<string, MappingTemplate> {
  const compiled: Record<string, MappingTemplate> = {};
  for (const [key, source] of Object.entries(templates ?? {})) {
    try {
      compiled[key] = compileTemplate(source);
    } catch (error) {
      throw new TemplateDefinitionError(`${where}["${key}"]`, (error as Error).message);
    }
  }
  return compiled;
}

const STATUS_VARIABLE = /\$\{integration\.response\.statuscode\}|\$integration\.response\.statuscode/;
const STATUS_VARIABLES = new RegExp(STATUS_VARIABLE.source, 'g');

/** The key a template selection expression gives; one naming the status is resolved per call (MAP-1). */
function selectionOf(source: string | undefined): (body: string, status: string) => string | undefined {
  if (source === undefined) return () => undefined;
  if (STATUS_VARIABLE.test(source)) return (body, status) => compileSelectionExpression(source.replace(STATUS_VARIABLES, status)).evaluate(body);
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

/** Compiles every template of a MOCK integration once; throws TemplateDefinitionError naming one that does not parse. */
export function compileMockRoute(definition: MockIntegrationDefinition, where = 'integration'): MockRoute {
  const requestTemplates = compileAll(definition.requestTemplates, `${where}.requestTemplates`);
  const selectRequest = selectionOf(definition.templateSelectionExpression);
  const responses = (definition.integrationResponses ?? []).map((response, index) => ({
    key: response.key,
    pattern: integrationResponsePattern(response.key),
    templates: compileAll(response.responseTemplates, `${where}.integrationResponses[${index}].responseTemplates`),
    select: selectionOf(response.templateSelectionExpression),
    where: `${where}.integrationResponses[${index}]`,
  }));
  const integration = mockIntegration();
  return {
    async respond(inputs) {
      const requestTemplate = selectTemplate(requestTemplates, selectRequest(inputs.body, ''));
      // MAP-20: no template passes the message through (WHEN_NO_MATCH).
      let request = inputs.body;
      if (requestTemplate !== undefined) {
        const result = rendered(requestTemplate, inputs, `${where}.requestTemplates`);
        if ('error' in result) return { kind: 'failed', error: result.error };
        request = result.text;
      }
      const outcome = await integration.call(request);
      if (outcome.kind !== 'answered') return { kind: 'failed', error: 'error' in outcome ? outcome.error : mockError('The MOCK integration timed out') };
      const status = String((outcome.payload as { statusCode: number }).statusCode);
      // MAP-21, MAP-22: for MOCK the integration response is selected by the status code.
      const response = selectIntegrationResponse(responses, status);
      // UNVERIFIED: no matching integration response, or one without a template, sends nothing (MOCK has no body).
      if (response === undefined) return { kind: 'no-reply' };
      const template = selectTemplate(response.templates, response.select(inputs.body, status));
      if (template === undefined) return { kind: 'no-reply' };
      // MAP-22 Choice: `$input` is the original message and `$context` the message's.
      const result = rendered(template, inputs, `${response.where}.responseTemplates`);
      return 'error' in result ? { kind: 'failed', error: result.error } : { kind: 'reply', text: result.text };
    },
  };
}
