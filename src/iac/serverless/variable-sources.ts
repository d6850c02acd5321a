/**
 * The variable sources: each turns an address and params into a value, or says why it has none (the caller
 * then tries the next fallback). Semantics follow the Framework's sources (lib/configuration/variables/sources).
 */
import { extname, relative, resolve, sep } from 'node:path';
import { callResolver, type SourceRequest, type SourceResult, type VariableSource } from './source-request.ts';
import { OVERRIDE_FLAG } from './variable-context.ts';
import { VariableError } from './variable-error.ts';
import { readFileValue } from './variable-file.ts';

const found = (value: unknown): SourceResult => (value === undefined || value === null ? { found: false, reason: 'no value' } : { found: true, value });

const self: VariableSource = async ({ address, lookup, context }) => {
  const keys = address ? address.split('.') : [];
  const value = await lookup(keys);
  return value === undefined || value === null ? { found: false, reason: `${context.file} has no value at ${address}` } : { found: true, value };
};

const opt: VariableSource = ({ address, context }) => {
  if (!address) return found(context.options);
  const value = context.options[address];
  return value === undefined || value === null ? { found: false, reason: `no --${address} option was given` } : { found: true, value };
};

const env: VariableSource = ({ address, context }) => {
  if (!address) throw new VariableError('missing the variable name: ${env:NAME}');
  // As the Framework: an empty variable counts as unset.
  const value = context.env[address];
  return value ? { found: true, value } : { found: false, reason: `environment variable ${address} is not set` };
};

/** `--stage`, else `provider.stage`, else `dev`: the stage the Framework deploys to. */
export async function stageOf(request: SourceRequest): Promise<string> {
  const option = request.context.options.stage;
  if (typeof option === 'string' && option !== '') return option;
  const configured = await request.lookup(['provider', 'stage']);
  return typeof configured === 'string' && configured !== '' ? configured : 'dev';
}

const sls: VariableSource = async (request) => {
  if (request.address === 'stage') return { found: true, value: await stageOf(request) };
  if (request.address === 'instanceId') return { found: true, value: request.context.instanceId };
  throw new VariableError(`unsupported address "${request.address ?? ''}": the sls source has stage and instanceId`);
};

/** `--param`, then `params.<stage>`, `params.default` (v3), then `stages.<stage>.params`, `stages.default.params` (v4). */
const param: VariableSource = async (request) => {
  const name = request.address;
  if (!name) throw new VariableError('missing the parameter name: ${param:name}');
  const given = request.context.params[name];
  if (given !== undefined) return { found: true, value: given };
  const stage = await stageOf(request);
  for (const keys of [
    ['params', stage, name],
    ['params', 'default', name],
    ['stages', stage, 'params', name],
    ['stages', 'default', 'params', name],
  ]) {
    const value = await request.lookup(keys);
    if (value !== undefined && value !== null) return { found: true, value };
  }
  return { found: false, reason: `no parameter "${name}" for stage "${stage}": pass --param "${name}=<value>" or set params.${stage}.${name}` };
};

const file: VariableSource = async (request) => {
  const [path] = request.params;
  if (typeof path !== 'string' || path === '') throw new VariableError('missing the file path: ${file(./path.yml)}');
  const { serviceDir } = request.context;
  const absolute = resolve(serviceDir, path);
  if (!absolute.startsWith(`${serviceDir}${sep}`)) throw new VariableError(`${path} is outside the service directory; files must be inside it`);
  const shown = relative(serviceDir, absolute);
  const content = await readFileValue(absolute, shown, extname(absolute), request);
  if (content === undefined) return { found: false, reason: `file ${shown} does not exist` };
  if (!request.address) return found(content.value);
  let value = content.value;
  let called = content.called;
  for (const key of request.address.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'function' && !called) {
      value = await callResolver(value, request, `${request.address} of ${shown}`);
      called = true;
    }
    if (value === undefined || value === null) return { found: false, reason: `${shown} has no value at ${request.address}` };
  }
  return { found: true, value };
};

const strToBool: VariableSource = ({ params }) => {
  const [input] = params;
  if (input === undefined || input === null) throw new VariableError('missing the input: ${strToBool(value)}');
  if (typeof input !== 'string' && typeof input !== 'boolean' && typeof input !== 'number') {
    throw new VariableError(`expected a string input, got ${typeof input}`);
  }
  const text = String(input).trim().toLowerCase();
  if (text === 'true' || text === '1') return { found: true, value: true };
  if (text === 'false' || text === '0') return { found: true, value: false };
  throw new VariableError(`expected "true", "false", "0" or "1", got "${String(input)}"`);
};

/** Sources whose values live in AWS: only an override (`--variable 'cf:stack.Output=value'`) gives them locally. */
const fromOverride: VariableSource = ({ type, address, params, context }) => {
  const keyed = `${type}:${address ?? ''}`;
  const withParams = params.length > 0 ? `${type}(${params.join(',')}):${address ?? ''}` : keyed;
  for (const key of [withParams, keyed]) {
    if (key in context.overrides) return found(context.overrides[key]);
  }
  return { found: false, reason: `its value lives in AWS, which Hoplite does not ask: pass ${OVERRIDE_FLAG} '${keyed}=<value>' or give a default` };
};

export const SOURCES: Readonly<Record<string, VariableSource>> = {
  self,
  opt,
  env,
  sls,
  param,
  file,
  strToBool,
  cf: fromOverride,
  ssm: fromOverride,
  aws: fromOverride,
  s3: fromOverride,
};
