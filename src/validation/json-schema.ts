/** MAP-10: request models are JSON Schema draft 4, compiled once when an API starts and run on each message of a route that uses them. */
import ajvDraft04 from 'ajv-draft-04';

// The package is CommonJS: its class is the `default` of what Node hands an ES module.
const Ajv = ajvDraft04.default;

/** A compiled model: true when the parsed body satisfies it. */
export type BodyCheck = (body: unknown) => boolean;

/** What is wrong with a body: the validator's messages, empty when it satisfies the model. */
export type BodyProblems = (body: unknown) => string[];

export type ModelCompilation = { ok: true; check: BodyCheck; problems: BodyProblems } | { ok: false; problem: string };

/** Compiles the models of one API; one compiler per API so two gateways in a process share nothing. */
export type ModelCompiler = (schema: unknown) => ModelCompilation;

export function modelCompiler(): ModelCompiler {
  // UNVERIFIED: API Gateway ignores keywords it does not know and does not check `format`; non-strict mode does the same.
  const ajv = new Ajv({ strict: false, logger: false, allErrors: false });
  return (schema) => {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { ok: false, problem: 'a schema must be a JSON object' };
    try {
      const validate = ajv.compile(schema);
      const problems: BodyProblems = (body) =>
        validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath === '' ? 'object' : error.instancePath} ${error.message}`);
      return { ok: true, check: (body) => validate(body) as boolean, problems };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  };
}
