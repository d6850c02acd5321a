/** Options parsed once, at construction: every issue becomes one line of HOPLITE_ERR_OPTION_INVALID naming the option, what was given and what is expected. */
import type { z } from 'zod';
import { HopliteError } from '../errors.ts';
import { maskUrlCredentials } from '../internal/mask.ts';
import { MAX_PORT } from './expect.ts';
import { OPTION_META } from './meta.ts';
import { GATEWAY_OPTION_SHAPE, type GatewayOptions, gatewayOptionsSchema, type ParsedGatewayOptions } from './schema.ts';

/** `connectionLimits.firstByteTimeoutMs`, `hostAliases[0]`. */
export function pathName(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** A given value as a message shows it: JSON, shortened, with credentials in URLs masked. */
export function describeGiven(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  const text = JSON.stringify(value) ?? String(value);
  return maskUrlCredentials(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** A secret option's value is described by its kind only. */
function describeSecret(value: unknown): string {
  return Array.isArray(value) ? `an array of ${value.length}` : value === null ? 'null' : `a value of type ${typeof value}`;
}

function isSecret(name: PropertyKey | undefined): boolean {
  if (typeof name !== 'string' || !Object.hasOwn(GATEWAY_OPTION_SHAPE, name)) return false;
  const meta = OPTION_META.get(GATEWAY_OPTION_SHAPE[name as keyof typeof GATEWAY_OPTION_SHAPE]);
  return meta?.secret === true;
}

/** `option <path>: expected <what>, got <value>`, one line per issue (one per unknown key). */
export function optionIssueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `option ${pathName([...issue.path, key])}: expected ${issue.message}, got ${JSON.stringify(key)}`);
    }
    const name = issue.path.length === 0 ? 'options' : `option ${pathName(issue.path)}`;
    const given = isSecret(issue.path[0]) ? describeSecret(issue.input) : describeGiven(issue.input);
    return [`${name}: expected ${issue.message}, got ${given}`];
  });
}

export function parseGatewayOptions(options: GatewayOptions = {}): ParsedGatewayOptions {
  const parsed = gatewayOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) throw new HopliteError('HOPLITE_ERR_OPTION_INVALID', optionIssueLines(parsed.error.issues).join('\n'));
  return parsed.data;
}

/**
 * A service takes consecutive ports from `port`: its APIs, its sites, then its Lambda Invoke API. Throws when the
 * last of them would be past 65535; port 0 (free ports) always fits.
 */
export function checkPortsFit(port: number, portsNeeded: number): void {
  const last = port + portsNeeded - 1;
  if (port === 0 || last <= MAX_PORT) return;
  throw new HopliteError(
    'HOPLITE_ERR_OPTION_INVALID',
    `option port: the service needs ${portsNeeded} consecutive ports from ${port} (its APIs, sites and Lambda Invoke API) and the last would be ${last}, past ${MAX_PORT}; expected a port from 1 to ${MAX_PORT - portsNeeded + 1}, or 0 for free ports, got ${port}`,
  );
}
