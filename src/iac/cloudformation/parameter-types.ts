/** What each CloudFormation parameter type means locally: a string or a list, numbers checked, SSM types needing a value. */

export interface ParameterKind {
  list: boolean;
  numeric: boolean;
  /** `AWS::SSM::Parameter::Value<…>`: the Default names an SSM parameter whose value Hoplite cannot read. */
  ssm: boolean;
}

const SSM_VALUE = /^AWS::SSM::Parameter::Value<(.+)>$/;
/** Types named on the parameters page; `AWS::…` types beyond these (new ones appear) are taken as strings too. */
const AWS_SPECIFIC = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+$/;

/** The kind of a `Type:` value, or undefined when CloudFormation has no such type. */
export function parameterKind(type: string): ParameterKind | undefined {
  const ssm = SSM_VALUE.exec(type);
  if (ssm) {
    // SSM String and StringList parameters: `Value<String>`, `Value<List<String>>`, or an AWS-specific type as for plain parameters.
    if (ssm[1] === 'List<String>') return { list: true, numeric: false, ssm: true };
    const inner = parameterKind(ssm[1]!);
    return inner && !inner.ssm ? { ...inner, ssm: true } : undefined;
  }
  if (type === 'String') return { list: false, numeric: false, ssm: false };
  if (type === 'Number') return { list: false, numeric: true, ssm: false };
  if (type === 'List<Number>') return { list: true, numeric: true, ssm: false };
  if (type === 'CommaDelimitedList') return { list: true, numeric: false, ssm: false };
  const listOf = /^List<(.+)>$/.exec(type)?.[1];
  if (listOf !== undefined) return AWS_SPECIFIC.test(listOf) ? { list: true, numeric: false, ssm: false } : undefined;
  if (AWS_SPECIFIC.test(type)) return { list: false, numeric: false, ssm: false };
  return undefined;
}
