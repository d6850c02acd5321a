/**
 * CloudFormation's YAML short forms (`!Ref`, `!GetAtt`, `!Sub`, ...) as their long JSON forms, as the Framework
 * reads them in serverless.yml, so `resources` reaches the CloudFormation importer as a JSON template would.
 */

const FUNCTION_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'GetAtt',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'Length',
  'ToJsonString',
];

/** Tag (`!Sub`) to the key of its long form (`Fn::Sub`). */
export const CLOUDFORMATION_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...FUNCTION_TAGS.map((name) => [`!${name}`, `Fn::${name}`] as [string, string]),
]);

/** The long form of a tagged value; `!GetAtt Resource.Attribute` splits at the first dot, as CloudFormation does. */
export function longForm(tag: string, value: unknown): Record<string, unknown> | undefined {
  const key = CLOUDFORMATION_TAGS.get(tag);
  if (key === undefined) return undefined;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}
