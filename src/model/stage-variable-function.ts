/**
 * REST-58: a REST method's Lambda function named through a stage variable (`${stageVariables.alias}` in the
 * Integration Uri, as AWS's documentation shows for one API serving several functions by stage).
 */
const REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export const namesStageVariable = (name: string): boolean => name.includes('${stageVariables.');

/** The function name with the stage's values in place; `undefined` names the first variable the stage lacks. */
export function resolveFunctionName(name: string, variables: Readonly<Record<string, unknown>>): { name: string } | { missing: string } {
  let missing: string | undefined;
  const resolved = name.replace(REFERENCE, (_, variable: string) => {
    const value = variables[variable];
    if (typeof value === 'string') return value;
    missing ??= variable;
    return '';
  });
  return missing === undefined ? { name: resolved } : { missing };
}
