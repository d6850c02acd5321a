/**
 * MOCK integrations (MAP-22): no backend. The rendered request template must be JSON with a `statusCode`; that
 * status selects the integration response (MAP-21, MAP-2), whose response template renders the reply.
 */
import type { LambdaError } from '../lambda/invoker.ts';
import type { Integration, IntegrationOutcome } from './contract.ts';
import {
  compileTemplatedRoute,
  type IntegrationResponseDefinition,
  type TemplatedBackend,
  type TemplatedIntegrationDefinition,
  type TemplatedRoute,
  type UnsupportedDirectiveWarning,
} from './templated-route.ts';

/** AWS::ApiGatewayV2::Integration with IntegrationType MOCK. */
export interface MockIntegrationDefinition extends TemplatedIntegrationDefinition {
  type: 'MOCK';
  integrationResponses?: readonly IntegrationResponseDefinition[];
}

const mockError = (errorMessage: string): LambdaError => ({ errorType: 'MockIntegrationError', errorMessage, trace: [] });
const failure = (errorMessage: string): IntegrationOutcome => ({ kind: 'failed', error: mockError(errorMessage) });

/** Object keys without quotes, as in `{statusCode:200}`. */
const BARE_KEY = /([{,]\s*)([A-Za-z_$][\w$]*)(\s*:)/g;

/**
 * The rendered request as JSON, or as JSON with bare object keys: API Gateway's MOCK reads `{statusCode:200}`, the
 * template the Serverless Framework and many guides write. Undefined when it is neither.
 */
function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(BARE_KEY, '$1"$2"$3'));
    } catch {
      return undefined;
    }
  }
}

/** The Integration contract for MOCK: `request` is the rendered request template; the answer is `{ statusCode }`. */
export function mockIntegration(): Integration {
  return {
    type: 'MOCK',
    call: async (request) => {
      const parsed = lenientJson(String(request));
      if (parsed === undefined) return failure('The MOCK request template did not render JSON');
      const statusCode = (parsed as { statusCode?: unknown } | null)?.statusCode;
      // UNVERIFIED: a rendered request without an integer statusCode fails the integration.
      if (!Number.isInteger(statusCode)) return failure('The MOCK request template rendered no integer statusCode');
      return { kind: 'answered', payload: { statusCode } };
    },
  };
}

/** MOCK as a templated route's backend: the status code is the key, and `$input` stays the message (MAP-22 Choice). */
function mockBackend(): TemplatedBackend {
  const integration = mockIntegration();
  return {
    async send(request, inputs) {
      const outcome = await integration.call(String(request));
      if (outcome.kind !== 'answered') return { kind: 'failed', error: 'error' in outcome ? outcome.error : mockError('The MOCK integration timed out') };
      const status = String((outcome.payload as { statusCode: number }).statusCode);
      // UNVERIFIED: a MOCK has no body, so an integration response without a template sends nothing.
      return { kind: 'answered', key: status, status, input: inputs.body };
    },
  };
}

export function compileMockRoute(definition: MockIntegrationDefinition, where = 'integration', warn?: UnsupportedDirectiveWarning): TemplatedRoute {
  return compileTemplatedRoute(definition, mockBackend(), where, warn);
}
