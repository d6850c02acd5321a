/**
 * REST-32: gateway response templates are not run by the VTL engine: `$context.*` and `$stageVariables.*`
 * references (also written `${context.*}`) are replaced by their values, everything else is text.
 */

export interface TemplateValues {
  context: Record<string, unknown>;
  stageVariables: Readonly<Record<string, string>>;
}

const REFERENCE = /\$(?:\{((?:context|stageVariables)(?:\.[A-Za-z_$][\w$-]*)+)\}|((?:context|stageVariables)(?:\.[A-Za-z_$][\w$]*)+))/g;

function valueAt(root: unknown, steps: readonly string[]): unknown {
  let value = root;
  for (const step of steps) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** UNVERIFIED: a reference to a value that does not exist renders as empty text; an object as its JSON. */
export function renderGatewayTemplate(template: string, values: TemplateValues): string {
  return template.replace(REFERENCE, (_match, braced: string | undefined, bare: string | undefined) => {
    const [root, ...steps] = (braced ?? bare ?? '').split('.');
    const value = valueAt(root === 'context' ? values.context : values.stageVariables, steps);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
