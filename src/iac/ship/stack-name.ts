/** CloudFormation stack names: letters, digits and hyphens, starting with a letter, at most 128 characters. */

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const MAX_STACK_NAME_LENGTH = 128;

export function isStackName(name: string): boolean {
  return STACK_NAME.test(name);
}

/** A service name made a stack name: other characters become hyphens, leading non-letters are dropped. */
export function stackNameFor(serviceName: string): string {
  const name = serviceName
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, MAX_STACK_NAME_LENGTH);
  return name === '' ? 'hoplite-service' : name;
}
