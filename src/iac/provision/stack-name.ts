/** The stack a service ships to when `--stack-name` names none. */

/** CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128 characters. */
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;

export function isValidStackName(name: string): boolean {
  return STACK_NAME.test(name);
}

/** The service's name with every other character turned into a hyphen, led by a letter: `chat_app` → `chat-app`. */
export function stackNameFor(serviceName: string): string {
  const cleaned = serviceName.replace(/[^-A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const led = /^[A-Za-z]/.test(cleaned) ? cleaned : `hoplite-${cleaned}`;
  return led.slice(0, 128).replace(/-+$/, '');
}
