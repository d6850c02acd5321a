/** AUTH-5: evaluating an authorizer's IAM policy document against the method ARN. */

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

const INVOKE_ACTIONS = new Set(['execute-api:Invoke', 'execute-api:*', '*']);

/** AUTH-5: IAM wildcards, `*` any sequence (including `/`), `?` one character; case-sensitive, whole string. */
export function matchesPattern(pattern: string, value: string): boolean {
  let source = '^';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`${source}$`, 's').test(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A statement applies when one of its actions invokes (wildcards included) and one of its resources matches the ARN. */
function applies(statement: { Action?: unknown; Resource?: unknown }, methodArn: string): boolean {
  const invokes = listOf(statement.Action).some(
    (action) => typeof action === 'string' && (INVOKE_ACTIONS.has(action) || matchesPattern(action, 'execute-api:Invoke')),
  );
  return invokes && listOf(statement.Resource).some((resource) => typeof resource === 'string' && matchesPattern(resource, methodArn));
}

/** AUTH-5: any applicable Deny wins, else any applicable Allow, else an implicit deny. `statements` were checked by the result validator. */
export function evaluatePolicy(statements: readonly { Effect: string; Action?: unknown; Resource?: unknown }[], methodArn: string): PolicyDecision {
  let allowed = false;
  for (const statement of statements) {
    if (!applies(statement, methodArn)) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}
