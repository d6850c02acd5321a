/** CloudFormation's YAML short-form tags (`!Ref`, `!GetAtt`, `!Sub`…) and the long forms they stand for. */

/** Every `!Name` tag CloudFormation defines, each meaning `{ "Fn::Name": value }` except the three below. */
const FUNCTION_TAGS = new Set([
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'ForEach',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
]);

/** The long-form key a tag stands for (`!Ref` → `Ref`, `!Join` → `Fn::Join`), or undefined for a tag CloudFormation lacks. */
export function longFormKey(tag: string): string | undefined {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return name;
  if (name === 'GetAtt' || FUNCTION_TAGS.has(name)) return `Fn::${name}`;
  return undefined;
}

/** `{ [key]: value }`, with `!GetAtt A.B`'s text split into `["A", "B"]`. */
export function longForm(key: string, value: unknown): Record<string, unknown> {
  return { [key]: key === 'Fn::GetAtt' && typeof value === 'string' ? splitGetAtt(value) : value };
}

export const UNKNOWN_TAG = 'expected a CloudFormation short form such as !Ref, !GetAtt, !Sub, !Join or !If';

/** `Db.Endpoint.Address` → `["Db", "Endpoint.Address"]`: the logical id ends at the first dot, attributes may hold more. */
function splitGetAtt(text: string): unknown {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}
